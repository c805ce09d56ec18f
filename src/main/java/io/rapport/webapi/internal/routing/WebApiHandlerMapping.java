package io.rapport.webapi.internal.routing;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * Maps the Web API root and everything below it straight to {@link WebApiController}, ahead of Spring MVC's
 * annotated mappings. Through {@code @RequestMapping("/api/data/v9.2/**")} every API request had no direct-path match
 * and was tried against the patterns of every controller of the application (Spring's handler lookup was 12 % of the
 * request thread's samples in get19's profile, {@code bench/README.md}); here the lookup tries three patterns.
 * {@link SimpleUrlHandlerMapping} is a {@code MatchableHandlerMapping}, which Spring Security's {@code /api/**}
 * matcher asks for. An {@code OPTIONS} request reaches the controller as every other method does (the router answers
 * it), no longer Spring's default {@code Allow} answer.
 */
@Configuration(proxyBeanMethods = false)
class WebApiHandlerMapping {

    @Bean
    SimpleUrlHandlerMapping webApiMapping(WebApiController controller) {
        return new SimpleUrlHandlerMapping(Map.of(WebApiController.ROOT, controller, WebApiController.ROOT + "/",
                controller, WebApiController.ROOT + "/**", controller), Ordered.HIGHEST_PRECEDENCE);
    }
}
