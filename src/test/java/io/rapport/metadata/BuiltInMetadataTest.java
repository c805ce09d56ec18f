package io.rapport.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.pipeline.OrganizationService;
import io.rapport.testing.OnH2;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The built-in entities carry Dataverse names, platform attributes, labels in three languages and relationships. */
@OnH2
class BuiltInMetadataTest {

    @Autowired
    MetadataService metadata;

    @Autowired
    OrganizationService org;

    @Test
    void everyBuiltInEntityIsThereWithDataverseNames() {
        MetadataSnapshot s = metadata.snapshot();
        for (String name : List.of("systemuser", "businessunit", "team", "transactioncurrency", "account", "contact",
                "lead", "opportunity", "annotation")) {
            EntityMetadata e = s.entity(name);
            assertThat(e.primaryIdAttribute()).isEqualTo(name + "id");
            assertThat(e.hasAttribute("createdon")).isTrue();
            assertThat(e.hasAttribute("versionnumber")).isTrue();
            for (String language : Label.LANGUAGES) {
                assertThat(e.displayName().values()).as(name + " " + language).containsKey(language);
                e.attributes().forEach(a -> assertThat(a.displayName().values())
                        .as(name + "." + a.logicalName() + " " + language).containsKey(language));
            }
        }
        assertThat(s.findEntityBySetName("opportunities")).map(EntityMetadata::logicalName).hasValue("opportunity");
        assertThat(s.entity("account").hasAttribute("ownerid")).isTrue();
        assertThat(s.entity("account").attribute("parentaccountid").targets()).containsExactly("account");
        assertThat(s.entity("lead").attribute("statuscode").optionSet().options()).hasSize(7);
    }

    @Test
    void relationshipsCarryNamesNavigationPropertiesAndCascades() {
        MetadataSnapshot s = metadata.snapshot();
        OneToManyRelationship contacts = s.findOneToMany("contact_customer_accounts").orElseThrow();
        assertThat(contacts.referencedEntity()).isEqualTo("account");
        assertThat(contacts.referencingAttribute()).isEqualTo("parentcustomerid");
        assertThat(contacts.referencingNavigationProperty()).isEqualTo("parentcustomerid_account");
        assertThat(contacts.cascade().delete()).isEqualTo(CascadeType.CASCADE);
        OneToManyRelationship parent = s.findOneToMany("account_parent_account").orElseThrow();
        assertThat(parent.hierarchical()).isTrue();
        assertThat(parent.cascade().delete()).isEqualTo(CascadeType.REMOVE_LINK);
        assertThat(s.findOneToMany("user_accounts").orElseThrow().referencingNavigationProperty()).isEqualTo("ownerid");
        ManyToManyRelationship members = s.findManyToMany("teammembership_association").orElseThrow();
        assertThat(members.intersectEntityName()).isEqualTo("teammembership");
        assertThat(s.entity("teammembership").isIntersect()).isTrue();
    }
}
