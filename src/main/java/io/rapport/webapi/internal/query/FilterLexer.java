package io.rapport.webapi.internal.query;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import java.util.ArrayList;
import java.util.List;

/** Splits a $filter expression into tokens, remembering where each starts for error messages. */
public final class FilterLexer {

    enum Type { NAME, LITERAL, OPEN, CLOSE, COMMA, COLON, EQUALS, END }

    /** One token; {@code text} is the source text, {@code value} the parsed literal. */
    record Token(Type type, String text, Object value, int position) {
        boolean isWord(String word) {
            return type == Type.NAME && text.equals(word);
        }
    }

    private FilterLexer() {
    }

    static List<Token> tokens(String source) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == ',' || c == ':' || c == '=') {
                Type t = switch (c) {
                    case '(' -> Type.OPEN;
                    case ')' -> Type.CLOSE;
                    case ',' -> Type.COMMA;
                    case ':' -> Type.COLON;
                    default -> Type.EQUALS;
                };
                tokens.add(new Token(t, String.valueOf(c), null, i));
                i++;
            } else if (c == '\'') {
                int end = closingQuote(source, i);
                String text = source.substring(i, end + 1);
                tokens.add(new Token(Type.LITERAL, text, parseLiteral(text, i, source), i));
                i = end + 1;
            } else if (c == '[') {
                int end = closingBracket(source, i);
                String text = source.substring(i, end + 1);
                tokens.add(new Token(Type.LITERAL, text, parseLiteral(text, i, source), i));
                i = end + 1;
            } else if (Character.isDigit(c) || c == '-' && i + 1 < source.length()
                    && Character.isDigit(source.charAt(i + 1))) {
                int end = i + 1;
                while (end < source.length() && isLiteralChar(source.charAt(end))) {
                    end++;
                }
                String text = source.substring(i, end);
                tokens.add(new Token(Type.LITERAL, text, parseLiteral(text, i, source), i));
                i = end;
            } else if (isNameChar(c) || c == '@') {
                int end = i + 1;
                while (end < source.length() && (isNameChar(source.charAt(end)) || source.charAt(end) == '/')) {
                    end++;
                }
                String text = source.substring(i, end);
                Token token = isKeywordLiteral(text) || Literals.GUID.matcher(text).matches()
                        ? new Token(Type.LITERAL, text, parseLiteral(text, i, source), i)
                        : new Token(Type.NAME, text, null, i);
                tokens.add(token);
                i = end;
            } else {
                throw error(source, i, "unexpected character '" + c + "'");
            }
        }
        tokens.add(new Token(Type.END, "", null, source.length()));
        return tokens;
    }

    private static boolean isKeywordLiteral(String text) {
        return text.equals("null") || text.equals("true") || text.equals("false");
    }

    private static Object parseLiteral(String text, int position, String source) {
        try {
            return Literals.parse(text);
        } catch (RapportException e) {
            String why = e.getMessage();
            throw error(source, position, why.endsWith(".") ? why.substring(0, why.length() - 1) : why);
        }
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$';
    }

    private static boolean isLiteralChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == ':' || c == '-' || c == '+';
    }

    private static int closingQuote(String s, int start) {
        int i = start + 1;
        while (i < s.length()) {
            if (s.charAt(i) == '\'') {
                if (i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                    i += 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        throw error(s, start, "the text literal is not closed");
    }

    private static int closingBracket(String s, int start) {
        boolean quoted = false;
        for (int i = start + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (c == ']' && !quoted) {
                return i;
            }
        }
        throw error(s, start, "the list is not closed with ']'");
    }

    static RapportException error(String source, int position, String what) {
        return new RapportException(ErrorCode.ODATA_SYNTAX_ERROR, "Syntax error at position " + position + " in '"
                + RapportException.quote(source) + "': " + what + ".");
    }
}
