package io.rapport.mail.internal;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings {@code rapport.mail.*}.
 *
 * @param encryptionKey base64 of a 256-bit AES key for mailbox passwords; when empty a key is generated once and
 *     kept in {@code keyFile}
 * @param keyFile where the generated key lives (owner-only permissions); ignored when {@code encryptionKey} is set
 * @param pollInterval how often the mailboxes are read over IMAP
 * @param pollBatch at most this many new messages are imported per mailbox and poll
 * @param sendAttempts attempts of one email before it is Failed
 * @param sendFirstRetry wait before the first retry, doubled for each further one
 * @param timeout connect and read timeout of SMTP and IMAP
 * @param maxAttachmentBytes the largest attachment of an email
 */
@ConfigurationProperties("rapport.mail")
public record MailProperties(String encryptionKey, Path keyFile, Duration pollInterval, Integer pollBatch,
        Integer sendAttempts, Duration sendFirstRetry, Duration timeout, Integer maxAttachmentBytes) {

    public MailProperties {
        keyFile = keyFile == null ? Path.of("data", "mail-encryption.key") : keyFile;
        pollInterval = pollInterval == null ? Duration.ofMinutes(1) : pollInterval;
        pollBatch = pollBatch == null ? 100 : pollBatch;
        sendAttempts = sendAttempts == null ? 4 : sendAttempts;
        sendFirstRetry = sendFirstRetry == null ? Duration.ofMinutes(1) : sendFirstRetry;
        timeout = timeout == null ? Duration.ofSeconds(20) : timeout;
        maxAttachmentBytes = maxAttachmentBytes == null ? 7 * 1024 * 1024 : maxAttachmentBytes;
    }
}
