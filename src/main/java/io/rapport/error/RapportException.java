package io.rapport.error;

import java.util.Map;

/**
 * The one exception type of Rapport's business and validation failures. It carries a stable
 * {@link ErrorCode}, a message meant for people, and optionally the attribute it concerns so that forms can
 * show the message beside the field.
 *
 * <p>A message never carries a huge input whole: values are quoted into messages with {@link #quote(Object)} (at
 * most {@value #QUOTED_LENGTH} characters and "…"), and a message longer than {@value #LONG_MESSAGE} characters,
 * which can only come from an input quoted whole, has each quoted value longer than that cut the same way and is
 * then cut at {@value #MAX_MESSAGE} characters.
 */
public class RapportException extends RuntimeException {

    /** How many characters of a value a message quotes. */
    public static final int QUOTED_LENGTH = 100;
    /** Messages up to this length are kept as written. */
    static final int LONG_MESSAGE = 1000;
    /** No message is longer than this (and "…"). */
    static final int MAX_MESSAGE = 2000;

    private final ErrorCode code;
    private final String attribute;
    private final Map<String, Object> details;

    public RapportException(ErrorCode code, String message) {
        this(code, message, null, Map.of(), null);
    }

    public RapportException(ErrorCode code, String message, String attribute) {
        this(code, message, attribute, Map.of(), null);
    }

    public RapportException(ErrorCode code, String message, String attribute, Map<String, Object> details,
            Throwable cause) {
        super(bounded(message), cause);
        this.code = code;
        this.attribute = attribute;
        this.details = details == null ? Map.of() : Map.copyOf(details);
    }

    public ErrorCode code() {
        return code;
    }

    /** The attribute logical name the failure is about, or {@code null}. */
    public String attribute() {
        return attribute;
    }

    /** Extra machine-readable details, e.g. the matching records of a duplicate check. */
    public Map<String, Object> details() {
        return details;
    }

    /**
     * A value as a message quotes it: its text, cut after {@value #QUOTED_LENGTH} characters with "…" (a client may
     * send a value of megabytes; the message names it, it does not echo it).
     */
    public static String quote(Object value) {
        return cut(String.valueOf(value), QUOTED_LENGTH);
    }

    /**
     * The message as kept: unchanged up to {@value #LONG_MESSAGE} characters; a longer one has each single-quoted
     * value over {@value #QUOTED_LENGTH} characters cut as {@link #quote(Object)} cuts it (a quote opens after a
     * character that is not a letter or digit and closes before one, so "doesn't" opens nothing), and is cut at
     * {@value #MAX_MESSAGE} characters if it is still longer.
     */
    static String bounded(String message) {
        if (message == null || message.length() <= LONG_MESSAGE) {
            return message;
        }
        StringBuilder out = new StringBuilder(Math.min(message.length(), MAX_MESSAGE + 1));
        int i = 0;
        boolean closers = true; // once a quote finds no closing one, no later quote can
        while (i < message.length() && out.length() <= MAX_MESSAGE) {
            char c = message.charAt(i);
            if (closers && c == '\'' && (i == 0 || !Character.isLetterOrDigit(message.charAt(i - 1)))) {
                int close = closingQuote(message, i + 1);
                closers = close > 0;
                if (closers) {
                    out.append('\'').append(quote(message.substring(i + 1, close))).append('\'');
                    i = close + 1;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.length() <= MAX_MESSAGE && i >= message.length() ? out.toString() : cut(out.toString(),
                MAX_MESSAGE);
    }

    /** The index of the quote closing one opened before {@code from}, or -1. */
    private static int closingQuote(String message, int from) {
        for (int j = message.indexOf('\'', from); j >= 0; j = message.indexOf('\'', j + 1)) {
            if (j + 1 == message.length() || !Character.isLetterOrDigit(message.charAt(j + 1))) {
                return j;
            }
        }
        return -1;
    }

    /** The first {@code length} characters of {@code s} and "…", not splitting a surrogate pair; or {@code s}. */
    private static String cut(String s, int length) {
        if (s.length() <= length) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(length - 1)) ? length - 1 : length;
        return s.substring(0, end) + "…";
    }

    public static RapportException notFound(String entity, Object id) {
        return new RapportException(ErrorCode.OBJECT_DOES_NOT_EXIST,
                entity + " With Id = " + id + " Does Not Exist");
    }

    public static RapportException invalid(String message) {
        return new RapportException(ErrorCode.INVALID_ARGUMENT, message);
    }

    /**
     * Every problem of a request at once: when there is any, one exception with their messages joined and the list
     * itself in the details under {@code problems}.
     */
    public static void throwIfAny(ErrorCode code, java.util.List<String> problems) {
        if (!problems.isEmpty()) {
            throw new RapportException(code, String.join(" ", problems), null,
                    Map.of("problems", java.util.List.copyOf(problems)), null);
        }
    }

    public static RapportException business(String message) {
        return new RapportException(ErrorCode.BUSINESS_RULE, message);
    }
}
