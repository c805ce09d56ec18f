package io.rapport.contactsync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ezvcard.VCard;
import ezvcard.VCardVersion;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Contact ↔ vCard mapping: every mapped field both ways, unknown properties kept, stable text for ETags. */
class CardMappingTest {

    private static final String CLIENT_CARD = """
            BEGIN:VCARD\r
            VERSION:3.0\r
            UID:abc-123\r
            FN:Dr. Ada King Lovelace\r
            N:Lovelace;Ada;King;Dr.;\r
            NICKNAME:Ada\r
            EMAIL;TYPE=INTERNET,WORK:ada@example.com\r
            EMAIL;TYPE=INTERNET,HOME:ada@home.example\r
            EMAIL:third@example.com\r
            EMAIL:fourth@example.com\r
            TEL;TYPE=WORK,VOICE:+44 1\r
            TEL;TYPE=HOME:+44 2\r
            TEL;TYPE=CELL:+44 3\r
            TEL;TYPE=FAX:+44 4\r
            TEL;TYPE=PAGER:+44 5\r
            ADR;TYPE=WORK:;;12 St James's Square\\nFloor 2;London;Greater London;SW1Y 4JH;United Kingdom\r
            ADR;TYPE=HOME:;;Ockham Park;Ockham;Surrey;GU23 6NP;UK\r
            TITLE:Analyst\r
            BDAY:1815-12-10\r
            NOTE:Wrote the first program\r
            X-SPOUSE:William\r
            PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQ\r
            END:VCARD\r
            """;

    @Test
    void everyMappedFieldIsRead() {
        Map<String, Object> f = CardMapping.fields(VCardText.parse(CLIENT_CARD));
        assertThat(f).containsEntry("salutation", "Dr.").containsEntry("firstname", "Ada")
                .containsEntry("middlename", "King").containsEntry("lastname", "Lovelace")
                .containsEntry("nickname", "Ada").containsEntry("emailaddress1", "ada@example.com")
                .containsEntry("emailaddress2", "ada@home.example").containsEntry("emailaddress3", "third@example.com")
                .containsEntry("telephone1", "+44 1").containsEntry("telephone2", "+44 2")
                .containsEntry("mobilephone", "+44 3").containsEntry("fax", "+44 4")
                .containsEntry("address1_line1", "12 St James's Square").containsEntry("address1_line2", "Floor 2")
                .containsEntry("address1_city", "London").containsEntry("address1_stateorprovince", "Greater London")
                .containsEntry("address1_postalcode", "SW1Y 4JH").containsEntry("address1_country", "United Kingdom")
                .containsEntry("address2_line1", "Ockham Park").containsEntry("address2_city", "Ockham")
                .containsEntry("address2_postalcode", "GU23 6NP").containsEntry("address2_country", "UK")
                .containsEntry("jobtitle", "Analyst").containsEntry("birthdate", LocalDate.of(1815, 12, 10))
                .containsEntry("description", "Wrote the first program");
    }

    @Test
    void writingAContactKeepsWhatRapportHasNoPlaceFor() {
        VCard base = VCardText.parse(CLIENT_CARD);
        Entity contact = new Entity("contact", UUID.randomUUID());
        CardMapping.fields(base).forEach(contact::set);
        contact.set("jobtitle", "Countess").set("telephone2", null).set("fullname", "Ada Lovelace")
                .set("parentcustomerid", new EntityReference("account", UUID.randomUUID(), "Analytical Engines"));
        String text = VCardText.write(CardMapping.render(contact, AddressBook.company(contact), base, "abc-123"),
                VCardVersion.V3_0);
        assertThat(text).contains("TITLE:Countess", "X-SPOUSE:William", "PHOTO;", "EMAIL:fourth@example.com",
                "TEL;TYPE=PAGER:+44 5", "ORG:Analytical Engines", "UID:abc-123", "FN:Ada Lovelace")
                .doesNotContain("+44 2").doesNotContain("PRODID");
        VCard again = VCardText.parse(text);
        assertThat(VCardText.write(CardMapping.render(contact, "Analytical Engines", again, "abc-123"),
                VCardVersion.V3_0)).isEqualTo(text);
        assertThat(CardMapping.fields(again)).containsEntry("jobtitle", "Countess").containsEntry("telephone2", null)
                .containsEntry("address1_line2", "Floor 2");
    }

    @Test
    void aContactWithoutACardBecomesAVersion3Card() {
        Entity contact = new Entity("contact", UUID.randomUUID()).set("firstname", "Grace").set("lastname", "Hopper")
                .set("emailaddress1", "grace@example.com").set("birthdate", LocalDate.of(1906, 12, 9));
        VCard card = CardMapping.render(contact, null, null, contact.id().toString());
        String text = VCardText.write(card, VCardVersion.V3_0);
        assertThat(text).contains("VERSION:3.0", "FN:Grace Hopper", "N:Hopper;Grace", "BDAY:1906-12-09",
                "EMAIL;TYPE=work:grace@example.com");
        assertThat(CardMapping.fields(VCardText.parse(VCardText.write(card, VCardVersion.V4_0))))
                .containsEntry("birthdate", LocalDate.of(1906, 12, 9)).containsEntry("lastname", "Hopper");
    }
}
