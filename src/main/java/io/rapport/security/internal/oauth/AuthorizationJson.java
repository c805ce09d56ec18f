package io.rapport.security.internal.oauth;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.rapport.security.RapportPrincipal;
import io.rapport.security.internal.RapportUserDetailsService.PrincipalUserDetails;
import java.util.UUID;
import org.springframework.security.jackson2.SecurityJackson2Modules;
import org.springframework.security.oauth2.server.authorization.jackson2.OAuth2AuthorizationServerJackson2Module;

/**
 * The JSON mapper of stored OAuth2 authorizations: Spring Security's allow-listed modules plus Rapport's signed-in
 * principal, so an authorization-code flow's user survives between the authorize and token requests (and nodes).
 */
final class AuthorizationJson {

    private AuthorizationJson() {
    }

    static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.registerModules(SecurityJackson2Modules.getModules(AuthorizationJson.class.getClassLoader()));
        mapper.registerModule(new OAuth2AuthorizationServerJackson2Module());
        mapper.addMixIn(PrincipalUserDetails.class, PrincipalUserDetailsMixin.class);
        mapper.addMixIn(RapportPrincipal.class, RapportPrincipalMixin.class);
        return mapper;
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
            getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE)
    @JsonIgnoreProperties(ignoreUnknown = true, value = {"password", "authorities", "username"})
    @JsonDeserialize(using = JsonDeserializer.None.class)
    abstract static class PrincipalUserDetailsMixin {
        @JsonCreator
        PrincipalUserDetailsMixin(@JsonProperty("principal") RapportPrincipal principal,
                @JsonProperty("enabled") boolean enabled, @JsonProperty("accountNonLocked") boolean accountNonLocked) {
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
    @JsonIgnoreProperties(ignoreUnknown = true)
    abstract static class RapportPrincipalMixin {
        @JsonCreator
        RapportPrincipalMixin(@JsonProperty("userId") UUID userId, @JsonProperty("username") String username,
                @JsonProperty("fullName") String fullName, @JsonProperty("businessUnitId") UUID businessUnitId,
                @JsonProperty("language") String language) {
        }
    }
}
