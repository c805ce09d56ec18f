package io.rapport.security.internal;

import io.rapport.security.AuthenticationProperties;
import io.rapport.security.internal.headers.BrowserHeaders;
import io.rapport.security.internal.oauth.ApiAuthenticationEntryPoint;
import io.rapport.security.internal.oauth.JwtShapedBearerTokenResolver;
import io.rapport.security.internal.tokens.PersonalAccessTokenFilter;
import io.rapport.security.internal.tokens.PersonalAccessTokenService;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Who may reach which URL, and how people and applications sign in. Three filter chains, first match wins:
 * <ol>
 * <li>the OAuth2 authorization server's endpoints ({@code /oauth2/token}, {@code /oauth2/authorize},
 * {@code /oauth2/revoke}, {@code /oauth2/jwks}...): client authentication, or the sign-in page for authorize;
 * <li>{@code /api/**}: bearer JWTs from the authorization server, personal access tokens ({@code rpat_…}) and
 * HTTP basic, never the UI's session (so no CSRF token is needed); 401 with a Dataverse error body;
 * <li>everything else (the web UI): form login with sessions and CSRF protection.
 * </ol>
 * In each, {@link ActivePrincipalFilter} ends the session or refuses the token of a user who was disabled. The
 * first and the last send the browser defences of {@link BrowserHeaders} (Content-Security-Policy, Referrer-Policy,
 * Permissions-Policy); {@code /api} keeps Spring Security's default headers.
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http, AuthenticationProperties properties,
            ActivePrincipals principals, RegisteredClientRepository clients) throws Exception {
        BrowserHeaders.apply(http, clients, properties.loginPage() != null ? properties.loginPage() : "/login");
        OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
        String loginPage = properties.loginPage() != null ? properties.loginPage() : "/login";
        http.securityMatcher(server.getEndpointsMatcher())
                .with(server, Customizer.withDefaults())
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .csrf(c -> c.ignoringRequestMatchers(server.getEndpointsMatcher()))
                .addFilterBefore(new ActivePrincipalFilter(principals), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint(loginPage), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain apiChain(HttpSecurity http, Converter<Jwt, AbstractAuthenticationToken> jwtConverter,
            PersonalAccessTokenService tokens, RapportUserDetailsService users, ActivePrincipals principals)
            throws Exception {
        ApiAuthenticationEntryPoint entryPoint = new ApiAuthenticationEntryPoint();
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .httpBasic(b -> b.authenticationEntryPoint(entryPoint))
                .oauth2ResourceServer(o -> o.bearerTokenResolver(new JwtShapedBearerTokenResolver())
                        .jwt(j -> j.jwtAuthenticationConverter(jwtConverter))
                        .authenticationEntryPoint(entryPoint))
                .addFilterBefore(new PersonalAccessTokenFilter(tokens, users),
                        BearerTokenAuthenticationFilter.class)
                .addFilterBefore(new ActivePrincipalFilter(principals), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint))
                // API calls neither create nor read a session: the UI's session cookie rides along on any same-site
                // request, so honouring it here would let a page forge API calls; nothing is saved for a redirect
                // after sign-in, and there is nothing to sign out of here
                .sessionManagement(sm -> sm.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .requestCache(r -> r.disable())
                .logout(l -> l.disable())
                .csrf(c -> c.disable());
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain webChain(HttpSecurity http, AuthenticationProperties properties,
            ActivePrincipals principals, RegisteredClientRepository clients) throws Exception {
        BrowserHeaders.apply(http, clients, properties.loginPage() != null ? properties.loginPage() : "/login");
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/login", "/error",
                                "/webjars/**", "/css/**", "/js/**", "/favicon.ico").permitAll()
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage(properties.loginPage() != null ? properties.loginPage() : "/login")
                        .permitAll())
                // back to the page asked for after sign-in, at its own address (no "?continue" marker)
                .requestCache(r -> r.requestCache(plainRequestCache()))
                .httpBasic(Customizer.withDefaults())
                // a new session at sign-in, so that a session's creation time is when its user signed in
                .sessionManagement(sm -> sm.sessionFixation(f -> f.migrateSession()))
                .addFilterBefore(new ActivePrincipalFilter(principals), AnonymousAuthenticationFilter.class);
        return http.build();
    }

    private static HttpSessionRequestCache plainRequestCache() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setMatchingRequestParameterName(null);
        return cache;
    }
}
