package io.rapport.activity.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.record.Entity;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Files attached to notes ({@code documentbody}, base64 as in Dataverse) are checked before anything else:
 * valid base64, within {@code rapport.activity.max-attachment-bytes}, a file name without a blocked extension
 * (as Windows would save it: see {@link AttachmentNames}),
 * a well-formed MIME type that the content does not contradict, and never an executable. The plugin sets
 * {@code filesize} and {@code isdocument}.
 */
@Component
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, entity = "annotation", stage = Stage.PRE_VALIDATION)
class AttachmentPlugin implements Plugin {

    private static final Pattern MIME = Pattern.compile("^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$");

    private final ActivityProperties properties;

    AttachmentPlugin(ActivityProperties properties) {
        this.properties = properties;
    }

    @Override
    public void execute(PluginContext context) {
        Entity target = context.target();
        if (!target.contains("documentbody")) {
            return;
        }
        if (!(target.get("documentbody") instanceof String body) || body.isEmpty()) {
            target.set("documentbody", null);
            target.set("filesize", null);
            target.set("isdocument", false);
            return;
        }
        byte[] bytes = decode(body);
        if (bytes.length > properties.maxAttachmentBytes()) {
            throw new RapportException(ErrorCode.PAYLOAD_TOO_LARGE, "The attachment is " + bytes.length
                    + " bytes; the largest allowed is " + properties.maxAttachmentBytes() + " bytes.", "documentbody");
        }
        String fileName = (String) context.valueAfter("filename");
        if (fileName == null || fileName.isBlank()) {
            throw new RapportException(ErrorCode.REQUIRED_ATTRIBUTE_MISSING, "An attachment needs a file name.",
                    "filename");
        }
        String cleanName = AttachmentNames.clean(fileName);
        String extension = AttachmentNames.extension(cleanName);
        if (properties.blockedExtensions().stream().anyMatch(extension::equalsIgnoreCase)) {
            throw invalid("Files of type ." + extension + " cannot be attached.", "filename");
        }
        String mime = mimeType(context, extension);
        String sniffed = ContentTypes.sniff(bytes);
        if (ContentTypes.EXECUTABLE.equals(sniffed)) {
            throw invalid("Executable files cannot be attached.", "documentbody");
        }
        if (ContentTypes.contradicts(mime, sniffed)) {
            throw invalid("The attachment's content is " + sniffed + ", not " + mime + ".", "mimetype");
        }
        if (!cleanName.equals(fileName)) {
            target.set("filename", cleanName);
        }
        target.set("mimetype", mime);
        target.set("filesize", bytes.length);
        target.set("isdocument", true);
    }

    private String mimeType(PluginContext context, String extension) {
        Object declared = context.valueAfter("mimetype");
        if (declared == null || declared.toString().isBlank()) {
            return ContentTypes.byExtension(extension);
        }
        String mime = declared.toString().trim().toLowerCase(Locale.ROOT);
        int parameters = mime.indexOf(';');
        if (!MIME.matcher(parameters < 0 ? mime : mime.substring(0, parameters).trim()).matches()) {
            throw invalid("'" + declared + "' is not a MIME type.", "mimetype");
        }
        return mime;
    }

    private static byte[] decode(String body) {
        try {
            return Base64.getMimeDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw invalid("The attachment (documentbody) is not valid base64.", "documentbody");
        }
    }

    private static RapportException invalid(String message, String attribute) {
        return new RapportException(ErrorCode.INVALID_ARGUMENT, message, attribute);
    }
}
