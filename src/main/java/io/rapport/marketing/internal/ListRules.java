package io.rapport.marketing.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.marketing.MarketingListMembers;
import io.rapport.record.Entity;

/** The checks every change of a list's static members passes, whichever message makes it. */
final class ListRules {

    static final String[] LIST_COLUMNS = MarketingListMembers.LIST_COLUMNS;

    private ListRules() {
    }

    static boolean dynamic(Entity list) {
        return MarketingListMembers.dynamic(list);
    }

    static String memberEntity(Entity list) {
        return MarketingListMembers.memberEntity(list);
    }

    /** Refuses member changes on a locked or dynamic list. */
    static void requireStaticUnlocked(Entity list) {
        if (dynamic(list)) {
            throw new RapportException(ErrorCode.BUSINESS_RULE, "The marketing list '" + list.getString("listname")
                    + "' is dynamic: its members are what its query returns; change the query instead.", "type");
        }
        if (Boolean.TRUE.equals(list.get("lockstatus"))) {
            throw new RapportException(ErrorCode.BUSINESS_RULE, "The marketing list '" + list.getString("listname")
                    + "' is locked; unlock it before changing its members.", "lockstatus");
        }
    }

    /** Refuses a member whose entity is not the list's member type. */
    static void requireMemberType(Entity list, String entity) {
        String expected = memberEntity(list);
        if (!expected.equals(entity)) {
            throw new RapportException(ErrorCode.INVALID_LOOKUP_TYPE, "The marketing list '"
                    + list.getString("listname") + "' holds " + expected + " records; a " + entity
                    + " cannot be a member of it.", "entityid");
        }
    }
}
