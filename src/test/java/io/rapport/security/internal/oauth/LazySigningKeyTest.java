package io.rapport.security.internal.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.rapport.security.AuthenticationProperties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;

/**
 * The token signing key is not read or generated while the application starts (on a new database generating it took
 * about half a second of a cold start, issue 19): the JWK source and the token decoder ask {@link SigningKeys} when
 * they are first used, once.
 */
class LazySigningKeyTest {

    static final class CountingKeys extends SigningKeys {
        final AtomicInteger reads = new AtomicInteger();
        final RSAKey key;

        CountingKeys() throws Exception {
            super(null);
            key = new RSAKeyGenerator(2048).keyID("test").generate();
        }

        @Override
        RSAKey current() {
            reads.incrementAndGet();
            return key;
        }
    }

    final AuthorizationServerConfiguration config = new AuthorizationServerConfiguration();

    @Test
    void theJwkSourceReadsTheKeyOnFirstUseOnly() throws Exception {
        CountingKeys keys = new CountingKeys();
        var source = config.jwkSource(keys);
        assertThat(keys.reads).hasValue(0);
        JWKSelector all = new JWKSelector(new JWKMatcher.Builder().build());
        assertThat(source.get(all, null)).singleElement().extracting(k -> k.getKeyID()).isEqualTo("test");
        assertThat(source.get(all, null)).hasSize(1);
        assertThat(keys.reads).hasValue(1);
    }

    @Test
    void theDecoderReadsTheKeyWhenTheFirstTokenArrives() throws Exception {
        CountingKeys keys = new CountingKeys();
        JwtDecoder decoder = config.jwtDecoder(keys, new InMemoryOAuth2AuthorizationService(),
                new AuthenticationProperties(null, null, null, null, null, null, null, null, null));
        assertThat(keys.reads).hasValue(0);
        assertThatThrownBy(() -> decoder.decode("not.a.token")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("not.a.token")).isInstanceOf(BadJwtException.class);
        assertThat(keys.reads).hasValue(1);
    }
}
