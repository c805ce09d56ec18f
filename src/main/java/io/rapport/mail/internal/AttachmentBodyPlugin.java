package io.rapport.mail.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.record.Entity;
import java.util.Base64;
import org.springframework.stereotype.Component;

/**
 * Email attachments: the body must be base64 of at most {@code rapport.mail.max-attachment-bytes}; the plugin sets
 * {@code filesize} and a default MIME type, before anything is written.
 */
@Component
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, entity = "activitymimeattachment",
        stage = Stage.PRE_VALIDATION)
class AttachmentBodyPlugin implements Plugin {

    private final MailProperties properties;

    AttachmentBodyPlugin(MailProperties properties) {
        this.properties = properties;
    }

    @Override
    public void execute(PluginContext context) {
        Entity target = context.target();
        if (Messages.CREATE.equals(context.messageName()) && target.get("mimetype") == null) {
            target.set("mimetype", "application/octet-stream");
        }
        if (!target.contains("body")) {
            return;
        }
        if (!(target.get("body") instanceof String body) || body.isEmpty()) {
            target.set("body", null);
            target.set("filesize", 0);
            return;
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The attachment body must be base64.", "body");
        }
        if (bytes.length > properties.maxAttachmentBytes()) {
            throw new RapportException(ErrorCode.PAYLOAD_TOO_LARGE, "The attachment is " + bytes.length
                    + " bytes; the largest allowed is " + properties.maxAttachmentBytes() + " bytes.", "body");
        }
        target.set("filesize", bytes.length);
    }
}
