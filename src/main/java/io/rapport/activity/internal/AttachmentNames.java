package io.rapport.activity.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import java.text.Normalizer;
import java.util.Locale;

/**
 * File names of attachments as Windows would save them, so that the extension block list sees the extension the
 * file really gets: the last path segment only; trailing dots and spaces dropped (Windows drops them, turning
 * {@code evil.exe.} into {@code evil.exe}); names with control or bidirectional formatting characters (which
 * disguise {@code exe} as {@code txt}) or a colon (an NTFS alternate data stream such as {@code evil.exe::$DATA})
 * refused. The extension is compared in compatibility-normalised lower case ({@code .ＥＸＥ} is {@code .exe}).
 * Only the last extension counts: {@code invoice.exe.pdf} opens as a PDF, and content that is really an executable
 * is refused by its magic bytes whatever the name says.
 */
final class AttachmentNames {

    private AttachmentNames() {
    }

    /** The name to store: without a path and without trailing dots and spaces; refuses names Windows would bend. */
    static String clean(String fileName) {
        String name = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        // code points: a lone surrogate shows as type SURROGATE, a pair as the character it encodes
        boolean bent = name.codePoints().anyMatch(cp -> cp == ':' || Character.isISOControl(cp)
                || Character.getType(cp) == Character.FORMAT || Character.getType(cp) == Character.SURROGATE);
        if (bent) {
            throw invalid("The file name '" + printable(fileName) + "' contains a character that file names may "
                    + "not have (a colon, a control or a formatting character).");
        }
        int end = name.length();
        while (end > 0 && (name.charAt(end - 1) == '.' || Character.isWhitespace(name.charAt(end - 1)))) {
            end--;
        }
        name = name.substring(0, end);
        if (name.isBlank()) {
            throw new RapportException(ErrorCode.REQUIRED_ATTRIBUTE_MISSING, "An attachment needs a file name.",
                    "filename");
        }
        return name;
    }

    /** The last extension of a cleaned name, lower case, or empty. */
    static String extension(String cleanName) {
        String normal = Normalizer.normalize(cleanName, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        int dot = normal.lastIndexOf('.');
        return dot < 0 ? "" : normal.substring(dot + 1).trim();
    }

    private static String printable(String name) {
        StringBuilder b = new StringBuilder();
        name.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                b.append(String.format("\\u%04X", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }

    private static RapportException invalid(String message) {
        return new RapportException(ErrorCode.INVALID_ARGUMENT, message, "filename");
    }
}
