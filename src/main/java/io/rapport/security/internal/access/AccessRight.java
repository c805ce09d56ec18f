package io.rapport.security.internal.access;

import io.rapport.pipeline.Privilege;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Dataverse's AccessRights flags, as used by sharing (PrincipalAccess.AccessMask) and RetrievePrincipalAccess. */
public enum AccessRight {
    READ(1, "ReadAccess", Privilege.READ),
    WRITE(2, "WriteAccess", Privilege.WRITE),
    APPEND(4, "AppendAccess", Privilege.APPEND),
    APPEND_TO(16, "AppendToAccess", Privilege.APPEND_TO),
    CREATE(32, "CreateAccess", Privilege.CREATE),
    DELETE(65536, "DeleteAccess", Privilege.DELETE),
    SHARE(262144, "ShareAccess", Privilege.SHARE),
    ASSIGN(524288, "AssignAccess", Privilege.ASSIGN);

    /** The rights a share can carry (create is not a right on an existing record). */
    public static final int SHAREABLE = READ.mask | WRITE.mask | APPEND.mask | APPEND_TO.mask | DELETE.mask
            | SHARE.mask | ASSIGN.mask;

    private final int mask;
    private final String dataverseName;
    private final Privilege privilege;

    AccessRight(int mask, String dataverseName, Privilege privilege) {
        this.mask = mask;
        this.dataverseName = dataverseName;
        this.privilege = privilege;
    }

    public int mask() {
        return mask;
    }

    public Privilege privilege() {
        return privilege;
    }

    public boolean in(int rights) {
        return (rights & mask) != 0;
    }

    public static AccessRight of(Privilege p) {
        for (AccessRight r : values()) {
            if (r.privilege == p) {
                return r;
            }
        }
        throw new IllegalArgumentException(p.name());
    }

    /** The flags as the Web API writes them: {@code "ReadAccess, WriteAccess"}, or {@code "None"}. */
    public static String format(int rights) {
        List<String> names = new ArrayList<>();
        for (AccessRight r : values()) {
            if (r.in(rights)) {
                names.add(r.dataverseName);
            }
        }
        return names.isEmpty() ? "None" : String.join(", ", names);
    }

    /** Reads a mask given as a number or as comma-separated names (ReadAccess, WriteAccess). */
    public static int parse(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Number n) {
            return n.intValue();
        }
        String s = value.toString().trim();
        if (s.matches("\\d+")) {
            return Integer.parseInt(s);
        }
        int mask = 0;
        for (String part : s.split("[,|]")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty() || name.equals("none")) {
                continue;
            }
            boolean found = false;
            for (AccessRight r : values()) {
                if (r.dataverseName.toLowerCase(Locale.ROOT).equals(name)) {
                    mask |= r.mask;
                    found = true;
                }
            }
            if (!found) {
                throw new IllegalArgumentException("Unknown access right '" + part.trim() + "'");
            }
        }
        return mask;
    }
}
