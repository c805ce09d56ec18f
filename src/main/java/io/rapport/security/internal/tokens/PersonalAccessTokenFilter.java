package io.rapport.security.internal.tokens;

import io.rapport.error.ErrorCode;
import io.rapport.security.PersonalAccessTokens.TokenScope;
import io.rapport.security.RapportPrincipal;
import io.rapport.security.internal.RapportUserDetailsService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs in API requests that carry a personal access token ({@code Authorization: Bearer rpat_…}) of an enabled
 * user, before the resource server's filter (which leaves tokens that are not JWTs alone). A read-only token may
 * only {@code GET} and {@code HEAD}; anything else is refused with 403 before it reaches the Web API.
 *
 * <p>The sign-in is also kept in a request attribute: a streamed response (an export) finishes in an asynchronous
 * dispatch, which this filter does not see again; without it that dispatch ran unauthenticated and was denied after
 * the 200 had been sent, cutting the file off.
 */
public class PersonalAccessTokenFilter extends OncePerRequestFilter {

    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD");

    private final PersonalAccessTokenService tokens;
    private final RapportUserDetailsService users;
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();
    private final SecurityContextRepository repository = new RequestAttributeSecurityContextRepository();

    public PersonalAccessTokenFilter(PersonalAccessTokenService tokens, RapportUserDetailsService users) {
        this.tokens = tokens;
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                && holder.getContext().getAuthentication() == null) {
            Optional<TokenRepository.Valid> token = tokens.authenticate(header.substring(7).trim());
            Optional<RapportPrincipal> principal = token.flatMap(t -> users.enabledPrincipal(t.userId()));
            if (principal.isPresent()) {
                TokenScope scope = token.get().scope();
                if (scope == TokenScope.READ && !READ_METHODS.contains(request.getMethod())) {
                    refuse(response);
                    return;
                }
                SecurityContext context = holder.createEmptyContext();
                context.setAuthentication(new PersonalAccessTokenAuthentication(principal.get(), scope));
                holder.setContext(context);
                repository.saveContext(context, request, response);
            }
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"error\":{\"code\":\"" + ErrorCode.PRIVILEGE_DENIED.hex()
                + "\",\"message\":\"This personal access token is read-only: it may only read (GET).\"}}");
    }
}
