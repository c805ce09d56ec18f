package io.rapport.security.internal.access;

import java.util.Locale;

/**
 * How far a privilege reaches, as Dataverse's depths: the user's own records (and their teams'), the business
 * unit's, the business unit's and its descendants', or the whole organization's. {@code mask} is the value
 * stored in {@code sys_roleprivilege.depthmask} (Dataverse's privilegedepthmask).
 */
public enum AccessDepth {
    NONE(0, "None"),
    BASIC(1, "Basic"),
    LOCAL(2, "Local"),
    DEEP(4, "Deep"),
    GLOBAL(8, "Global");

    private final int mask;
    private final String dataverseName;

    AccessDepth(int mask, String dataverseName) {
        this.mask = mask;
        this.dataverseName = dataverseName;
    }

    public int mask() {
        return mask;
    }

    /** Basic, Local, Deep or Global, as the Web API's PrivilegeDepth enumeration names them. */
    public String dataverseName() {
        return dataverseName;
    }

    public static AccessDepth ofMask(int mask) {
        for (AccessDepth d : values()) {
            if (d.mask == mask) {
                return d;
            }
        }
        throw new IllegalArgumentException("Unknown privilege depth mask " + mask);
    }

    /**
     * Reads a depth from configuration or a request: Dataverse's names (Basic, Local, Deep, Global), their
     * numbers in the PrivilegeDepth enumeration (0-3) or the descriptive names user, businessunit, parentchild,
     * organization.
     */
    public static AccessDepth parse(Object value) {
        if (value instanceof Number n) {
            return switch (n.intValue()) {
                case 0 -> BASIC;
                case 1 -> LOCAL;
                case 2 -> DEEP;
                case 3 -> GLOBAL;
                default -> throw new IllegalArgumentException("Unknown privilege depth " + n);
            };
        }
        String s = String.valueOf(value).trim().toLowerCase(Locale.ROOT).replace("_", "").replace(":", "")
                .replace(" ", "");
        return switch (s) {
            case "0", "basic", "user" -> BASIC;
            case "1", "local", "businessunit", "bu" -> LOCAL;
            case "2", "deep", "parentchild", "parentchildbusinessunits" -> DEEP;
            case "3", "global", "organization", "org" -> GLOBAL;
            case "none" -> NONE;
            default -> throw new IllegalArgumentException("Unknown privilege depth '" + value + "'");
        };
    }

    public AccessDepth max(AccessDepth other) {
        return other.mask > mask ? other : this;
    }
}
