package io.rapport.importing.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The format of an uploaded file: Excel (a zip container) or delimited text, and for text its encoding (byte
 * order mark, else UTF-8 if the bytes are valid UTF-8, else Windows-1252) and delimiter (the most frequent of
 * comma, semicolon, tab and pipe outside quotes in the first line).
 */
record FileShape(String format, Charset charset, char delimiter) {

    static final String CSV = "csv";
    static final String XLSX = "xlsx";
    static final String VCF = "vcf";
    private static final int SAMPLE = 1 << 20;
    private static final char[] DELIMITERS = {',', ';', '\t', '|'};

    static FileShape detect(String fileName, byte[] head) {
        boolean zip = head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        if (zip || fileName != null && fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".xlsx")) {
            return new FileShape(XLSX, StandardCharsets.UTF_8, ',');
        }
        if (io.rapport.contactsync.VCards.looksLikeVCard(fileName, head)) {
            return new FileShape(VCF, StandardCharsets.UTF_8, ',');
        }
        Charset charset = charset(head);
        String text = new String(head, 0, Math.min(head.length, 64 * 1024), charset);
        return new FileShape(CSV, charset, delimiter(text));
    }

    static int sampleSize() {
        return SAMPLE;
    }

    private static Charset charset(byte[] head) {
        if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        if (head.length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        try {
            // a sample may end inside a multi-byte character: ignore up to three trailing bytes
            int length = head.length;
            int cut = 0;
            while (cut < 3 && length - cut > 0 && (head[length - cut - 1] & 0xC0) == 0x80) {
                cut++;
            }
            if (length - cut > 0 && (head[length - cut - 1] & 0xC0) == 0xC0) {
                cut++;
            }
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(head, 0, length - (head.length >= SAMPLE ? cut : 0)));
            return StandardCharsets.UTF_8;
        } catch (CharacterCodingException e) {
            return Charset.forName("windows-1252");
        }
    }

    private static char delimiter(String text) {
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        char best = ',';
        int bestCount = -1;
        for (char d : DELIMITERS) {
            int count = 0;
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == d && !quoted) {
                    count++;
                }
            }
            if (count > bestCount) {
                best = d;
                bestCount = count;
            }
        }
        return best;
    }
}
