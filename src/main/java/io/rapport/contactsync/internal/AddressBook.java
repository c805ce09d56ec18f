package io.rapport.contactsync.internal;

import ezvcard.VCard;
import ezvcard.VCardVersion;
import io.rapport.contactsync.ContactSyncViews;
import io.rapport.contactsync.internal.CardRepository.StoredCard;
import io.rapport.pipeline.Caller;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.Filter;
import io.rapport.query.Order;
import io.rapport.query.PagingInfo;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityCollection;
import io.rapport.record.EntityReference;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A person's address book: the contacts of their sync filter (a saved view they chose, else the active contacts they
 * own), read through the pipeline as that person, so row and field security apply; and each contact's card, whose
 * strong ETag is a hash of its text.
 */
@Component
class AddressBook {

    private static final Logger log = LoggerFactory.getLogger(AddressBook.class);
    static final int PAGE = 1000;

    /** A contact's card as served: its text in the vCard version {@code written}. */
    record Card(UUID contactId, String resourceName, String text, String etag, long version, VCard vcard,
            VCardVersion written) {
    }

    private final OrganizationService organization;
    private final CardRepository cards;
    private final BaseRepository bases;
    private final SyncSettingsService settings;
    private final ObjectProvider<ContactSyncViews> views;
    private final TransactionTemplate separate;
    private final Clock clock;

    AddressBook(OrganizationService organization, CardRepository cards, BaseRepository bases,
            SyncSettingsService settings,
            ObjectProvider<ContactSyncViews> views, PlatformTransactionManager transactions, Clock clock) {
        this.organization = organization;
        this.cards = cards;
        this.bases = bases;
        this.settings = settings;
        this.views = views;
        this.separate = new TransactionTemplate(transactions);
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** The sync filter: the chosen view's conditions, else active contacts owned by the person. */
    Filter filter(Caller caller) {
        Optional<String> key = settings.viewKey(caller.userId());
        ContactSyncViews available = views.getIfAvailable();
        if (key.isPresent() && available != null) {
            Optional<Filter> f = available.filter(caller, key.get());
            if (f.isPresent()) {
                return f.get();
            }
        }
        return Filter.and(Condition.eq("ownerid", caller.userId()), Condition.eq("statecode", 0));
    }

    /** One page (1-based) of the address book's contacts, by id. */
    EntityCollection page(Caller caller, Filter filter, int page, int size) {
        return organization.as(caller).retrieveMultiple(QueryExpression.from("contact")
                .columns(ColumnSet.of(CardMapping.COLUMNS)).where(filter).orderBy(Order.asc("contactid"))
                .paging(PagingInfo.page(page, size)).build());
    }

    /** Those of the contacts that are in the address book. */
    Map<UUID, Entity> contacts(Caller caller, Collection<UUID> ids) {
        return ids.isEmpty() ? new LinkedHashMap<>() : contacts(caller, filter(caller), ids);
    }

    /**
     * Those of the contacts that are in the address book of this filter: one read through the pipeline per
     * {@link #PAGE} ids, with the parent account's name joined in (the card's {@code ORG}).
     */
    Map<UUID, Entity> contacts(Caller caller, Filter filter, Collection<UUID> ids) {
        Map<UUID, Entity> found = new LinkedHashMap<>();
        List<UUID> all = new ArrayList<>(ids);
        for (int i = 0; i < all.size(); i += PAGE) {
            List<UUID> chunk = all.subList(i, Math.min(all.size(), i + PAGE));
            organization.as(caller).retrieveMultiple(QueryExpression.from("contact")
                    .columns(ColumnSet.of(CardMapping.COLUMNS))
                    .where(Filter.and(filter, Condition.of("contactid", ConditionOperator.IN, chunk.toArray())))
                    .build()).entities().forEach(e -> found.put(e.id(), e));
        }
        return found;
    }

    Optional<Entity> contact(Caller caller, UUID id) {
        return Optional.ofNullable(contacts(caller, List.of(id)).get(id));
    }

    /** The cards of these contacts, with what is stored for them. */
    List<Card> cards(Collection<Entity> contacts, VCardVersion version) {
        Map<UUID, StoredCard> stored = cards.ofContacts(contacts.stream().map(Entity::id).toList());
        List<Card> result = new ArrayList<>(contacts.size());
        for (Entity c : contacts) {
            result.add(card(c, stored.get(c.id()), version));
        }
        return result;
    }

    Card card(Entity contact, StoredCard stored, VCardVersion version) {
        VCard base = stored == null ? null : parse(stored.card());
        String uid = base != null && base.getUid() != null && base.getUid().getValue() != null
                ? base.getUid().getValue() : contact.id().toString();
        VCard card = CardMapping.render(contact, company(contact), base, uid);
        VCardVersion v = version != null ? version : base != null && base.getVersion() != null
                ? base.getVersion() : VCardVersion.V3_0;
        String text = write(card, v);
        String etag = version == null || version == v ? etag(text) : etag(write(card, base != null
                && base.getVersion() != null ? base.getVersion() : VCardVersion.V3_0));
        String name = stored != null ? stored.resourceName() : contact.id() + ".vcf";
        return new Card(contact.id(), name, text, etag, versionOf(contact), card, v);
    }

    /**
     * Keeps the cards just served as candidates for the base of a later merge. In a transaction of its own: a race
     * with another request keeping the same card only loses this copy.
     */
    void rememberServed(Collection<Card> served) {
        List<BaseRepository.Base> seen = served.stream()
                .map(c -> new BaseRepository.Base(c.contactId(), c.etag(), c.written() == c.vcard().getVersion()
                        ? c.text() : write(c.vcard(), c.vcard().getVersion())))
                .toList();
        if (seen.isEmpty()) {
            return;
        }
        try {
            separate.executeWithoutResult(t -> bases.add(seen, clock.instant()));
        } catch (DataAccessException e) {
            log.info("served cards not kept as merge bases count={} reason={}", seen.size(), e.getMessage());
        }
    }

    Map<UUID, StoredCard> stored(Collection<UUID> ids) {
        return cards.ofContacts(ids);
    }

    static String company(Entity contact) {
        return contact.get("parentcustomerid") instanceof EntityReference r && "account".equals(r.logicalName())
                ? r.name() : null;
    }

    static long versionOf(Entity contact) {
        return contact.get("versionnumber") instanceof Number n ? n.longValue() : 0L;
    }

    static VCard parse(String text) {
        return VCardText.parse(text);
    }

    static String write(VCard card, VCardVersion version) {
        return VCardText.write(card, version);
    }

    static String etag(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(d, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
