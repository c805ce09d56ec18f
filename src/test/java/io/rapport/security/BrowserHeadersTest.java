package io.rapport.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.testing.OnH2;
import io.rapport.testing.TestUsers;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 21 defect 8: every page of the UI and the sign-in carries a strict Content-Security-Policy, a
 * Referrer-Policy and a Permissions-Policy, exactly; the Web API keeps its own headers and gets none of them.
 */
@OnH2
class BrowserHeadersTest {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; "
            + "form-action 'self'";
    static final String PERMISSIONS = "accelerometer=(), autoplay=(), camera=(), display-capture=(), "
            + "fullscreen=(self), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), "
            + "payment=(), publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), "
            + "xr-spatial-tracking=(), browsing-topics=()";

    @LocalServerPort
    int port;

    @Test
    void signInPageAndErrorPagesCarryTheHeadersBeforeSigningIn() {
        Http anonymous = new Http(port);
        assertBrowserHeaders(anonymous.get("/login"), 200, CSP);
        assertBrowserHeaders(anonymous.get("/app/account", "Accept", "text/html"), 302, CSP);
        assertBrowserHeaders(anonymous.get("/css/rapport.css"), 200, CSP);
    }

    @Test
    void everyUiPageCarriesTheHeaders() {
        Http browser = new Http(port);
        assertThat(browser.signIn(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD).statusCode()).isEqualTo(302);
        for (String page : List.of("/", "/app/account", "/app/account/new", "/app/contact/grid?page=1",
                "/imports", "/search?q=contoso", "/settings/tokens", "/settings/customization")) {
            HttpResponse<String> r = browser.get(page, "Accept", "text/html", "Accept-Language", "en");
            assertBrowserHeaders(r, 200, CSP);
            assertThat(r.body()).as(page).doesNotContain("style=\"").doesNotContain("javascript:");
        }
        assertBrowserHeaders(browser.get("/app/nosuchentity", "Accept", "text/html"), 404, CSP);
    }

    @Test
    void theWebApiKeepsItsOwnHeaders() {
        HttpResponse<String> r = new Http(port).get("/api/data/v9.2/WhoAmI()",
                "Authorization", Http.basic(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Security-Policy")).isEmpty();
        assertThat(r.headers().firstValue("Permissions-Policy")).isEmpty();
        assertThat(r.headers().firstValue("Referrer-Policy")).isEmpty();
        assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void theSignInPageOfAnOAuthSignInMayPostOnToTheClientsRegisteredRedirect() {
        Http browser = new Http(port);
        HttpResponse<String> authorize = browser.get("/oauth2/authorize?response_type=code&client_id=rapport-public"
                + "&redirect_uri=http://127.0.0.1/callback&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                + "&code_challenge_method=S256&state=xyz", "Accept", "text/html");
        assertBrowserHeaders(authorize, 302, CSP);
        assertBrowserHeaders(browser.get("/login"), 200, CSP + " http://127.0.0.1");

        Http other = new Http(port);
        other.get("/oauth2/authorize?response_type=code&client_id=rapport-public"
                + "&redirect_uri=http://evil.example/callback&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                + "&code_challenge_method=S256", "Accept", "text/html");
        assertBrowserHeaders(other.get("/login"), 200, CSP);
    }

    private static void assertBrowserHeaders(HttpResponse<String> r, int status, String csp) {
        String what = r.request().uri().toString();
        assertThat(r.statusCode()).as(what).isEqualTo(status);
        assertThat(r.headers().allValues("Content-Security-Policy")).as(what).containsExactly(csp);
        assertThat(r.headers().allValues("Referrer-Policy")).as(what).containsExactly("strict-origin-when-cross-origin");
        assertThat(r.headers().allValues("Permissions-Policy")).as(what).containsExactly(PERMISSIONS);
        assertThat(r.headers().allValues("X-Frame-Options")).as(what).containsExactly("DENY");
        assertThat(r.headers().allValues("X-Content-Type-Options")).as(what).containsExactly("nosniff");
    }
}
