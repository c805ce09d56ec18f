package io.rapport.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.record.AddressFormat.Address;
import org.junit.jupiter.api.Test;

/** Addresses written in their country's order, recognized by name in three languages or by ISO code. */
class AddressFormatTest {

    private static Address address(String country) {
        return new Address("1 Main St", "Suite 5", null, "Springfield", "IL", "62701", country);
    }

    @Test
    void eachCountryWritesItsAddressInItsOwnOrder() {
        assertThat(AddressFormat.lines(address("United States")))
                .containsExactly("1 Main St", "Suite 5", "Springfield, IL 62701", "United States");
        assertThat(AddressFormat.lines(new Address("10 Downing Street", null, null, "London", null, "SW1A 2AA",
                "United Kingdom"))).containsExactly("10 Downing Street", "London", "SW1A 2AA", "United Kingdom");
        assertThat(AddressFormat.lines(new Address("Calle de Alcalá 1", null, null, "Madrid", "Madrid", "28014",
                "España"))).containsExactly("Calle de Alcalá 1", "28014 Madrid", "Madrid", "España");
        assertThat(AddressFormat.lines(new Address("Unter den Linden 77", null, null, "Berlin", null, "10117",
                "DE"))).containsExactly("Unter den Linden 77", "10117 Berlin", "DE");
        assertThat(AddressFormat.lines(new Address("Av. Paulista, 1000", "Bela Vista", null, "São Paulo", "SP",
                "01310-100", "Brasil"))).containsExactly("Av. Paulista, 1000", "Bela Vista", "São Paulo - SP",
                "01310-100", "Brasil");
        assertThat(AddressFormat.lines(new Address("Paseo de la Reforma 50", null, null, "Ciudad de México", "CDMX",
                "06600", "México"))).containsExactly("Paseo de la Reforma 50", "06600 Ciudad de México, CDMX",
                "México");
        assertThat(AddressFormat.lines(new Address("1-1 Chiyoda", null, null, "Chiyoda-ku", "Tokyo", "100-0001",
                "Japan"))).containsExactly("100-0001", "Tokyo Chiyoda-ku", "1-1 Chiyoda", "Japan");
    }

    @Test
    void namesAreMatchedWithoutAccentsCaseDotsOrSpacesAndUnknownCountriesReadAsTheUnitedStates() {
        assertThat(AddressFormat.styleOf("  BRASIL ")).isEqualTo(AddressFormat.Style.BRAZILIAN);
        assertThat(AddressFormat.styleOf("Espanha")).isEqualTo(AddressFormat.Style.CONTINENTAL);
        assertThat(AddressFormat.styleOf("EE. UU.")).isEqualTo(AddressFormat.Style.NORTH_AMERICAN);
        assertThat(AddressFormat.styleOf("Japão")).isEqualTo(AddressFormat.Style.EAST_ASIAN);
        assertThat(AddressFormat.styleOf("reino  unido")).isEqualTo(AddressFormat.Style.BRITISH);
        assertThat(AddressFormat.lines(address("Atlantis")))
                .containsExactly("1 Main St", "Suite 5", "Springfield, IL 62701", "Atlantis");
        assertThat(AddressFormat.lines(address(null))).containsExactly("1 Main St", "Suite 5",
                "Springfield, IL 62701");
    }

    @Test
    void emptyPartsLeaveNoEmptyLines() {
        assertThat(AddressFormat.lines(new Address(null, " ", null, "Lyon", null, null, "France")))
                .containsExactly("Lyon", "France");
        assertThat(AddressFormat.lines(new Address(null, null, null, null, "SP", null, "Brazil")))
                .containsExactly("SP", "Brazil");
        assertThat(AddressFormat.lines(new Address(null, null, null, null, null, null, null))).isEmpty();
    }
}
