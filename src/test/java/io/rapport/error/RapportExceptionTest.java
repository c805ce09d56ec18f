package io.rapport.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Error messages never echo a huge input whole (issue 22): values are cut at 100 characters and "…". */
class RapportExceptionTest {

    private static final String HUGE = "x".repeat(300_000);

    @Test
    void quoteCutsAValueAfterAHundredCharacters() {
        assertThat(RapportException.quote("short")).isEqualTo("short");
        assertThat(RapportException.quote("y".repeat(100))).isEqualTo("y".repeat(100));
        assertThat(RapportException.quote("y".repeat(101))).isEqualTo("y".repeat(100) + "…");
        assertThat(RapportException.quote(null)).isEqualTo("null");
        // a surrogate pair is not split: 99 letters and an emoji at 100-101 keep 99 and "…"
        assertThat(RapportException.quote("a".repeat(99) + "😀" + "b")).isEqualTo("a".repeat(99) + "…");
    }

    @Test
    void aMessageQuotingAHugeValueWholeKeepsTheFirstHundredCharactersOfIt() {
        RapportException e = RapportException.invalid("CascadeConfiguration.Delete '" + HUGE + "' is not a "
                + "cascade type. Share can't be 'Maybe'.");
        assertThat(e.getMessage()).isEqualTo("CascadeConfiguration.Delete '" + "x".repeat(100) + "…' is not a "
                + "cascade type. Share can't be 'Maybe'.");
    }

    @Test
    void aHugeValueThatIsNotQuotedIsCutWithTheMessage() {
        RapportException e = new RapportException(ErrorCode.INVALID_ARGUMENT, "The value " + HUGE + " is wrong.");
        assertThat(e.getMessage()).isEqualTo("The value " + "x".repeat(RapportException.MAX_MESSAGE - 10) + "…");
        // a quote that never closes does not cost a scan per quote: 100,000 of them are done at once
        String quotes = "'a ".repeat(100_000);
        assertThat(RapportException.invalid(quotes).getMessage()).isEqualTo(quotes.substring(0,
                RapportException.MAX_MESSAGE) + "…");
    }

    @Test
    void ordinaryMessagesAreKeptAsWritten() {
        String url = "No HTTP resource was found that matches the request URI 'http://localhost/api/data/v9.2/"
                + "a".repeat(150) + "'.";
        assertThat(RapportException.invalid(url).getMessage()).isEqualTo(url);
        String longList = "The record doesn't fit. ".repeat(45);
        assertThat(longList.length()).isGreaterThan(RapportException.LONG_MESSAGE);
        assertThat(RapportException.invalid(longList).getMessage()).isEqualTo(longList);
    }
}
