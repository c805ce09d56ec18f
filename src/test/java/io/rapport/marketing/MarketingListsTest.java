package io.rapport.marketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.testing.Principals;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Marketing lists as a Marketing Professional (built-in role only) and a Salesperson: static members added, removed
 * and copied, the member type enforced with a 400, locked and dynamic lists refusing member changes, a dynamic list's
 * members following its query, CopyDynamicListToStatic making a locked static copy, QualifyMemberList.
 */
abstract class MarketingListsTest {

    @OnH2
    static class H2 extends MarketingListsTest {
    }

    @OnPostgres
    static class Postgres extends MarketingListsTest {
    }

    @Autowired
    OrganizationService org;

    OrganizationService marketer;
    OrganizationService seller;
    String run;

    @BeforeEach
    void people() {
        Principals people = new Principals(org);
        run = people.run();
        UUID unit = people.businessUnit("Marketing " + run, people.rootUnit());
        marketer = people.as(people.user("marketer", unit, "Marketing Professional"));
        seller = people.as(people.user("seller", unit, "Salesperson"));
    }

    private UUID list(OrganizationService as, String name, int type) {
        return as.create(new Entity("list").set("listname", name + " " + run).set("createdfromcode", type));
    }

    private UUID account(String name) {
        return seller.create(new Entity("account").set("name", name + " " + run));
    }

    private UUID contact(String name, String city) {
        return seller.create(new Entity("contact").set("lastname", name + " " + run).set("address1_city", city));
    }

    private Set<UUID> members(OrganizationService as, UUID list) {
        return as.retrieveMultiple(QueryExpression.from("listmember").select("entityid")
                .where(Condition.eq("listid", list)).build()).entities().stream()
                .map(e -> e.getReference("entityid").id()).collect(Collectors.toSet());
    }

    /** What the list's query returns now, read as the marketer page by page (pages of 2 to cross pages). */
    private Set<UUID> dynamicMembers(UUID list) {
        Entity l = marketer.retrieve("list", list, ColumnSet.of(MarketingListMembers.LIST_COLUMNS));
        Set<UUID> ids = new java.util.HashSet<>();
        MarketingListMembers.forEachPage(marketer, MarketingListMembers.query(l), ColumnSet.none(), 2,
                page -> page.forEach(e -> ids.add(e.id())));
        return ids;
    }

    private int count(UUID list) {
        return marketer.retrieve("list", list, ColumnSet.of("membercount")).getInteger("membercount");
    }

    private ActionRequest add(UUID list, UUID member) {
        return new ActionRequest(MarketingLists.ADD_MEMBER_LIST, new EntityReference("list", list),
                Map.of("EntityId", member));
    }

    @Test
    void aSalespersonAddsAnAccountToAnExistingStaticListAndTheCountFollows() {
        UUID list = list(marketer, "Spring mailing", MarketingLists.ACCOUNT);
        UUID fabrikam = account("Fabrikam");
        UUID member = (UUID) seller.execute(add(list, fabrikam)).output("Id");
        assertThat(seller.execute(add(list, fabrikam)).output("Id")).isEqualTo(member);
        assertThat(members(marketer, list)).containsExactly(fabrikam);
        assertThat(count(list)).isEqualTo(1);
        Entity row = marketer.retrieve("listmember", member, ColumnSet.of("name", "entitytype"));
        assertThat(row.getString("name")).isEqualTo("Fabrikam " + run);
        assertThat(row.getString("entitytype")).isEqualTo("account");
        seller.execute(new ActionRequest(MarketingLists.REMOVE_MEMBER_LIST, new EntityReference("list", list),
                Map.of("EntityId", fabrikam)));
        assertThat(members(marketer, list)).isEmpty();
        assertThat(count(list)).isZero();
    }

