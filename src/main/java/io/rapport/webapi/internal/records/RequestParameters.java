package io.rapport.webapi.internal.records;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.Messages;
import io.rapport.webapi.internal.routing.ApiContext;
import java.util.Map;

/**
 * Dataverse's optional request parameters given as headers on create and update: {@code
 * MSCRM.SuppressDuplicateDetection: false} runs the duplicate detection rules (a duplicate fails with 412,
 * 0x80040333, and nothing is saved).
 */
public final class RequestParameters {

    static final String SUPPRESS_DUPLICATE_DETECTION = "MSCRM.SuppressDuplicateDetection";

    private RequestParameters() {
    }

    static Map<String, Object> of(ApiContext ctx) {
        String value = ctx.request().header(SUPPRESS_DUPLICATE_DETECTION);
        if (value == null) {
            return Map.of();
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "false" -> Map.of(Messages.SUPPRESS_DUPLICATE_DETECTION, false);
            case "true" -> Map.of(Messages.SUPPRESS_DUPLICATE_DETECTION, true);
            default -> throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The header "
                    + SUPPRESS_DUPLICATE_DETECTION + " is true or false, not '" + value + "'.");
        };
    }
}
