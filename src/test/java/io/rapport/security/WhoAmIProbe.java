package io.rapport.security;

import io.rapport.pipeline.CallerProvider;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A test-only endpoint under /api (and one in the UI) that answers with the caller the security module resolved. */
@RestController
class WhoAmIProbe {

    private final CallerProvider callers;

    WhoAmIProbe(CallerProvider callers) {
        this.callers = callers;
    }

    @GetMapping({"/api/test/whoami", "/test/whoami"})
    Map<String, Object> whoAmI() {
        var c = callers.current();
        return Map.of("UserId", String.valueOf(c.userId()), "Channel", c.channel().name());
    }
}
