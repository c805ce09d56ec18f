package io.rapport.security.internal.headers;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The browser defences of every page the UI and the sign-in serve (not {@code /api}, which keeps Spring
 * Security's defaults): a strict Content-Security-Policy (scripts, styles and forms from this origin only, no
 * inline script, handler or style, no eval, no plugins, no framing), Referrer-Policy and Permissions-Policy.
 */
public final class BrowserHeaders {

    /** The Content-Security-Policy of UI pages; form-action widens on the sign-in page of an OAuth2 sign-in. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "frame-ancestors 'none'; form-action 'self'";

    /** Only the origin goes to other sites, and nothing from https to http. */
    public static final ReferrerPolicy REFERRER_POLICY = ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN;

    /** Powerful browser features Rapport never uses, switched off for its pages and anything they embed. */
    public static final String PERMISSIONS_POLICY = "accelerometer=(), autoplay=(), camera=(), display-capture=(), "
            + "fullscreen=(self), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), "
            + "payment=(), publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), "
            + "xr-spatial-tracking=(), browsing-topics=()";

    private BrowserHeaders() {
    }

    /**
     * Adds the three headers to a filter chain's defaults (nosniff, frame denial, no caching of pages); the sign-in
     * page at {@code loginPage} may post on to the redirect URI of the OAuth2 authorization it signs in for.
     */
    public static void apply(HttpSecurity http, RegisteredClientRepository clients, String loginPage)
            throws Exception {
        http.headers(h -> h
                .addHeaderWriter(new ContentSecurityPolicyWriter(new PendingAuthorization(clients, loginPage)))
                .referrerPolicy(r -> r.policy(REFERRER_POLICY))
                .addHeaderWriter(new org.springframework.security.web.header.writers.StaticHeadersWriter(
                        "Permissions-Policy", PERMISSIONS_POLICY))
                .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny));
    }
}
