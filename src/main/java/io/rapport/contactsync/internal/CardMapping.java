package io.rapport.contactsync.internal;

import ezvcard.VCard;
import ezvcard.VCardVersion;
import ezvcard.parameter.AddressType;
import ezvcard.parameter.EmailType;
import ezvcard.parameter.TelephoneType;
import ezvcard.property.Address;
import ezvcard.property.Birthday;
import ezvcard.property.Email;
import ezvcard.property.Nickname;
import ezvcard.property.Note;
import ezvcard.property.Organization;
import ezvcard.property.StructuredName;
import ezvcard.property.Telephone;
import ezvcard.property.Title;
import ezvcard.property.Uid;
import ezvcard.property.VCardProperty;
import ezvcard.util.PartialDate;
import io.rapport.record.Entity;
import java.time.LocalDate;
import java.time.temporal.ChronoField;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Contact ↔ vCard. Each property of a card that Rapport has a place for fills one <em>slot</em> (the structured
 * name, the first three emails, the first business, home, mobile and fax numbers, the first two addresses, title,
 * birthday, note, nickname, organization); every other property (photos, instant messaging, URLs, a fourth email,
 * custom {@code X-} properties...) is left alone. Writing a contact into a card fills its slots in place (so a
 * property keeps its parameters and position) and keeps everything else: what the client stored and Rapport cannot,
 * comes back. The organization is read only: it is the parent account's name, never written back.
 */
final class CardMapping {

    /** The contact attributes a card maps, in a fixed order. */
    static final List<String> ATTRIBUTES = List.of("salutation", "firstname", "middlename", "lastname", "nickname",
            "emailaddress1", "emailaddress2", "emailaddress3", "telephone1", "telephone2", "mobilephone", "fax",
            "address1_line1", "address1_line2", "address1_city", "address1_stateorprovince", "address1_postalcode",
            "address1_country", "address2_line1", "address2_city", "address2_postalcode", "address2_country",
            "jobtitle", "birthdate", "description");

    /** Columns to read for a card: the mapped ones and what the card shows read-only. */
    static final List<String> COLUMNS;

    static {
        List<String> c = new ArrayList<>(ATTRIBUTES);
        c.addAll(List.of("fullname", "parentcustomerid", "department", "versionnumber"));
        COLUMNS = List.copyOf(c);
    }

    private enum Slot { NAME, EMAIL1, EMAIL2, EMAIL3, TEL_WORK, TEL_HOME, TEL_CELL, TEL_FAX, ADR1, ADR2, TITLE,
        BDAY, NOTE, NICKNAME, ORG }

    private CardMapping() {
    }

