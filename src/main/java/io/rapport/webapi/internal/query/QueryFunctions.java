package io.rapport.webapi.internal.query;

import io.rapport.query.ConditionOperator;
import java.util.Map;
import java.util.Optional;

/** The Dataverse query functions ({@code Microsoft.Dynamics.CRM.In}, {@code LastXDays}...) by name. */
public final class QueryFunctions {

    private static final Map<String, ConditionOperator> FUNCTIONS = Map.ofEntries(
            Map.entry("In", ConditionOperator.IN), Map.entry("NotIn", ConditionOperator.NOT_IN),
            Map.entry("Between", ConditionOperator.BETWEEN), Map.entry("NotBetween", ConditionOperator.NOT_BETWEEN),
            Map.entry("Today", ConditionOperator.TODAY), Map.entry("Yesterday", ConditionOperator.YESTERDAY),
            Map.entry("Tomorrow", ConditionOperator.TOMORROW),
            Map.entry("Last7Days", ConditionOperator.LAST_SEVEN_DAYS),
            Map.entry("Next7Days", ConditionOperator.NEXT_SEVEN_DAYS),
            Map.entry("LastXHours", ConditionOperator.LAST_X_HOURS),
            Map.entry("NextXHours", ConditionOperator.NEXT_X_HOURS),
            Map.entry("LastXDays", ConditionOperator.LAST_X_DAYS), Map.entry("NextXDays", ConditionOperator.NEXT_X_DAYS),
            Map.entry("LastXWeeks", ConditionOperator.LAST_X_WEEKS),
            Map.entry("NextXWeeks", ConditionOperator.NEXT_X_WEEKS),
            Map.entry("LastXMonths", ConditionOperator.LAST_X_MONTHS),
            Map.entry("NextXMonths", ConditionOperator.NEXT_X_MONTHS),
            Map.entry("LastXYears", ConditionOperator.LAST_X_YEARS),
            Map.entry("NextXYears", ConditionOperator.NEXT_X_YEARS),
            Map.entry("OlderThanXDays", ConditionOperator.OLDER_THAN_X_DAYS),
            Map.entry("OlderThanXMonths", ConditionOperator.OLDER_THAN_X_MONTHS),
            Map.entry("ThisWeek", ConditionOperator.THIS_WEEK), Map.entry("LastWeek", ConditionOperator.LAST_WEEK),
            Map.entry("NextWeek", ConditionOperator.NEXT_WEEK), Map.entry("ThisMonth", ConditionOperator.THIS_MONTH),
            Map.entry("LastMonth", ConditionOperator.LAST_MONTH), Map.entry("NextMonth", ConditionOperator.NEXT_MONTH),
            Map.entry("ThisYear", ConditionOperator.THIS_YEAR), Map.entry("LastYear", ConditionOperator.LAST_YEAR),
            Map.entry("NextYear", ConditionOperator.NEXT_YEAR), Map.entry("On", ConditionOperator.ON),
            Map.entry("NotOn", ConditionOperator.NOT_ON), Map.entry("OnOrBefore", ConditionOperator.ON_OR_BEFORE),
            Map.entry("OnOrAfter", ConditionOperator.ON_OR_AFTER), Map.entry("Under", ConditionOperator.UNDER),
            Map.entry("UnderOrEqual", ConditionOperator.UNDER_OR_EQUAL),
            Map.entry("NotUnder", ConditionOperator.NOT_UNDER), Map.entry("Above", ConditionOperator.ABOVE),
            Map.entry("AboveOrEqual", ConditionOperator.ABOVE_OR_EQUAL),
            Map.entry("EqualUserId", ConditionOperator.EQUAL_USER_ID),
            Map.entry("NotEqualUserId", ConditionOperator.NOT_EQUAL_USER_ID),
            Map.entry("EqualBusinessId", ConditionOperator.EQUAL_BUSINESS_ID),
            Map.entry("NotEqualBusinessId", ConditionOperator.NOT_EQUAL_BUSINESS_ID),
            Map.entry("ContainValues", ConditionOperator.CONTAIN_VALUES),
            Map.entry("DoesNotContainValues", ConditionOperator.NOT_CONTAIN_VALUES));

    private QueryFunctions() {
    }

    /** The operator of a function written {@code Microsoft.Dynamics.CRM.<Name>} (the prefix is required). */
    static Optional<ConditionOperator> operator(String qualifiedName) {
        String prefix = "Microsoft.Dynamics.CRM.";
        if (!qualifiedName.startsWith(prefix)) {
            return Optional.empty();
        }
        return Optional.ofNullable(FUNCTIONS.get(qualifiedName.substring(prefix.length())));
    }
}
