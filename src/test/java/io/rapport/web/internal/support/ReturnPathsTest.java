package io.rapport.web.internal.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReturnPathsTest {

    @Test
    void aPageOfTheEntitysListOrOneOfItsRecordsIsKept() {
        assertThat(ReturnPaths.safe("account", "/app/account", "/x")).isEqualTo("/app/account");
        assertThat(ReturnPaths.safe("account", "/app/account?view=3&page=2&q=a%20b", "/x"))
                .isEqualTo("/app/account?view=3&page=2&q=a%20b");
        assertThat(ReturnPaths.safe("account", "/app/account/01a2340d-b074-7bc3-bc33-f9d46f567d3c", "/x"))
                .isEqualTo("/app/account/01a2340d-b074-7bc3-bc33-f9d46f567d3c");
    }

    @Test
    void anythingElseFallsBack() {
        assertThat(ReturnPaths.safe("account", "/app/account\r\nSet-Cookie: a=b", "/x")).isEqualTo("/x");
        assertThat(ReturnPaths.safe("account", "/app/account?q=<script>", "/x")).isEqualTo("/x");
        assertThat(ReturnPaths.safe("account", "/app/accountx", "/x")).isEqualTo("/x");
        assertThat(ReturnPaths.safe("account", "/app/contact", "/x")).isEqualTo("/x");
        assertThat(ReturnPaths.safe("account", "https://evil.example/app/account", "/x")).isEqualTo("/x");
        assertThat(ReturnPaths.safe("account", "/app/account/../../evil", "/x")).isEqualTo("/x");
        assertThat(ReturnPaths.safe("account", null, "/x")).isEqualTo("/x");
    }
}
