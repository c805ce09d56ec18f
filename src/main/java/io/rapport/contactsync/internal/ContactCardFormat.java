package io.rapport.contactsync.internal;

import ezvcard.VCard;
import ezvcard.VCardVersion;
import io.rapport.record.Entity;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The address book's mapping for files: the module's public {@code VCards} calls it. */
public final class ContactCardFormat {

    private ContactCardFormat() {
    }

    public static List<String> columns() {
        return CardMapping.COLUMNS;
    }

    public static List<String> attributes() {
        return CardMapping.ATTRIBUTES;
    }

    public static Map<String, Object> fields(VCard card) {
        return CardMapping.fields(card);
    }

    public static void write(List<Entity> contacts, VCardVersion version, Writer out) {
        List<VCard> cards = new ArrayList<>(contacts.size());
        for (Entity c : contacts) {
            cards.add(CardMapping.render(c, AddressBook.company(c), null, c.id().toString()));
        }
        VCardText.write(cards, out, version);
    }
}
