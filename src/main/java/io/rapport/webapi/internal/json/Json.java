package io.rapport.webapi.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;

/** The JSON settings of the Web API: exact decimals, duplicate keys and trailing garbage rejected. */
public final class Json {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** The JSON of a parameter alias in a URL, where Dataverse takes single quotes ({'@odata.id':'accounts(1)'}). */
    static final ObjectMapper ALIAS_MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .build();

    private Json() {
    }

    /** Parses the JSON value of a parameter alias (double or single quotes); a precise 400 when it is not JSON. */
    public static JsonNode parseAlias(String name, String text) {
        try {
            return ALIAS_MAPPER.readTree(text);
        } catch (JsonProcessingException | NumberFormatException e) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The value of the parameter alias " + name
                    + " is not valid JSON: " + (e instanceof JsonProcessingException j
                            ? withoutSource(j.getOriginalMessage()) : "a number out of range") + ".");
        }
    }

    /** Jackson's message without its parser location ("(start marker at [Source: …; line: 1, column: 13])"). */
    private static String withoutSource(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)", "");
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Parses a request body; a precise 400 when it is not JSON. */
    static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new RapportException(ErrorCode.INVALID_PAYLOAD, "The request body is not valid JSON" + where + ": "
                    + withoutSource(e.getOriginalMessage()));
        } catch (NumberFormatException e) {
            // Jackson reads a number whose exponent no BigDecimal holds (1e9999999999) this way, not as a parse error
            throw new RapportException(ErrorCode.INVALID_PAYLOAD,
                    "The request body holds a number whose exponent is out of range.");
        }
    }

    /** Parses a request body that must be a JSON object. */
    public static ObjectNode parseObject(String text) {
        JsonNode node = parse(text);
        if (!(node instanceof ObjectNode o)) {
            throw new RapportException(ErrorCode.INVALID_PAYLOAD, "The request body must be a JSON object, not "
                    + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ".");
        }
        return o;
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
