package io.rapport.web.internal.shell;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * The resource chain's URL encoding (versioned WebJars and static files) for static files only. Spring Boot's
 * {@link ResourceUrlEncodingFilter} looks every link a page writes with {@code @{...}} up as a static resource;
 * a page link ({@code /app/account?area=sales}) is never one, and a miss is not cached: it searched every jar of the
 * class path in four locations, for each of the thirty-odd links of the shell, on every page (about 15 % of a list
 * page's CPU in the December profile). This filter replaces Boot's (same dispatcher types) and hands the resource
 * chain only links whose last path segment names a file ({@code /css/rapport.css}, {@code /webjars/...min.js}); the
 * others are written as they are, which is what the resource chain answers for them anyway (the security chain's
 * {@code DisableEncodeUrlFilter} already keeps session ids out of URLs).
 */
@Configuration
class StaticResourceUrls {

    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
        FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(
                new StaticOnlyFilter());
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        return registration;
    }

    /** Whether a link names a file: its path's last segment has an extension. */
    static boolean namesFile(String url) {
        int end = url.length();
        int query = url.indexOf('?');
        if (query >= 0) {
            end = query;
        }
        int hash = url.indexOf('#');
        if (hash >= 0 && hash < end) {
            end = hash;
        }
        int slash = url.lastIndexOf('/', end - 1);
        int dot = url.lastIndexOf('.', end - 1);
        return dot > slash && dot < end - 1;
    }

    static final class StaticOnlyFilter extends ResourceUrlEncodingFilter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            super.doFilter(request, response, (req, res) -> chain.doFilter(req,
                    new StaticOnlyResponse((HttpServletResponse) res)));
        }
    }

    private static final class StaticOnlyResponse extends HttpServletResponseWrapper {
        StaticOnlyResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public String encodeURL(String url) {
            return namesFile(url) ? super.encodeURL(url) : url;
        }
    }
}