    /** The mapped attributes' values in the card (null when absent), birthday as a {@link LocalDate}. */
    static Map<String, Object> fields(VCard card) {
        Map<Slot, VCardProperty> slots = slots(card);
        Map<String, Object> f = new LinkedHashMap<>();
        ATTRIBUTES.forEach(a -> f.put(a, null));
        if (slots.get(Slot.NAME) instanceof StructuredName n) {
            f.put("salutation", first(n.getPrefixes()));
            f.put("firstname", blank(n.getGiven()));
            f.put("middlename", first(n.getAdditionalNames()));
            f.put("lastname", blank(n.getFamily()));
        }
        if (f.get("lastname") == null && f.get("firstname") == null && card.getFormattedName() != null) {
            String fn = blank(card.getFormattedName().getValue());
            if (fn != null) {
                int space = fn.lastIndexOf(' ');
                f.put("lastname", space < 0 ? fn : fn.substring(space + 1));
                f.put("firstname", space < 0 ? null : fn.substring(0, space).strip());
            }
        }
        f.put("nickname", slots.get(Slot.NICKNAME) instanceof Nickname n ? first(n.getValues()) : null);
        f.put("emailaddress1", email(slots.get(Slot.EMAIL1)));
        f.put("emailaddress2", email(slots.get(Slot.EMAIL2)));
        f.put("emailaddress3", email(slots.get(Slot.EMAIL3)));
        f.put("telephone1", phone(slots.get(Slot.TEL_WORK)));
        f.put("telephone2", phone(slots.get(Slot.TEL_HOME)));
        f.put("mobilephone", phone(slots.get(Slot.TEL_CELL)));
        f.put("fax", phone(slots.get(Slot.TEL_FAX)));
        if (slots.get(Slot.ADR1) instanceof Address a) {
            String[] lines = lines(a.getStreetAddressFull());
            f.put("address1_line1", lines[0]);
            f.put("address1_line2", lines[1]);
            f.put("address1_city", blank(a.getLocality()));
            f.put("address1_stateorprovince", blank(a.getRegion()));
            f.put("address1_postalcode", blank(a.getPostalCode()));
            f.put("address1_country", blank(a.getCountry()));
        }
        if (slots.get(Slot.ADR2) instanceof Address a) {
            f.put("address2_line1", blank(a.getStreetAddressFull()));
            f.put("address2_city", blank(a.getLocality()));
            f.put("address2_postalcode", blank(a.getPostalCode()));
            f.put("address2_country", blank(a.getCountry()));
        }
        f.put("jobtitle", slots.get(Slot.TITLE) instanceof Title t ? blank(t.getValue()) : null);
        f.put("birthdate", slots.get(Slot.BDAY) instanceof Birthday b ? date(b) : null);
        f.put("description", slots.get(Slot.NOTE) instanceof Note n ? blank(n.getValue()) : null);
        return f;
    }

    /** The mapped attributes' values of a contact, in the form {@link #fields(VCard)} gives them. */
    static Map<String, Object> fields(Entity contact) {
        Map<String, Object> f = new LinkedHashMap<>();
        for (String a : ATTRIBUTES) {
            Object v = contact.get(a);
            f.put(a, v instanceof String s ? blank(s) : v);
        }
        return f;
    }

