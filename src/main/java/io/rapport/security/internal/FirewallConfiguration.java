package io.rapport.security.internal;

import io.rapport.error.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.util.HtmlUtils;

/**
 * Spring Security's request firewall, with two changes. Query parameter values may hold control characters:
 * Dataverse clients send multi-line queries ({@code %0A}), and a NUL in a value is refused by Rapport itself with a
 * message that names the attribute. A rejected request (an encoded slash, a semicolon in the path...) is answered
 * here, because the servlet error page would pass the same firewall and fail again: {@code /api} gets Dataverse's
 * error body, pages a short page in the browser's language. WebDAV's PROPFIND and REPORT are allowed (CardDAV).
 */
@Configuration(proxyBeanMethods = false)
class FirewallConfiguration {

    private static final Logger log = LoggerFactory.getLogger(FirewallConfiguration.class);

    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedParameterValues(value -> true);
        // the standard methods plus WebDAV's PROPFIND and REPORT, which CardDAV clients send to /dav
        firewall.setAllowedHttpMethods(java.util.List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
                "PROPFIND", "REPORT"));
        return firewall;
    }

    @Bean
    RequestRejectedHandler requestRejectedHandler(MessageSource messages) {
        return (request, response, e) -> reject(request, response, e, messages);
    }

    private static void reject(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e,
            MessageSource messages) throws IOException {
        log.info("request rejected by the firewall path={} reason={}", request.getRequestURI(), e.getMessage());
        response.setStatus(400);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            response.setContentType("application/json");
            String message = "The request was rejected: " + e.getMessage().replace("\"", "'") + ".";
            response.getWriter().write("{\"error\":{\"code\":\"" + ErrorCode.INVALID_ARGUMENT.hex()
                    + "\",\"message\":\"" + message.replace("\\", "\\\\") + "\"}}");
            return;
        }
        response.setContentType("text/html");
        String title = messages.getMessage("problem.title", null, request.getLocale());
        String text = messages.getMessage("problem.page.400", null, request.getLocale());
        response.getWriter().write("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>"
                + HtmlUtils.htmlEscape(title) + "</title></head><body><h1>" + HtmlUtils.htmlEscape(title)
                + "</h1><p>" + HtmlUtils.htmlEscape(text) + "</p><p><a href=\"/\">Rapport</a></p></body></html>");
    }
}
