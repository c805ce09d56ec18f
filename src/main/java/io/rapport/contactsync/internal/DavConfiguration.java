package io.rapport.contactsync.internal;

import io.rapport.pipeline.CallerProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the CardDAV servlet at {@code /dav} and {@code /.well-known/carddav}. */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class DavConfiguration {

    @Bean
    ServletRegistrationBean<DavServlet> davServlet(CallerProvider callers, DavCollections collections,
            DavCards cards) {
        ServletRegistrationBean<DavServlet> bean = new ServletRegistrationBean<>(
                new DavServlet(callers, collections, cards), "/dav", "/dav/*", "/.well-known/carddav",
                "/.well-known/carddav/*");
        bean.setName("carddav");
        return bean;
    }
}
