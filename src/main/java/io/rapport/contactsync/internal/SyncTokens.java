package io.rapport.contactsync.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.Caller;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.Filter;
import io.rapport.query.JoinType;
import io.rapport.query.LinkEntity;
import io.rapport.query.Order;
import io.rapport.query.PagingInfo;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityCollection;
import io.rapport.record.EntityReference;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Sync tokens (RFC 6578) on top of the pipeline's change tracking: a token is the data version of
 * RetrieveEntityChanges on {@code contact} as a URI, so it survives restarts and is valid on every node. The changes
 * since a token are the contacts created or changed since (as the person may read them now), the contacts of accounts
 * changed since (a card shows its account's name), and those deleted or no longer readable; which of the changed ones
 * are still in the address book the caller decides.
 */
@Component
class SyncTokens {

    static final String PREFIX = "http://rapport.io/ns/sync/";

    private final OrganizationService organization;
    private final ObjectProvider<AddressBook> book;

    SyncTokens(OrganizationService organization, ObjectProvider<AddressBook> book) {
        this.organization = organization;
        this.book = book;
    }

    /** What changed since a token: per contact id, true when it was removed; and the token to use next. */
    record Changes(Map<UUID, Boolean> removed, String token) {
    }

    /** The current token (a first pass of change tracking, reading ids only). */
    String current(Caller caller) {
        return since(caller, null).token();
    }

    /**
     * The changes since the token ({@code null}: a first pass, which only yields a token). A card shows the name of
     * the contact's account, so the address book's contacts whose account changed since the token count as changed
     * too (one query joining the accounts by row version, whatever the number of accounts changed).
     *
     * @throws InvalidToken when the token is not one of ours or has expired
     */
    Changes since(Caller caller, String token) {
        String version = null;
        if (token != null) {
            if (!token.startsWith(PREFIX)) {
                throw new InvalidToken();
            }
            try {
                version = URLDecoder.decode(token.substring(PREFIX.length()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new InvalidToken();
            }
        }
        Map<UUID, Boolean> changes = new LinkedHashMap<>();
        OrganizationService org = organization.as(caller);
        String next = pass(org, "contact", version, token != null, change -> {
            if (change.get("NewOrUpdatedEntity") instanceof Entity e) {
                changes.put(e.id(), false);
            } else if (change.get("RemovedOrDeletedItem") instanceof EntityReference r) {
                changes.put(r.id(), true);
            }
        });
        if (token != null) {
            // the cards whose account changed since: the address book's contacts joined to those accounts
            long cursor = cursor(version);
            Filter inBook = book.getObject().filter(caller);
            for (int page = 1; ; page++) {
                EntityCollection found = org.retrieveMultiple(QueryExpression.from("contact").select("contactid")
                        .where(inBook).link(new LinkEntity("account", "accountid", "parentcustomerid", "changedaccount",
                                JoinType.INNER, ColumnSet.none(), Condition.of("versionnumber",
                                        ConditionOperator.GREATER_THAN, cursor), List.of()))
                        .orderBy(Order.asc("contactid")).paging(PagingInfo.page(page, PagingInfo.MAX_PAGE_SIZE))
                        .build());
                found.entities().forEach(c -> changes.putIfAbsent(c.id(), false));
                if (!found.moreRecords()) {
                    break;
                }
            }
        }
        return new Changes(changes, PREFIX + URLEncoder.encode(next, StandardCharsets.UTF_8));
    }

    /** The row version a (finished) data version reads after: its third part (safe!time!cursor!watermark!time). */
    private static long cursor(String version) {
        String[] parts = version.split("!", -1);
        try {
            return Long.parseLong(parts[2]);
        } catch (RuntimeException e) {
            throw new InvalidToken();
        }
    }

    /**
     * One pass of RetrieveEntityChanges over an entity from a data version (null: a first pass), every page; the
     * changes go to the consumer when {@code keep} (a first pass lists the whole readable set, not changes).
     */
    @SuppressWarnings("unchecked")
    private static String pass(OrganizationService org, String entity, String from, boolean keep,
            Consumer<Map<String, Object>> each) {
        String version = from;
        while (true) {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("EntityName", entity);
            if (version != null) {
                params.put("DataVersion", version);
            }
            params.put("Columns", List.of(entity + "id"));
            params.put("PageInfo", new PagingInfo(1, PagingInfo.MAX_PAGE_SIZE, null, false));
            Map<String, Object> result;
            try {
                result = (Map<String, Object>) org.execute(new ActionRequest("RetrieveEntityChanges", params))
                        .output("EntityChanges");
            } catch (RapportException e) {
                if (from != null && (e.code() == ErrorCode.EXPIRED_VERSION_STAMP || e.code().httpStatus() == 400)) {
                    throw new InvalidToken();
                }
                throw e;
            }
            if (keep) {
                ((List<Map<String, Object>>) result.get("Changes")).forEach(each);
            }
            version = (String) result.get("DataToken");
            if (!Boolean.TRUE.equals(result.get("MoreRecords"))) {
                return version;
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
