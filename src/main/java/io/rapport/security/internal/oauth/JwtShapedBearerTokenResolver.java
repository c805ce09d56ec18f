package io.rapport.security.internal.oauth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Hands the resource server only bearer tokens shaped like a JWT (three base64url parts); other bearer tokens are
 * left to the personal access token filter, and a request nothing authenticates gets the 401 of the API entry point.
 */
public class JwtShapedBearerTokenResolver implements BearerTokenResolver {

    static final Pattern JWT = Pattern.compile("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$");

    private final DefaultBearerTokenResolver delegate = new DefaultBearerTokenResolver();

    @Override
    public String resolve(HttpServletRequest request) {
        String token = delegate.resolve(request);
        return token != null && JWT.matcher(token).matches() ? token : null;
    }
}
