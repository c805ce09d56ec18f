package io.rapport.mail.internal;

import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.Filter;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Email addresses of parties both ways: the address of a contact, lead, account or user, and the record an address
 * belongs to (contacts first, then leads, accounts, users, as Dataverse resolves senders), read as the given caller
 * so only records they may see are found.
 */
final class Addresses {

    /** The entities an address may belong to, in order of preference, with their address attributes. */
    static final Map<String, List<String>> ATTRIBUTES = new java.util.LinkedHashMap<>();

    static {
        ATTRIBUTES.put("contact", List.of("emailaddress1", "emailaddress2", "emailaddress3"));
        ATTRIBUTES.put("lead", List.of("emailaddress1"));
        ATTRIBUTES.put("account", List.of("emailaddress1", "emailaddress2", "emailaddress3"));
        ATTRIBUTES.put("systemuser", List.of("internalemailaddress"));
    }

    private Addresses() {
    }

    /** The first address of a party record, or empty. */
    static Optional<String> of(OrganizationService service, EntityReference party) {
        List<String> attributes = ATTRIBUTES.get(party.logicalName());
        if (attributes == null) {
            return Optional.empty();
        }
        Entity e = service.retrieve(party.logicalName(), party.id(), ColumnSet.of(attributes));
        return attributes.stream().map(e::getString).filter(a -> a != null && !a.isBlank()).findFirst();
    }

    /** The record an address belongs to, or empty when no record the caller may read has it. */
    static Optional<EntityReference> owner(OrganizationService service, String address) {
        for (Map.Entry<String, List<String>> candidate : ATTRIBUTES.entrySet()) {
            List<Filter> any = new ArrayList<>();
            for (String attribute : candidate.getValue()) {
                any.add(Condition.eq(attribute, address));
            }
            QueryExpression.Builder q = QueryExpression.from(candidate.getKey()).columns(ColumnSet.none()).top(1);
            q.where(any.size() == 1 ? any.get(0) : Filter.or(any.toArray(new Filter[0])));
            List<Entity> found = service.retrieveMultiple(q.build()).entities();
            if (!found.isEmpty()) {
                return Optional.of(found.get(0).toReference());
            }
        }
        return Optional.empty();
    }

    /** The addresses of a list such as {@code "a@x.org; B <b@y.org>"}, lower case, without duplicates. */
    static List<String> split(String list) {
        Set<String> result = new LinkedHashSet<>();
        if (list == null) {
            return List.of();
        }
        for (String part : list.split("[;,]")) {
            String p = part.trim();
            int lt = p.lastIndexOf('<');
            if (lt >= 0 && p.endsWith(">")) {
                p = p.substring(lt + 1, p.length() - 1).trim();
            }
            if (p.contains("@")) {
                result.add(p.toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(result);
    }
}