    /**
     * The card of a contact: a copy of {@code base} (the last card exchanged, or none) with its slots set from the
     * contact; mapped values the contact does not have are removed, everything else stays.
     *
     * @param company the parent account's name, or null (then the base's organization stays)
     */
    static VCard render(Entity contact, String company, VCard base, String uid) {
        VCard card = base == null ? new VCard(VCardVersion.V3_0) : new VCard(base);
        Map<Slot, VCardProperty> slots = slots(card);
        Map<String, Object> f = fields(contact);
        StructuredName n = slots.get(Slot.NAME) instanceof StructuredName s ? s : add(card, new StructuredName());
        n.setFamily(str(f.get("lastname")));
        n.setGiven(str(f.get("firstname")));
        replace(n.getAdditionalNames(), str(f.get("middlename")));
        replace(n.getPrefixes(), str(f.get("salutation")));
        String full = str(contact.get("fullname"));
        if (full == null) {
            full = String.join(" ", java.util.stream.Stream.of(f.get("firstname"), f.get("lastname"))
                    .filter(Objects::nonNull).map(Object::toString).toList());
        }
        if (card.getFormattedName() != null) {
            card.getFormattedName().setValue(full); // in place: the card's order stays, and so does its text
        } else {
            card.setFormattedName(full);
        }
        set(card, slots.get(Slot.NICKNAME), str(f.get("nickname")), () -> new Nickname(),
                (p, v) -> replace(((Nickname) p).getValues(), v));
        email(card, slots.get(Slot.EMAIL1), str(f.get("emailaddress1")), EmailType.WORK);
        email(card, slots.get(Slot.EMAIL2), str(f.get("emailaddress2")), EmailType.HOME);
        email(card, slots.get(Slot.EMAIL3), str(f.get("emailaddress3")), null);
        phone(card, slots.get(Slot.TEL_WORK), str(f.get("telephone1")), TelephoneType.WORK, TelephoneType.VOICE);
        phone(card, slots.get(Slot.TEL_HOME), str(f.get("telephone2")), TelephoneType.HOME, TelephoneType.VOICE);
        phone(card, slots.get(Slot.TEL_CELL), str(f.get("mobilephone")), TelephoneType.CELL);
        phone(card, slots.get(Slot.TEL_FAX), str(f.get("fax")), TelephoneType.FAX, TelephoneType.WORK);
        address(card, slots.get(Slot.ADR1), AddressType.WORK, join(str(f.get("address1_line1")),
                str(f.get("address1_line2"))), str(f.get("address1_city")), str(f.get("address1_stateorprovince")),
                str(f.get("address1_postalcode")), str(f.get("address1_country")), true);
        address(card, slots.get(Slot.ADR2), AddressType.HOME, str(f.get("address2_line1")),
                str(f.get("address2_city")), null, str(f.get("address2_postalcode")), str(f.get("address2_country")),
                false);
        set(card, slots.get(Slot.TITLE), str(f.get("jobtitle")), () -> new Title(""),
                (p, v) -> ((Title) p).setValue(v));
        set(card, slots.get(Slot.NOTE), str(f.get("description")), () -> new Note(""),
                (p, v) -> ((Note) p).setValue(v));
        LocalDate birthday = f.get("birthdate") instanceof LocalDate d ? d : null;
        if (slots.get(Slot.BDAY) != null && (birthday == null || !birthday.equals(date((Birthday) slots.get(Slot.BDAY))))) {
            card.removeProperty(slots.get(Slot.BDAY));
            slots.remove(Slot.BDAY);
        }
        if (birthday != null && slots.get(Slot.BDAY) == null) {
            card.setBirthday(new Birthday(birthday));
        }
        if (company != null) {
            Organization org = slots.get(Slot.ORG) instanceof Organization o ? o : add(card, new Organization());
            org.getValues().clear();
            org.getValues().add(company);
            String department = str(contact.get("department"));
            if (department != null) {
                org.getValues().add(department);
            }
        }
        if (card.getUid() != null) {
            card.getUid().setValue(uid);
        } else {
            card.setUid(new Uid(uid));
        }
        return card;
    }

    /** Which property fills which slot: the first of each kind, in the card's order. */
    private static Map<Slot, VCardProperty> slots(VCard card) {
        Map<Slot, VCardProperty> slots = new EnumMap<>(Slot.class);
        putFirst(slots, Slot.NAME, card.getStructuredNames());
        putFirst(slots, Slot.NICKNAME, card.getNicknames());
        List<Email> emails = card.getEmails();
        for (int i = 0; i < Math.min(3, emails.size()); i++) {
            slots.put(Slot.values()[Slot.EMAIL1.ordinal() + i], emails.get(i));
        }
        for (Telephone t : card.getTelephoneNumbers()) {
            List<TelephoneType> types = t.getTypes();
            Slot s = types.contains(TelephoneType.FAX) ? Slot.TEL_FAX
                    : types.contains(TelephoneType.CELL) ? Slot.TEL_CELL
                    : types.contains(TelephoneType.HOME) ? Slot.TEL_HOME
                    : types.isEmpty() || types.contains(TelephoneType.WORK) || types.contains(TelephoneType.VOICE)
                            ? Slot.TEL_WORK : null;
            if (s != null) {
                slots.putIfAbsent(s, t);
            }
        }
        List<Address> addresses = card.getAddresses();
        if (!addresses.isEmpty()) {
            slots.put(Slot.ADR1, addresses.get(0));
        }
        if (addresses.size() > 1) {
            slots.put(Slot.ADR2, addresses.get(1));
        }
        putFirst(slots, Slot.TITLE, card.getTitles());
        putFirst(slots, Slot.NOTE, card.getNotes());
        putFirst(slots, Slot.ORG, card.getOrganizations());
        if (card.getBirthday() != null) {
            slots.put(Slot.BDAY, card.getBirthday());
        }
        return slots;
    }

