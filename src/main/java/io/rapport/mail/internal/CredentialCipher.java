package io.rapport.mail.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Encrypts mailbox passwords with AES-256-GCM (JDK): {@code v1:} + base64(12-byte IV + ciphertext + tag). The key is
 * {@code rapport.mail.encryption-key}, or one generated at first use and kept in {@code rapport.mail.key-file} readable
 * by the application's user only, so a copy of the database alone does not reveal the passwords.
 */
@Component
class CredentialCipher {

    static final String PREFIX = "v1:";
    private static final Logger log = LoggerFactory.getLogger(CredentialCipher.class);
    private static final int IV_BYTES = 12;

    private final MailProperties properties;
    private final SecureRandom random = new SecureRandom();
    private volatile SecretKey key;

    CredentialCipher(MailProperties properties) {
        this.properties = properties;
    }

    static boolean isEncrypted(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    String encrypt(String plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv)
                    .put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt a mailbox credential", e);
        }
    }

    /** The password, or {@code null} for none; fails when the key is not the one it was encrypted with. */
    String decrypt(String stored) {
        if (stored == null || stored.isEmpty()) {
            return null;
        }
        if (!isEncrypted(stored)) {
            throw new IllegalStateException("A mailbox credential is not encrypted");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(128, all, 0, IV_BYTES));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot decrypt a mailbox credential: was rapport.mail.encryption-key "
                    + "changed?", e);
        }
    }

    private SecretKey key() {
        SecretKey k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = new SecretKeySpec(loadKey(), "AES");
                }
                k = key;
            }
        }
        return k;
    }

    private byte[] loadKey() {
        String configured = properties.encryptionKey();
        if (configured != null && !configured.isBlank()) {
            return checked(Base64.getDecoder().decode(configured.trim()), "rapport.mail.encryption-key");
        }
        Path file = properties.keyFile().toAbsolutePath();
        try {
            if (Files.exists(file)) {
                return checked(Base64.getDecoder().decode(Files.readString(file).trim()), file.toString());
            }
            byte[] fresh = new byte[32];
            random.nextBytes(fresh);
            Files.createDirectories(file.getParent());
            Files.writeString(file, Base64.getEncoder().encodeToString(fresh), StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(file, Set.copyOf(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                log.warn("Mail encryption key file permissions not restricted (no POSIX file system) file={}", file);
            }
            log.info("Generated the mail credential encryption key file={}; back it up, or set "
                    + "rapport.mail.encryption-key (required on every node of a cluster)", file);
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the mail encryption key " + file, e);
        }
    }

    private static byte[] checked(byte[] key, String source) {
        if (key.length != 32) {
            throw new IllegalStateException(source + " must be the base64 of 32 bytes (AES-256)");
        }
        return key;
    }
}
