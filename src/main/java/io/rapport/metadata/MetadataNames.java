package io.rapport.metadata;

import java.util.Locale;
import java.util.regex.Pattern;

/** Naming rules shared by built-in and custom metadata. */
public final class MetadataNames {

    private static final Pattern LOGICAL_NAME = Pattern.compile("[a-z][a-z0-9_]{0,49}");

    private MetadataNames() {
    }

    /** {@code parentaccountid} becomes {@code Parentaccountid}; {@code new_rank} becomes {@code new_Rank}. */
    /**
     * The MetadataId of a metadata item, stable across nodes and restarts: a name-based UUID of its kind and names,
     * e.g. {@code metadataId("attribute", "account", "name")}.
     */
    public static java.util.UUID metadataId(String... parts) {
        return java.util.UUID.nameUUIDFromBytes(String.join("/", parts)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public static String pascal(String logicalName) {
        int underscore = logicalName.indexOf('_');
        if (underscore > 0 && underscore < logicalName.length() - 1) {
            return logicalName.substring(0, underscore + 1)
                    + Character.toUpperCase(logicalName.charAt(underscore + 1))
                    + logicalName.substring(underscore + 2);
        }
        return Character.toUpperCase(logicalName.charAt(0)) + logicalName.substring(1);
    }

    public static boolean isValidLogicalName(String name) {
        return name != null && LOGICAL_NAME.matcher(name).matches();
    }

    /** Naive English plural for entity set names of custom entities ({@code new_project} → {@code new_projects}). */
    public static String plural(String logicalName) {
        String n = logicalName.toLowerCase(Locale.ROOT);
        if (n.endsWith("y") && !n.endsWith("ay") && !n.endsWith("ey") && !n.endsWith("oy")) {
            return n.substring(0, n.length() - 1) + "ies";
        }
        if (n.endsWith("s") || n.endsWith("x") || n.endsWith("ch") || n.endsWith("sh")) {
            return n + "es";
        }
        return n + "s";
    }
}
