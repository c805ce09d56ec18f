package io.rapport.service.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Case and contract numbers: the prefix, the running number with at least five digits, six random characters. */
class ServiceNumbersTest {

    @Test
    void theNumberIsPaddedToFiveDigitsAndFollowedBySixRandomCharacters() {
        assertThat(ServiceNumbers.format("CAS", 42, new Random(7))).matches("CAS-00042-[A-HJ-NP-Z2-9]{6}");
        assertThat(ServiceNumbers.format("CAS", 1001, new Random(7))).startsWith("CAS-01001-");
        assertThat(ServiceNumbers.format("CNR", 12345, new Random(7))).startsWith("CNR-12345-");
        assertThat(ServiceNumbers.format("CNR", 1234567, new Random(7))).matches("CNR-1234567-[A-HJ-NP-Z2-9]{6}");
        assertThat(ServiceNumbers.format("X", 0, new Random(7))).startsWith("X-00000-");
        // the same random draws give the same characters
        assertThat(ServiceNumbers.format("CAS", 5, new Random(11))).isEqualTo(ServiceNumbers.format("CAS", 5,
                new Random(11)));
    }
}
