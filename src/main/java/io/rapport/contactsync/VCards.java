package io.rapport.contactsync;

import ezvcard.VCard;
import ezvcard.VCardVersion;
import ezvcard.io.text.VCardReader;
import io.rapport.contactsync.internal.ContactCardFormat;
import io.rapport.record.Entity;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Contacts as vCard files (ez-vcard), with the mapping of the CardDAV address book: export writes contacts as cards,
 * import reads a {@code .vcf} file as rows whose header is the contact attributes' logical names (so the import
 * wizard maps them by itself).
 */
public final class VCards {

    /** The columns a contact needs to be written as a card. */
    public static final List<String> COLUMNS = ContactCardFormat.columns();

    /** The import header: the logical names of the mapped contact attributes. */
    public static final List<String> HEADER = ContactCardFormat.attributes();

    private VCards() {
    }

    /** Receives the rows of a vCard file; returns false to stop. */
    @FunctionalInterface
    public interface Rows {
        /** @param number 1 for the header, then the number of the card plus one */
        boolean row(int number, List<String> values);
    }

    /** Writes the contacts (read with {@link #COLUMNS}) as cards, vCard 3.0 or 4.0. */
    public static void write(List<Entity> contacts, boolean version4, Writer out) {
        ContactCardFormat.write(contacts, version4 ? VCardVersion.V4_0 : VCardVersion.V3_0, out);
    }

    /** Streams the cards of a file as rows under {@link #HEADER}, one card at a time. */
    public static void read(InputStream in, Rows rows) throws IOException {
        if (!rows.row(1, HEADER)) {
            return;
        }
        try (VCardReader reader = new VCardReader(in)) {
            int number = 1;
            VCard card;
            while ((card = reader.readNext()) != null) {
                Map<String, Object> fields = ContactCardFormat.fields(card);
                List<String> values = new ArrayList<>(HEADER.size());
                for (String a : HEADER) {
                    Object v = fields.get(a);
                    values.add(v == null ? "" : v.toString());
                }
                if (!rows.row(++number, values)) {
                    return;
                }
            }
        }
    }

    /** Whether the start of a file looks like vCard. */
    public static boolean looksLikeVCard(String fileName, byte[] head) {
        if (fileName != null && fileName.toLowerCase(java.util.Locale.ROOT).matches(".*\\.(vcf|vcard)$")) {
            return true;
        }
        String start = new String(head, 0, Math.min(head.length, 64), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\uFEFF", "").stripLeading();
        return start.regionMatches(true, 0, "BEGIN:VCARD", 0, 11);
    }
}
