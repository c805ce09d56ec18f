package io.rapport.query;

import io.rapport.fuzz.FuzzSeed;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.Filter;
import io.rapport.query.JoinType;
import io.rapport.query.LinkEntity;
import io.rapport.query.Order;
import io.rapport.query.QueryLimits;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The FetchXML parser, without a Spring context: exact queries for valid documents, exact errors otherwise. */
@AddLifecycleHook(FuzzSeed.class)
class FetchXmlParserTest {

    static FetchXmlParser.Fetch parse(String xml) {
        return FetchXmlParser.parse(xml, QueryLimits.defaults());
    }

    static void refused(String xml, ErrorCode code, String message) {
        assertThatThrownBy(() -> parse(xml)).isInstanceOf(RapportException.class).hasMessage(message)
                .satisfies(e -> assertThat(((RapportException) e).code()).isEqualTo(code));
    }

    @Test
    void aDocumentBecomesAQueryExpression() {
        FetchXmlParser.Fetch f = parse("<fetch top='5'><entity name='account'><attribute name='name'/>"
                + "<order attribute='name' descending='true'/><filter type='or'>"
                + "<condition attribute='revenue' operator='gt' value='10'/>"
                + "<condition attribute='name' operator='like' value='A%'/></filter>"
                + "<link-entity name='contact' from='parentcustomerid' to='accountid' alias='c' link-type='outer'>"
                + "<attribute name='fullname'/></link-entity></entity></fetch>");
        assertThat(f.page()).isEqualTo(1);
        assertThat(f.count()).isNull();
        assertThat(f.returnTotal()).isFalse();
        assertThat(f.query().entityName()).isEqualTo("account");
        assertThat(f.query().columns()).isEqualTo(new ColumnSet(false, List.of("name")));
        assertThat(f.query().topCount()).isEqualTo(5);
        assertThat(f.query().orders()).containsExactly(new Order(null, "name", true));
        assertThat(f.query().criteria()).isEqualTo(new Filter.Group(Filter.Logical.OR, List.of(
                new Condition(null, "revenue", ConditionOperator.GREATER_THAN, List.of("10")),
                new Condition(null, "name", ConditionOperator.LIKE, List.of("A%"))), false));
        assertThat(f.query().links()).containsExactly(new LinkEntity("contact", "parentcustomerid", "accountid", "c",
                JoinType.LEFT_OUTER, new ColumnSet(false, List.of("fullname")), null, List.of()));
    }

    @Test
    void malformedDocumentsGetExactErrors() {
        refused("<fetch>", ErrorCode.QUERY_INVALID,
                "The FetchXML is not well-formed XML: XML document structures must start and end within the same "
                        + "entity.");
        refused("not xml", ErrorCode.QUERY_INVALID, "The FetchXML is not well-formed XML: Content is not allowed in "
                + "prolog.");
        refused("<fetch><entity name='account'><condition attribute='name' operator='eq' value='x'/></entity>"
                + "</fetch>", ErrorCode.QUERY_INVALID, "The element <condition> is not valid in <entity>.");
        refused("<fetch><entity name='account'><filter><condition attribute='name' operator='nosuch' value='x'/>"
                + "</filter></entity></fetch>", ErrorCode.QUERY_INVALID, "The condition operator 'nosuch' is not "
                + "valid.");
        refused("<fetch top='abc'><entity name='account'/></fetch>", ErrorCode.QUERY_INVALID,
                "The top attribute of <fetch> must be a whole number from 1 to 5000.");
    }

    @Test
    void limitsOnLinksAndNesting() {
        String links = "<link-entity name='account' from='accountid' to='parentaccountid'>".repeat(16)
                + "</link-entity>".repeat(16);
        assertThatThrownBy(() -> parse("<fetch><entity name='account'>" + links + "</entity></fetch>"))
                .isInstanceOf(RapportException.class)
                .satisfies(e -> assertThat(((RapportException) e).code()).isEqualTo(ErrorCode.TOO_MANY_LINK_ENTITIES));
        String filters = "<filter>".repeat(5000) + "<condition attribute='name' operator='eq' value='x'/>"
                + "</filter>".repeat(5000);
        assertThatThrownBy(() -> parse("<fetch><entity name='account'>" + filters + "</entity></fetch>"))
                .isInstanceOf(RapportException.class).hasMessageContaining("nested more than 32 levels deep")
                .satisfies(e -> assertThat(((RapportException) e).code()).isEqualTo(ErrorCode.QUERY_INVALID));
    }

    @Provide
    Arbitrary<String> documents() {
        Arbitrary<String> element = Arbitraries.of("<fetch>", "</fetch>", "<entity name='account'>", "</entity>",
                "<attribute name='name'/>", "<filter type='and'>", "<filter type='xor'>", "</filter>",
                "<condition attribute='name' operator='eq' value='x'/>", "<condition attribute='revenue' "
                        + "operator='between'><value>1</value></condition>", "<order attribute='name'/>",
                "<link-entity name='contact' from='parentcustomerid' to='accountid'>", "</link-entity>",
                "<all-attributes/>", "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>", "&e;", "<", "'");
        return Arbitraries.oneOf(element.list().ofMaxSize(12).map(l -> String.join("", l)),
                Arbitraries.strings().all().ofMaxLength(60));
    }

    /** Any document gives a query or a Dataverse error: never another exception, never an external entity. */
    @Property(tries = 500)
    void randomDocumentsAreQueriesOrDataverseErrors(@ForAll("documents") String xml) {
        try {
            assertThat(parse(xml).query()).isNotNull();
        } catch (RapportException e) {
            assertThat(e.code().httpStatus()).isEqualTo(400);
            assertThat(e.getMessage()).isNotBlank().doesNotContain("root:");
        }
    }
}