    private static void putFirst(Map<Slot, VCardProperty> slots, Slot slot, List<? extends VCardProperty> found) {
        if (!found.isEmpty()) {
            slots.put(slot, found.get(0));
        }
    }

    private static <P extends VCardProperty> P add(VCard card, P property) {
        card.addProperty(property);
        return property;
    }

    private static void set(VCard card, VCardProperty existing, String value,
            java.util.function.Supplier<VCardProperty> create,
            java.util.function.BiConsumer<VCardProperty, String> setter) {
        if (value == null) {
            if (existing != null) {
                card.removeProperty(existing);
            }
            return;
        }
        VCardProperty p = existing != null ? existing : add(card, create.get());
        setter.accept(p, value);
    }

    private static void email(VCard card, VCardProperty existing, String value, EmailType type) {
        set(card, existing, value, () -> {
            Email e = new Email("");
            if (type != null) {
                e.getTypes().add(type);
            }
            return e;
        }, (p, v) -> ((Email) p).setValue(v));
    }

    private static void phone(VCard card, VCardProperty existing, String value, TelephoneType... types) {
        set(card, existing, value, () -> {
            Telephone t = new Telephone("");
            t.getTypes().addAll(List.of(types));
            return t;
        }, (p, v) -> {
            Telephone t = (Telephone) p;
            if (!v.equals(phone(t))) {
                t.setText(v);
            }
        });
    }

    private static void address(VCard card, VCardProperty existing, AddressType type, String street, String city,
            String region, String postalCode, String country, boolean withRegion) {
        boolean empty = street == null && city == null && region == null && postalCode == null && country == null;
        if (empty) {
            if (existing != null) {
                card.removeProperty(existing);
            }
            return;
        }
        Address a = existing instanceof Address found ? found : add(card, new Address());
        if (existing == null) {
            a.getTypes().add(type);
        }
        if (!Objects.equals(street, blank(a.getStreetAddressFull()))) {
            a.setStreetAddress(street);
        }
        a.setLocality(city);
        if (withRegion) {
            a.setRegion(region);
        }
        a.setPostalCode(postalCode);
        a.setCountry(country);
    }

    private static String email(VCardProperty p) {
        return p instanceof Email e ? blank(e.getValue()) : null;
    }

    private static String phone(VCardProperty p) {
        if (!(p instanceof Telephone t)) {
            return null;
        }
        return t.getText() != null ? blank(t.getText()) : t.getUri() != null ? blank(t.getUri().getNumber()) : null;
    }

    private static LocalDate date(Birthday b) {
        Temporal t = b.getDate();
        if (t != null && t.isSupported(ChronoField.EPOCH_DAY)) {
            return LocalDate.ofEpochDay(t.getLong(ChronoField.EPOCH_DAY));
        }
        if (t != null && t.isSupported(ChronoField.YEAR) && t.isSupported(ChronoField.MONTH_OF_YEAR)
                && t.isSupported(ChronoField.DAY_OF_MONTH)) {
            return LocalDate.of(t.get(ChronoField.YEAR), t.get(ChronoField.MONTH_OF_YEAR),
                    t.get(ChronoField.DAY_OF_MONTH));
        }
        PartialDate p = b.getPartialDate();
        if (p != null && p.getYear() != null && p.getMonth() != null && p.getDate() != null) {
            return LocalDate.of(p.getYear(), p.getMonth(), p.getDate());
        }
        return null;
    }

    private static String[] lines(String street) {
        String s = blank(street);
        if (s == null) {
            return new String[2];
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? new String[] {s, null} : new String[] {blank(s.substring(0, nl)), blank(s.substring(nl + 1))};
    }

    private static String join(String line1, String line2) {
        if (line2 == null) {
            return line1;
        }
        return line1 == null ? line2 : line1 + "\n" + line2;
    }

    private static void replace(List<String> values, String value) {
        values.clear();
        if (value != null) {
            values.add(value);
        }
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : blank(values.get(0));
    }

    private static String str(Object v) {
        return v == null ? null : blank(v.toString());
    }

    static String blank(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
