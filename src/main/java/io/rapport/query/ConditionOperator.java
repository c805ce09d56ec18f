package io.rapport.query;

/** Condition operators, named as Dataverse's ConditionOperator; each is translated to SQL by the store. */
public enum ConditionOperator {
    EQUAL, NOT_EQUAL, GREATER_THAN, GREATER_EQUAL, LESS_THAN, LESS_EQUAL,
    LIKE, NOT_LIKE, BEGINS_WITH, NOT_BEGIN_WITH, ENDS_WITH, NOT_END_WITH, CONTAINS, NOT_CONTAIN,
    IN, NOT_IN, NULL, NOT_NULL, BETWEEN, NOT_BETWEEN,
    TODAY, YESTERDAY, TOMORROW, LAST_SEVEN_DAYS, NEXT_SEVEN_DAYS,
    LAST_X_HOURS, NEXT_X_HOURS, LAST_X_DAYS, NEXT_X_DAYS, LAST_X_WEEKS, NEXT_X_WEEKS,
    LAST_X_MONTHS, NEXT_X_MONTHS, LAST_X_YEARS, NEXT_X_YEARS, OLDER_THAN_X_DAYS, OLDER_THAN_X_MONTHS,
    THIS_WEEK, LAST_WEEK, NEXT_WEEK, THIS_MONTH, LAST_MONTH, NEXT_MONTH, THIS_YEAR, LAST_YEAR, NEXT_YEAR,
    ON, NOT_ON, ON_OR_BEFORE, ON_OR_AFTER,
    UNDER, UNDER_OR_EQUAL, NOT_UNDER, ABOVE, ABOVE_OR_EQUAL,
    EQUAL_USER_ID, NOT_EQUAL_USER_ID, EQUAL_BUSINESS_ID, NOT_EQUAL_BUSINESS_ID,
    CONTAIN_VALUES, NOT_CONTAIN_VALUES;

    /** How many values the operator takes: 0, 1, 2, or -1 for one or more. */
    public int arity() {
        return switch (this) {
            case NULL, NOT_NULL, TODAY, YESTERDAY, TOMORROW, LAST_SEVEN_DAYS, NEXT_SEVEN_DAYS, THIS_WEEK, LAST_WEEK,
                    NEXT_WEEK, THIS_MONTH, LAST_MONTH, NEXT_MONTH, THIS_YEAR, LAST_YEAR, NEXT_YEAR, EQUAL_USER_ID,
                    NOT_EQUAL_USER_ID, EQUAL_BUSINESS_ID, NOT_EQUAL_BUSINESS_ID -> 0;
            case BETWEEN, NOT_BETWEEN -> 2;
            case IN, NOT_IN, CONTAIN_VALUES, NOT_CONTAIN_VALUES -> -1;
            default -> 1;
        };
    }

    /** Operators whose single value is a count of units (days, months...) rather than a value of the attribute. */
    public boolean takesCount() {
        return name().contains("_X_");
    }

    public boolean isHierarchical() {
        return this == UNDER || this == UNDER_OR_EQUAL || this == NOT_UNDER || this == ABOVE
                || this == ABOVE_OR_EQUAL;
    }
}
