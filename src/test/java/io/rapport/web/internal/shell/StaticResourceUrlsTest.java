package io.rapport.web.internal.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which links the resource chain is asked about: those naming a file. */
class StaticResourceUrlsTest {

    @Test
    void filesAreTheLinksWhoseLastSegmentHasAnExtension() {
        assertThat(StaticResourceUrls.namesFile("/css/rapport.css")).isTrue();
        assertThat(StaticResourceUrls.namesFile("/webjars/bootstrap/css/bootstrap.min.css")).isTrue();
        assertThat(StaticResourceUrls.namesFile("/favicon.ico?v=2")).isTrue();
        assertThat(StaticResourceUrls.namesFile("/js/rapport.js#x")).isTrue();
        assertThat(StaticResourceUrls.namesFile("/app/account?area=sales")).isFalse();
        assertThat(StaticResourceUrls.namesFile("/app/account?q=a.b")).isFalse();
        assertThat(StaticResourceUrls.namesFile("/")).isFalse();
        assertThat(StaticResourceUrls.namesFile("/app.v1/account")).isFalse();
        assertThat(StaticResourceUrls.namesFile("/settings.")).isFalse();
        assertThat(StaticResourceUrls.namesFile("")).isFalse();
    }
}
