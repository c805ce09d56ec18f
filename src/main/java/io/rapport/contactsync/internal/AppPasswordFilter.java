package io.rapport.contactsync.internal;

import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.security.RapportPrincipal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs in a {@code /dav} request whose HTTP Basic credentials are an enabled user's name and one of their app
 * passwords. Anything else leaves the request unauthenticated (401 with a Basic challenge). The user is read on every
 * request, so a disabled user is refused at once too. Not a bean: a filter bean would be put on every request.
 */
class AppPasswordFilter extends OncePerRequestFilter {

    static final String CHALLENGE = "Basic realm=\"Rapport CardDAV\", charset=\"UTF-8\"";

    private final AppPasswordService passwords;
    private final OrganizationService organization;
    private final CallerProvider callers;
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();
    private final SecurityContextRepository repository = new RequestAttributeSecurityContextRepository();

    AppPasswordFilter(AppPasswordService passwords, OrganizationService organization, CallerProvider callers) {
        this.passwords = passwords;
        this.organization = organization;
        this.callers = callers;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            credentials(header.substring(6).trim()).flatMap(this::principal).ifPresent(p -> {
                SecurityContext context = holder.createEmptyContext();
                context.setAuthentication(new AppPasswordAuthentication(p));
                holder.setContext(context);
                repository.saveContext(context, request, response);
            });
        }
        chain.doFilter(request, response);
    }

    private Optional<RapportPrincipal> principal(String[] credentials) {
        List<Entity> found = organization.as(callers.system()).retrieveMultiple(QueryExpression.from("systemuser")
                .columns(ColumnSet.of("fullname", "domainname", "businessunitid", "isdisabled", "uilanguage"))
                .where(Condition.eq("domainname", credentials[0])).top(2).lookupNames(false).build()).entities();
        if (found.size() != 1 || Boolean.TRUE.equals(found.get(0).get("isdisabled"))) {
            return Optional.empty();
        }
        Entity user = found.get(0);
        if (!passwords.matches(user.id(), credentials[1])) {
            return Optional.empty();
        }
        EntityReference unit = (EntityReference) user.get("businessunitid");
        return Optional.of(new RapportPrincipal(user.id(), user.getString("domainname"), user.getString("fullname"),
                unit == null ? null : unit.id(), user.getString("uilanguage")));
    }

    private static Optional<String[]> credentials(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0 || colon > 320) {
            return Optional.empty();
        }
        return Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
    }

    /** A request signed in with an app password. */
    static final class AppPasswordAuthentication extends AbstractAuthenticationToken {
        private final RapportPrincipal principal;

        AppPasswordAuthentication(RapportPrincipal principal) {
            super(List.of(new SimpleGrantedAuthority("ROLE_USER")));
            this.principal = principal;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return null;
        }

        @Override
        public RapportPrincipal getPrincipal() {
            return principal;
        }

        @Override
        public String getName() {
            return principal.username();
        }
    }
}
