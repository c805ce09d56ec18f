package io.rapport.security.internal;

import io.rapport.security.RapportPrincipal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Instant;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks on every request, after authentication, that the signed-in user may still act ({@link ActivePrincipals}):
 * a disabled or deleted user's session is invalidated and the request goes on unauthenticated, so it gets the
 * chain's usual answer (the sign-in page in the UI, 401 in the API). A session counts from its creation, which is
 * the sign-in (the session id is replaced by a new session then); a JWT from its {@code iat}.
 */
class ActivePrincipalFilter extends OncePerRequestFilter {

    private final ActivePrincipals principals;

    ActivePrincipalFilter(ActivePrincipals principals) {
        this.principals = principals;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        RapportPrincipal principal = principal(auth);
        if (principal != null && !principals.active(principal.userId(), signedInAt(auth, request))) {
            SecurityContextHolder.clearContext();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
        }
        chain.doFilter(request, response);
    }

    private static RapportPrincipal principal(Authentication auth) {
        if (auth == null) {
            return null;
        }
        if (auth.getPrincipal() instanceof RapportPrincipal p) {
            return p;
        }
        return auth.getPrincipal() instanceof RapportUserDetailsService.PrincipalUserDetails d ? d.principal() : null;
    }

    private static Instant signedInAt(Authentication auth, HttpServletRequest request) {
        if (auth.getCredentials() instanceof Jwt jwt) {
            return jwt.getIssuedAt();
        }
        HttpSession session = request.getSession(false);
        return session == null ? null : Instant.ofEpochMilli(session.getCreationTime());
    }
}
