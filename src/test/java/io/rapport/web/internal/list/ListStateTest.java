package io.rapport.web.internal.list;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

class ListStateTest {

    @Test
    void aListStateRoundTripsThroughItsQueryString() {
        ListState state = ListState.from(params(
                "view=abc&q=Con+toso%2B1&sort=name&desc=true&cols=name,telephone1&f.name=A%26B&page=3"));
        assertThat(state.filters()).containsEntry("name", "A&B");
        assertThat(state.quickFind()).isEqualTo("Con toso+1");
        ListState decoded = ListState.from(params(state.query()));
        assertThat(decoded).isEqualTo(state);
        assertThat(state.withSort("revenue", false).page()).isEqualTo(1);
        assertThat(state.columns()).containsExactly("name", "telephone1");
    }

    /** Request parameters as the servlet container decodes them. */
    private static MultiValueMap<String, String> params(String query) {
        MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            params.add(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return params;
    }
}
