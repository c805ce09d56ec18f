package io.rapport.security.internal.oauth;

import io.rapport.error.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * The 401 answer of {@code /api/**}: Dataverse's error body ({@code {"error":{"code":"0x8005f101",...}}}) and
 * {@code WWW-Authenticate} challenges for bearer tokens (with {@code error="invalid_token"} when a token was
 * rejected) and for basic authentication.
 */
public class ApiAuthenticationEntryPoint implements AuthenticationEntryPoint {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        boolean badToken = exception instanceof OAuth2AuthenticationException
                || request.getHeader("Authorization") != null
                && request.getHeader("Authorization").regionMatches(true, 0, "Bearer ", 0, 7);
        String message = badToken ? "The access token is invalid, expired or revoked."
                : "The request needs a bearer token or user credentials.";
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.addHeader("WWW-Authenticate", badToken
                ? "Bearer error=\"invalid_token\", error_description=\"" + message + "\""
                : "Bearer realm=\"Rapport\"");
        if (!badToken) {
            response.addHeader("WWW-Authenticate", "Basic realm=\"Rapport\"");
        }
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"error\":{\"code\":\"" + ErrorCode.NOT_AUTHENTICATED.hex()
                + "\",\"message\":\"" + message + "\"}}");
    }
}
