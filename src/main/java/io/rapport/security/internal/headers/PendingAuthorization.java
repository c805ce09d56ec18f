package io.rapport.security.internal.headers;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

/**
 * The OAuth2 authorization request a browser's session is signing in for, if any: the sign-in page saved it
 * before showing the form. Yields the CSP source of the registered redirect URI it will end at (only URIs the
 * client registered, so a request cannot widen the policy with an address of its own choosing).
 */
final class PendingAuthorization {

    private static final String AUTHORIZE = "/oauth2/authorize";
    private static final Pattern SAFE_SOURCE = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:(//[A-Za-z0-9.\\-\\[\\]:]+)?");

    private final RegisteredClientRepository clients;
    private final String loginPage;
    private final HttpSessionRequestCache cache = new HttpSessionRequestCache();

    PendingAuthorization(RegisteredClientRepository clients, String loginPage) {
        this.clients = clients;
        this.loginPage = loginPage;
    }

    /** On the sign-in page: space-separated CSP sources of the authorization's redirect URIs being signed in for. */
    Optional<String> redirectSource(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.equals(loginPage) || request.getSession(false) == null) {
            return Optional.empty();
        }
        SavedRequest saved = cache.getRequest(request, null);
        if (saved == null || !URI.create(saved.getRedirectUrl()).getPath().endsWith(AUTHORIZE)) {
            return Optional.empty();
        }
        String clientId = first(saved.getParameterValues("client_id"));
        RegisteredClient client = clientId == null ? null : clients.findByClientId(clientId);
        if (client == null) {
            return Optional.empty();
        }
        String asked = first(saved.getParameterValues("redirect_uri"));
        Collection<String> uris = asked == null ? client.getRedirectUris()
                : client.getRedirectUris().contains(asked) ? List.of(asked) : List.of();
        String sources = uris.stream().map(PendingAuthorization::source).flatMap(Optional::stream).distinct()
                .collect(Collectors.joining(" "));
        return sources.isEmpty() ? Optional.empty() : Optional.of(sources);
    }

    private static Optional<String> source(String uri) {
        try {
            URI parsed = URI.create(uri);
            String source = parsed.getHost() == null ? parsed.getScheme() + ":"
                    : parsed.getScheme() + "://" + parsed.getHost() + (parsed.getPort() < 0 ? "" : ":" + parsed.getPort());
            return SAFE_SOURCE.matcher(source).matches() ? Optional.of(source) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String first(String[] values) {
        return values == null || values.length == 0 ? null : values[0];
    }
}
