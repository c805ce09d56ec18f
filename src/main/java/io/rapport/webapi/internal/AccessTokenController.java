package io.rapport.webapi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.security.SecurityProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Interim, administrator only: issues ({@code POST /api/rapport/tokens}) and revokes
 * ({@code DELETE /api/rapport/tokens/{id}}) personal access tokens for the Web API.
 */
@RestController
class AccessTokenController {

    private static final Logger LOG = LoggerFactory.getLogger(AccessTokenController.class);

    private final AccessTokens tokens;
    private final OrganizationService org;
    private final CallerProvider callers;
    private final SecurityProperties security;
    private final WebApiProperties properties;

    AccessTokenController(AccessTokens tokens, OrganizationService org, CallerProvider callers,
            SecurityProperties security, WebApiProperties properties) {
        this.tokens = tokens;
        this.org = org;
        this.callers = callers;
        this.security = security;
        this.properties = properties;
    }

    @PostMapping("/api/rapport/tokens")
    ResponseEntity<byte[]> issue(@RequestBody(required = false) byte[] body) {
        try {
            requireAdministrator();
            JsonNode json = body == null || body.length == 0 ? Json.object()
                    : Json.parseObject(new String(body, StandardCharsets.UTF_8));
            String username = json.path("username").asText(SecurityContextHolder.getContext().getAuthentication()
                    .getName());
            Duration lifetime = json.has("expiresInDays") ? Duration.ofDays(json.get("expiresInDays").asLong())
                    : properties.tokenLifetime();
            if (lifetime.isNegative() || lifetime.isZero() || lifetime.toDays() > 366) {
                throw RapportException.invalid("expiresInDays must be between 1 and 366.");
            }
            UUID userId = userId(username);
            AccessTokens.Issued issued = tokens.issue(userId, json.path("name").asText(null),
                    Instant.now().plus(lifetime), callers.current().userId());
            LOG.info("webapi.token.issued id={} user={} expiresOn={}", issued.id(), username, issued.expiresOn());
            ObjectNode out = Json.object();
            out.put("id", issued.id().toString());
            out.put("token", issued.token());
            out.put("userId", userId.toString());
            out.put("username", username);
            out.put("expiresOn", issued.expiresOn().toString());
            return WebApiController.toEntity(ApiResponse.json(201, Json.write(out)));
        } catch (RapportException e) {
            return WebApiController.toEntity(ApiErrors.body(e.code(), e.getMessage()));
        }
    }

    @DeleteMapping("/api/rapport/tokens/{id}")
    ResponseEntity<byte[]> revoke(@PathVariable UUID id) {
        try {
            requireAdministrator();
            if (!tokens.revoke(id)) {
                throw new RapportException(ErrorCode.OBJECT_DOES_NOT_EXIST, "No access token has the id " + id + ".");
            }
            LOG.info("webapi.token.revoked id={}", id);
            return WebApiController.toEntity(ApiResponse.noContent());
        } catch (RapportException e) {
            return WebApiController.toEntity(ApiErrors.body(e.code(), e.getMessage()));
        }
    }

    private void requireAdministrator() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !security.adminUsername().equals(auth.getName())) {
            throw new RapportException(ErrorCode.PRIVILEGE_DENIED, "Only the administrator may issue or revoke "
                    + "access tokens.");
        }
    }

    private UUID userId(String username) {
        List<Entity> users = org.as(callers.system()).retrieveMultiple(QueryExpression.from("systemuser")
                .columns(ColumnSet.none()).where(Condition.eq("domainname", username)).top(2).build()).entities();
        if (users.size() != 1) {
            throw new RapportException(ErrorCode.OBJECT_DOES_NOT_EXIST, "No user has the user name '" + username
                    + "'.");
        }
        return users.get(0).id();
    }

}
