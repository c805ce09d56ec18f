package io.rapport.activity.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Recognizes common file types by their first bytes, and guesses MIME types from file name extensions. */
final class ContentTypes {

    static final String EXECUTABLE = "an executable";
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(Map.entry("pdf", "application/pdf"),
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"), Map.entry("txt", "text/plain"), Map.entry("csv", "text/csv"),
            Map.entry("html", "text/html"), Map.entry("zip", "application/zip"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            Map.entry("doc", "application/msword"), Map.entry("xls", "application/vnd.ms-excel"),
            Map.entry("eml", "message/rfc822"), Map.entry("json", "application/json"));

    private ContentTypes() {
    }

    static String byExtension(String extension) {
        return BY_EXTENSION.getOrDefault(extension, "application/octet-stream");
    }

    /** The MIME type the content shows, {@link #EXECUTABLE}, or {@code null} when it is not recognized. */
    static String sniff(byte[] b) {
        if (starts(b, "MZ") || starts(b, "\u007fELF") || b.length >= 4 && (b[0] & 0xff) == 0xCF
                && (b[1] & 0xff) == 0xFA && (b[2] & 0xff) == 0xED && (b[3] & 0xff) == 0xFE) {
            return EXECUTABLE;
        }
        if (starts(b, "%PDF-")) {
            return "application/pdf";
        }
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && starts(b, 1, "PNG")) {
            return "image/png";
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return "image/jpeg";
        }
        if (starts(b, "GIF87a") || starts(b, "GIF89a")) {
            return "image/gif";
        }
        return null;
    }

    /** True when the content is recognized as something other than the declared type claims. */
    static boolean contradicts(String declared, String sniffed) {
        if (sniffed == null) {
            return false;
        }
        String type = declared.contains(";") ? declared.substring(0, declared.indexOf(';')).trim() : declared;
        boolean claimsRecognizable = type.equals("application/pdf") || type.startsWith("image/")
                || type.startsWith("text/");
        return claimsRecognizable && !type.equals(sniffed);
    }

    private static boolean starts(byte[] b, String prefix) {
        return starts(b, 0, prefix);
    }

    private static boolean starts(byte[] b, int offset, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.ISO_8859_1);
        if (b.length < offset + p.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (b[offset + i] != p[i]) {
                return false;
            }
        }
        return true;
    }
}