    @Test
    void aContactCannotJoinAnAccountList() {
        UUID list = list(marketer, "Accounts only", MarketingLists.ACCOUNT);
        UUID contact = contact("Adams", "Lisbon");
        assertThatThrownBy(() -> marketer.execute(add(list, contact))).isInstanceOfSatisfying(RapportException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_LOOKUP_TYPE);
                    assertThat(e.getMessage()).contains("holds account records; a contact cannot be a member");
                });
        assertThatThrownBy(() -> marketer.execute(new ActionRequest(MarketingLists.ADD_LIST_MEMBERS_LIST, Map.of(
                "List", new EntityReference("list", list), "Members", List.of(new Entity("account", account("A")),
                        new Entity("contact", contact)))))).isInstanceOfSatisfying(RapportException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_LOOKUP_TYPE));
        assertThat(members(marketer, list)).isEmpty();
        assertThatThrownBy(() -> marketer.create(new Entity("listmember").set("listid", new EntityReference("list",
                list)).set("entityid", new EntityReference("contact", contact))))
                .isInstanceOfSatisfying(RapportException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_LOOKUP_TYPE));
    }

    @Test
    void addListMembersListAddsEachOnceAndALockedListRefusesChanges() {
        UUID list = list(marketer, "Bulk", MarketingLists.ACCOUNT);
        UUID a = account("A");
        UUID b = account("B");
        marketer.execute(add(list, a));
        marketer.execute(new ActionRequest(MarketingLists.ADD_LIST_MEMBERS_LIST, Map.of("List",
                new EntityReference("list", list), "Members", List.of(new Entity("account", a),
                        new Entity("account", b), new Entity("account", b)))));
        assertThat(members(marketer, list)).containsExactlyInAnyOrder(a, b);
        assertThat(count(list)).isEqualTo(2);
        marketer.update(new Entity("list", list).set("lockstatus", true));
        assertThatThrownBy(() -> marketer.execute(add(list, account("C"))))
                .isInstanceOfSatisfying(RapportException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BUSINESS_RULE);
                    assertThat(e.getMessage()).contains("is locked");
                });
        assertThatThrownBy(() -> marketer.execute(new ActionRequest(MarketingLists.REMOVE_MEMBER_LIST,
                new EntityReference("list", list), Map.of("EntityId", a)))).isInstanceOf(RapportException.class);
        assertThat(members(marketer, list)).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void aDynamicListOfContactsReturnsWhatItsQuerySaysAfterRecordsChange() {
        UUID inPorto = contact("Silva", "Porto");
        UUID inLisbon = contact("Costa", "Lisbon");
        String fetch = "<fetch><entity name='contact'><filter><condition attribute='address1_city' operator='eq' "
                + "value='Porto'/><condition attribute='lastname' operator='like' value='%" + run
                + "%'/></filter></entity></fetch>";
        UUID list = marketer.create(new Entity("list").set("listname", "Porto " + run).set("createdfromcode", 2)
                .set("type", true).set("query", fetch));
        assertThat(dynamicMembers(list)).containsExactly(inPorto);
        seller.update(new Entity("contact", inLisbon).set("address1_city", "Porto"));
        UUID newcomer = contact("Pereira", "Porto");
        assertThat(dynamicMembers(list)).containsExactlyInAnyOrder(inPorto, inLisbon, newcomer);
        assertThatThrownBy(() -> marketer.execute(add(list, inPorto))).isInstanceOfSatisfying(RapportException.class,
                e -> assertThat(e.getMessage()).contains("is dynamic"));

        UUID copy = (UUID) marketer.execute(new ActionRequest(MarketingLists.COPY_DYNAMIC_LIST_TO_STATIC,
                new EntityReference("list", list), Map.of())).output("StaticListId");
        Entity copied = marketer.retrieve("list", copy, ColumnSet.of("listname", "type", "lockstatus",
                "createdfromcode", "membercount"));
        assertThat(copied.get("type")).isEqualTo(false);
        assertThat(copied.get("lockstatus")).isEqualTo(true);
        assertThat(copied.getInteger("createdfromcode")).isEqualTo(2);
        assertThat(copied.getInteger("membercount")).isEqualTo(3);
        assertThat(copied.getString("listname")).isEqualTo("Porto " + run + " (static)");
        assertThat(members(marketer, copy)).containsExactlyInAnyOrder(inPorto, inLisbon, newcomer);
        seller.update(new Entity("contact", inPorto).set("address1_city", "Faro"));
        assertThat(members(marketer, copy)).containsExactlyInAnyOrder(inPorto, inLisbon, newcomer);
        assertThatThrownBy(() -> marketer.execute(add(copy, contact("Late", "Porto"))))
                .isInstanceOfSatisfying(RapportException.class, e -> assertThat(e.getMessage()).contains("locked"));
    }

    @Test
    void copyMembersListAndQualifyMemberList() {
        UUID source = list(marketer, "Source", MarketingLists.ACCOUNT);
        UUID target = list(marketer, "Target", MarketingLists.ACCOUNT);
        UUID a = account("A");
        UUID b = account("B");
        UUID c = account("C");
        marketer.execute(add(source, a));
        marketer.execute(add(source, b));
        marketer.execute(add(target, b));
        marketer.execute(new ActionRequest(MarketingLists.COPY_MEMBERS_LIST, new EntityReference("list", source),
                Map.of("TargetList", new EntityReference("list", target))));
        assertThat(members(marketer, target)).containsExactlyInAnyOrder(a, b);
        assertThat(count(target)).isEqualTo(2);
        UUID leads = list(marketer, "Leads", MarketingLists.LEAD);
        assertThatThrownBy(() -> marketer.execute(new ActionRequest(MarketingLists.COPY_MEMBERS_LIST,
                new EntityReference("list", source), Map.of("TargetList", new EntityReference("list", leads)))))
                .isInstanceOfSatisfying(RapportException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_LOOKUP_TYPE));

        marketer.execute(new ActionRequest(MarketingLists.QUALIFY_MEMBER_LIST, new EntityReference("list", target),
                Map.of("ListMember", List.of(new Entity("account", b), new Entity("account", c)),
                        "OverrideorRemove", true)));
        assertThat(members(marketer, target)).containsExactlyInAnyOrder(b, c);
        marketer.execute(new ActionRequest(MarketingLists.QUALIFY_MEMBER_LIST, new EntityReference("list", target),
                Map.of("ListMember", List.of(new Entity("account", b)), "OverrideorRemove", false)));
        assertThat(members(marketer, target)).containsExactly(c);
        assertThat(count(target)).isEqualTo(1);
    }
}
