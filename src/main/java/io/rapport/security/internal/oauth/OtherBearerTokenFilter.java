package io.rapport.security.internal.oauth;

import io.rapport.security.BearerTokenAuthenticator;
import io.rapport.security.RapportPrincipal;
import io.rapport.security.internal.RapportUserDetailsService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Offers bearer tokens that are not JWTs to the {@link BearerTokenAuthenticator} beans; the first that knows the
 * token signs the request in as its user. Runs before the resource server's filter, which ignores such tokens.
 */
public class OtherBearerTokenFilter extends OncePerRequestFilter {

    private final List<BearerTokenAuthenticator> authenticators;
    private final RapportUserDetailsService users;

    public OtherBearerTokenFilter(List<BearerTokenAuthenticator> authenticators, RapportUserDetailsService users) {
        this.authenticators = List.copyOf(authenticators);
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (!authenticators.isEmpty() && header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                && SecurityContextHolder.getContext().getAuthentication() == null) {
            String token = header.substring(7).trim();
            if (!JwtShapedBearerTokenResolver.isJwt(token)) {
                for (BearerTokenAuthenticator a : authenticators) {
                    Optional<RapportPrincipal> principal = a.authenticate(token).flatMap(this::enabled);
                    if (principal.isPresent()) {
                        var auth = UsernamePasswordAuthenticationToken.authenticated(principal.get(), null,
                                List.of(new SimpleGrantedAuthority("ROLE_USER")));
                        SecurityContextHolder.getContext().setAuthentication(auth);
                        break;
                    }
                }
            }
        }
        chain.doFilter(request, response);
    }

    private Optional<RapportPrincipal> enabled(UUID userId) {
        return users.enabledPrincipal(userId);
    }
}
