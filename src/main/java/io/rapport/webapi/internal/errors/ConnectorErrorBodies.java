package io.rapport.webapi.internal.errors;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Installs {@link ApiErrorReportValve} as the host's error page before Tomcat starts, and lets the connector accept
 * the characters that Dataverse clients send unencoded: {@code [ ] { } | ^ `} and, in the query only, {@code " < >}
 * (browsers and Node send {@code @p1=['account','contact']} or {@code @p1={'@odata.id':'accounts(...)'}} as they
 * are). Tomcat would otherwise refuse such a request with its HTML 400 page before the application sees it.
 */
@Component
public class ConnectorErrorBodies implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    static final String RELAXED_QUERY_CHARS = "[]{}|^`\"<>";
    static final String RELAXED_PATH_CHARS = "[]{}|^`";

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> {
            connector.setProperty("relaxedQueryChars", RELAXED_QUERY_CHARS);
            connector.setProperty("relaxedPathChars", RELAXED_PATH_CHARS);
        });
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ApiErrorReportValve.class.getName());
            }
        });
    }
}
