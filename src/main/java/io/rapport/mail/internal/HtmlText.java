package io.rapport.mail.internal;

import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/** Plain text from an HTML body and back, for the two alternatives of a sent message and for received mail. */
final class HtmlText {

    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern BREAK = Pattern.compile("(?i)<\\s*(br|/p|/div|/li|/tr|/h[1-6])\\b[^>]*>");
    private static final Pattern DROPPED = Pattern.compile("(?is)<(script|style|head)\\b.*?</\\1\\s*>");

    private HtmlText() {
    }

    static boolean isHtml(String body) {
        return body != null && TAG.matcher(body).find();
    }

    static String toText(String html) {
        if (html == null) {
            return "";
        }
        String s = DROPPED.matcher(html).replaceAll("");
        s = BREAK.matcher(s).replaceAll("\n");
        s = TAG.matcher(s).replaceAll("");
        return HtmlUtils.htmlUnescape(s).replaceAll("[ \\t]+\n", "\n").replaceAll("\n{3,}", "\n\n").trim();
    }

    static String toHtml(String text) {
        return HtmlUtils.htmlEscape(text == null ? "" : text).replace("\n", "<br>\n");
    }
}
