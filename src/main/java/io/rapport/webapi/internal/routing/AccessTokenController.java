package io.rapport.webapi.internal.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rapport.error.RapportException;
import io.rapport.security.PersonalAccessTokens.TokenInfo;
import io.rapport.security.PersonalAccessTokens.TokenScope;
import io.rapport.security.PersonalAccessTokens;
import io.rapport.webapi.internal.errors.ApiErrors;
import io.rapport.webapi.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's own personal access tokens over HTTP: issue ({@code POST /api/rapport/tokens} with {@code name},
 * {@code scope} "read" or "read-write", {@code expiresInDays}), list ({@code GET}, paged) and revoke
 * ({@code DELETE /api/rapport/tokens/{id}}). The security module owns the tokens; this is only their JSON.
 */
@RestController
public class AccessTokenController {

    private static final Logger LOG = LoggerFactory.getLogger(AccessTokenController.class);
    static final int DEFAULT_LIFETIME_DAYS = 30;
    static final int PAGE_SIZE = 50;

    private final PersonalAccessTokens tokens;

    AccessTokenController(PersonalAccessTokens tokens) {
        this.tokens = tokens;
    }

    @PostMapping("/api/rapport/tokens")
    ResponseEntity<byte[]> issue(@RequestBody(required = false) byte[] body) {
        try {
            JsonNode json = body == null || body.length == 0 ? Json.object()
                    : Json.parseObject(new String(body, StandardCharsets.UTF_8));
            JsonNode days = json.path("expiresInDays");
            if (!days.isMissingNode() && !days.canConvertToInt()) {
                throw RapportException.invalid("expiresInDays is a whole number of days.");
            }
            TokenScope scope = scope(json.path("scope").asText("read-write"));
            var issued = tokens.issue(json.path("name").asText(null), scope,
                    days.isMissingNode() ? DEFAULT_LIFETIME_DAYS : days.asInt());
            LOG.info("security.token.issued id={} scope={} expiresOn={}", issued.info().id(), scope.value(),
                    issued.info().expiresOn());
            ObjectNode out = view(issued.info());
            out.put("token", issued.secret());
            return WebApiController.toEntity(ApiResponse.json(201, Json.write(out)));
        } catch (RapportException e) {
            return WebApiController.toEntity(ApiErrors.body(e.code(), e.getMessage()));
        }
    }

    @GetMapping("/api/rapport/tokens")
    ResponseEntity<byte[]> mine(@RequestParam(defaultValue = "1") int page) {
        try {
            List<TokenInfo> found = tokens.mine(page, PAGE_SIZE + 1);
            ObjectNode out = Json.object();
            ArrayNode value = out.putArray("value");
            found.stream().limit(PAGE_SIZE).forEach(t -> value.add(view(t)));
            out.put("more", found.size() > PAGE_SIZE);
            return WebApiController.toEntity(ApiResponse.json(200, Json.write(out)));
        } catch (RapportException e) {
            return WebApiController.toEntity(ApiErrors.body(e.code(), e.getMessage()));
        }
    }

    @DeleteMapping("/api/rapport/tokens/{id}")
    ResponseEntity<byte[]> revoke(@PathVariable UUID id) {
        try {
            tokens.revoke(id);
            LOG.info("security.token.revoked id={}", id);
            return WebApiController.toEntity(ApiResponse.noContent());
        } catch (RapportException e) {
            return WebApiController.toEntity(ApiErrors.body(e.code(), e.getMessage()));
        }
    }

    private static TokenScope scope(String value) {
        try {
            return TokenScope.of(value);
        } catch (IllegalArgumentException e) {
            throw RapportException.invalid("scope is \"read\" or \"read-write\", not \"" + value + "\".");
        }
    }

    private static ObjectNode view(TokenInfo t) {
        ObjectNode o = Json.object();
        o.put("id", t.id().toString());
        o.put("name", t.name());
        o.put("scope", t.scope().value());
        o.put("createdOn", t.createdOn().toString());
        o.put("expiresOn", t.expiresOn().toString());
        return o;
    }
}
