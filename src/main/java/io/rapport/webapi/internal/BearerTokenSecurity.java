package io.rapport.webapi.internal;

import io.rapport.error.ErrorCode;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.security.RapportPrincipal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Interim: accepts {@code Authorization: Bearer rpat_...} personal access tokens on {@code /api/**}. Its own filter
 * chain claims only requests bearing such a token, so the main chain (form login, HTTP Basic, and later OAuth2
 * bearer tokens) is untouched; remove this class, {@link AccessTokens} and {@link AccessTokenController} when
 * OAuth2 replaces them.
 */
@Configuration
class BearerTokenSecurity {

    @Bean
    @Order(1)
    SecurityFilterChain accessTokenChain(HttpSecurity http, AccessTokens tokens, OrganizationService org,
            CallerProvider callers) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            response.setContentType("application/json");
            response.getWriter().write(ApiErrors.body(ErrorCode.NOT_AUTHENTICATED,
                    "The access token is invalid, expired or revoked.").bodyText());
        };
        http.securityMatcher(request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                        && String.valueOf(request.getHeader("Authorization")).startsWith("Bearer " + AccessTokens.PREFIX))
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized))
                .addFilterBefore(new TokenFilter(tokens, org, callers), AuthorizationFilter.class);
        return http.build();
    }

    /** Authenticates the request as the token's user when the token is valid and the user enabled. */
    private static final class TokenFilter extends OncePerRequestFilter {
        private final AccessTokens tokens;
        private final OrganizationService org;
        private final CallerProvider callers;

        TokenFilter(AccessTokens tokens, OrganizationService org, CallerProvider callers) {
            this.tokens = tokens;
            this.org = org;
            this.callers = callers;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String token = request.getHeader("Authorization").substring("Bearer ".length()).trim();
            tokens.userOf(token).flatMap(this::principal).ifPresent(p -> {
                var context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(new TokenAuthentication(p));
                SecurityContextHolder.setContext(context);
            });
            chain.doFilter(request, response);
        }

        private java.util.Optional<RapportPrincipal> principal(UUID userId) {
            Entity user = org.as(callers.system()).retrieve("systemuser", userId,
                    ColumnSet.of("fullname", "domainname", "businessunitid", "isdisabled", "uilanguage"));
            if (Boolean.TRUE.equals(user.get("isdisabled"))) {
                return java.util.Optional.empty();
            }
            EntityReference bu = (EntityReference) user.get("businessunitid");
            return java.util.Optional.of(new RapportPrincipal(userId, user.getString("domainname"),
                    user.getString("fullname"), bu == null ? null : bu.id(), user.getString("uilanguage")));
        }
    }

    /** An authenticated token holder, named by user name like a password sign-in. */
    static final class TokenAuthentication extends AbstractAuthenticationToken {
        private final RapportPrincipal principal;

        TokenAuthentication(RapportPrincipal principal) {
            super(List.of(new SimpleGrantedAuthority("ROLE_USER")));
            this.principal = principal;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return principal;
        }

        @Override
        public String getName() {
            return principal.username();
        }
    }
}
