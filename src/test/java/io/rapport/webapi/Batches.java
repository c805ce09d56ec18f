package io.rapport.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.webapi.ApiClient.Response;

/** Sends one GET inside a {@code $batch} (a body has no URL length limit) and returns the inner response. */
final class Batches {

    private Batches() {
    }

    static Response get(ApiClient api, String url) {
        String body = "--b\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nGET " + url
                + " HTTP/1.1\r\nAccept: application/json\r\n\r\n\r\n--b--\r\n";
        Response outer = api.post("$batch", body, "Content-Type", "multipart/mixed; boundary=b");
        String text = outer.body();
        int statusAt = text.indexOf("HTTP/1.1 ") + 9;
        assertThat(statusAt).as(text).isGreaterThan(8);
        int status = Integer.parseInt(text.substring(statusAt, statusAt + 3));
        // like Dataverse, a batch stopped by a failed request answers 400 itself
        assertThat(outer.status()).as(text).isEqualTo(status >= 400 ? 400 : 200);
        int json = text.indexOf('{');
        String inner = json < 0 ? "" : text.substring(json, text.lastIndexOf('}') + 1);
        return Response.part(status, inner);
    }
}
