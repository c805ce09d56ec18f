package io.rapport.security.internal.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.security.RapportPrincipal;
import io.rapport.security.internal.RapportUserDetailsService.PrincipalUserDetails;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The signed-in principal survives the JSON round trip of a stored OAuth2 authorization. */
class AuthorizationJsonTest {

    @Test
    void theRapportPrincipalSurvivesTheRoundTrip() throws Exception {
        RapportPrincipal p = new RapportPrincipal(UUID.randomUUID(), "alice", "Alice A", UUID.randomUUID(), "es");
        var auth = UsernamePasswordAuthenticationToken.authenticated(new PrincipalUserDetails(p, true, true), null,
                List.of(new SimpleGrantedAuthority("ROLE_USER")));
        var mapper = AuthorizationJson.mapper();
        String json = mapper.writeValueAsString(auth);
        Object back = mapper.readValue(json, Object.class);
        assertThat(back).as(json).isInstanceOf(UsernamePasswordAuthenticationToken.class);
        PrincipalUserDetails d = (PrincipalUserDetails) ((UsernamePasswordAuthenticationToken) back).getPrincipal();
        assertThat(d.principal()).isEqualTo(p);
        assertThat(d.isEnabled()).isTrue();
    }
}
