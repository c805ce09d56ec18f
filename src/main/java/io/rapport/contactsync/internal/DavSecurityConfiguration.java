package io.rapport.contactsync.internal;

import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.OrganizationService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * The CardDAV chain, before every other: {@code /dav/**} and {@code /.well-known/carddav}. Only app passwords sign
 * in (HTTP Basic checked by {@link AppPasswordFilter}); no form login, no password of the user, no OAuth2 token, no
 * session (a browser's session cookie does not reach {@code /dav}), so no CSRF token either.
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class DavSecurityConfiguration {

    @Bean
    @Order(0)
    SecurityFilterChain davChain(HttpSecurity http, AppPasswordService passwords, OrganizationService organization,
            CallerProvider callers) throws Exception {
        AppPasswordFilter filter = new AppPasswordFilter(passwords, organization, callers);
        // path matchers of their own: the servlet at /dav is not Spring MVC's, so MVC request matchers miss it
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        http.securityMatcher(new OrRequestMatcher(paths.matcher("/dav"), paths.matcher("/dav/**"),
                        paths.matcher("/.well-known/carddav"), paths.matcher("/.well-known/carddav/**")))
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .addFilterBefore(filter, AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> {
                    response.setHeader("WWW-Authenticate", AppPasswordFilter.CHALLENGE);
                    response.sendError(401);
                }))
                .sessionManagement(sm -> sm.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .requestCache(r -> r.disable())
                .logout(l -> l.disable())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .csrf(c -> c.disable());
        return http.build();
    }
}
