package io.rapport.contactsync.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.Caller;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.PagingInfo;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Sync tokens (RFC 6578) on top of the pipeline's change tracking: a token is the data version of
 * RetrieveEntityChanges on {@code contact} as a URI, so it survives restarts and is valid on every node. The changes
 * since a token are the contacts created or changed since (as the person may read them now) and those deleted or no
 * longer readable; which of the changed ones are still in the address book the caller decides.
 */
@Component
class SyncTokens {

    static final String PREFIX = "http://rapport.io/ns/sync/";

    private final OrganizationService organization;

    SyncTokens(OrganizationService organization) {
        this.organization = organization;
    }

    /** What changed since a token: per contact id, true when it was removed; and the token to use next. */
    record Changes(Map<UUID, Boolean> removed, String token) {
    }

    /** The current token (a first pass of change tracking, reading ids only). */
    String current(Caller caller) {
        return since(caller, null).token();
    }

    /**
     * The changes since the token ({@code null}: a first pass, which only yields a token).
     *
     * @throws InvalidToken when the token is not one of ours or has expired
     */
    @SuppressWarnings("unchecked")
    Changes since(Caller caller, String token) {
        String version = null;
        if (token != null) {
            if (!token.startsWith(PREFIX)) {
                throw new InvalidToken();
            }
            version = URLDecoder.decode(token.substring(PREFIX.length()), StandardCharsets.UTF_8);
        }
        Map<UUID, Boolean> changes = new LinkedHashMap<>();
        OrganizationService org = organization.as(caller);
        while (true) {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("EntityName", "contact");
            if (version != null) {
                params.put("DataVersion", version);
            }
            params.put("Columns", List.of("contactid"));
            params.put("PageInfo", new PagingInfo(1, PagingInfo.MAX_PAGE_SIZE, null, false));
            Map<String, Object> result;
            try {
                result = (Map<String, Object>) org.execute(new ActionRequest("RetrieveEntityChanges", params))
                        .output("EntityChanges");
            } catch (RapportException e) {
                if (token != null && (e.code() == ErrorCode.EXPIRED_VERSION_STAMP || e.code().httpStatus() == 400)) {
                    throw new InvalidToken();
                }
                throw e;
            }
            // a first pass only yields its token: what it lists is the whole readable set, not changes to keep
            for (Map<String, Object> change : token == null ? List.<Map<String, Object>>of()
                    : (List<Map<String, Object>>) result.get("Changes")) {
                if (change.get("NewOrUpdatedEntity") instanceof Entity e) {
                    changes.put(e.id(), false);
                } else if (change.get("RemovedOrDeletedItem") instanceof EntityReference r) {
                    changes.put(r.id(), true);
                }
            }
            version = (String) result.get("DataToken");
            if (!Boolean.TRUE.equals(result.get("MoreRecords"))) {
                return new Changes(changes, PREFIX + URLEncoder.encode(version, StandardCharsets.UTF_8));
            }
        }
    }

    /** A sync token that is not valid (any more): the client must sync in full (403 DAV:valid-sync-token). */
    static final class InvalidToken extends RuntimeException {
        InvalidToken() {
            super("The sync token is not valid; sync in full.");
        }
    }
}
