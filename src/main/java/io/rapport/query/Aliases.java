package io.rapport.query;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import java.util.regex.Pattern;

/**
 * The rule for the aliases a grouped query names its columns by: they become SQL column labels, so they are
 * identifiers of at most 60 characters (PostgreSQL keeps 63 and would silently cut a longer one).
 */
final class Aliases {

    static final int MAX_LENGTH = 60;
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Aliases() {
    }

    static String check(String alias) {
        if (alias == null || alias.isEmpty()) {
            throw new RapportException(ErrorCode.QUERY_INVALID, "Every grouped or aggregate column needs an alias.");
        }
        if (alias.length() > MAX_LENGTH || !IDENTIFIER.matcher(alias).matches()) {
            throw new RapportException(ErrorCode.QUERY_INVALID, "The alias '" + abbreviate(alias) + "' must be "
                    + "letters, digits and underscores, start with a letter or underscore and be at most "
                    + MAX_LENGTH + " characters long.");
        }
        return alias;
    }

    private static String abbreviate(String alias) {
        return alias.length() <= MAX_LENGTH ? alias : alias.substring(0, MAX_LENGTH) + "…";
    }
}
