package io.rapport.metadata;

import java.time.ZoneId;

/**
 * How the text of an imported CSV/Excel cell is read: the importer's day/month order and time zone.
 *
 * @param dayFirst whether 03/04/2027 is the 3rd of April (every language but English)
 * @param zone the time zone local date-times are in
 */
public record CellContext(boolean dayFirst, ZoneId zone) {

    public static CellContext of(String language, ZoneId zone) {
        return new CellContext(!language.startsWith("en"), zone);
    }
}
