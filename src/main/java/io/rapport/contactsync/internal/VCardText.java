package io.rapport.contactsync.internal;

import ezvcard.VCard;
import ezvcard.VCardVersion;
import ezvcard.io.text.VCardReader;
import ezvcard.io.text.VCardWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * vCard text through ez-vcard's reader and writer. Written cards carry no PRODID of Rapport, so the same card always
 * gives the same text (ETags). Unreadable text yields no card rather than an error: the callers answer it.
 */
final class VCardText {

    private VCardText() {
    }

    /** Every card of the text; empty when it holds none or is not vCard. */
    static List<VCard> parseAll(String text) {
        try (VCardReader reader = new VCardReader(text)) {
            return reader.readAll();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** The first card of the text, or null. */
    static VCard parse(String text) {
        List<VCard> all = parseAll(text);
        return all.isEmpty() ? null : all.get(0);
    }

    static String write(VCard card, VCardVersion version) {
        StringWriter out = new StringWriter();
        write(List.of(card), out, version);
        return out.toString();
    }

    static void write(List<VCard> cards, Writer out, VCardVersion version) {
        try {
            VCardWriter writer = new VCardWriter(out, version);
            writer.setAddProdId(false);
            for (VCard card : cards) {
                writer.write(card);
            }
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
