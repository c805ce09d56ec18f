package io.rapport.security.internal.headers;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.security.web.header.HeaderWriter;

/**
 * Writes {@link BrowserHeaders#CONTENT_SECURITY_POLICY}. Chromium applies {@code form-action} to the redirects
 * that follow a form's submission too, so on the sign-in page of an OAuth2 authorization request the origin of
 * that request's registered redirect URI is allowed as well: otherwise signing in would be blocked on its last
 * redirect, back to the application.
 */
final class ContentSecurityPolicyWriter implements HeaderWriter {

    private static final String HEADER = "Content-Security-Policy";

    private final PendingAuthorization pending;

    ContentSecurityPolicyWriter(PendingAuthorization pending) {
        this.pending = pending;
    }

    @Override
    public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
        if (response.containsHeader(HEADER)) {
            return;
        }
        Optional<String> redirectSource = pending.redirectSource(request);
        response.setHeader(HEADER, redirectSource
                .map(source -> BrowserHeaders.CONTENT_SECURITY_POLICY + " " + source)
                .orElse(BrowserHeaders.CONTENT_SECURITY_POLICY));
    }
}
