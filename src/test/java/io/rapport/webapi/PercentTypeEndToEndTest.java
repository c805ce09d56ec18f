package io.rapport.webapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapport.importing.ExportFormat;
import io.rapport.importing.ExportService;
import io.rapport.importing.ImportJob;
import io.rapport.importing.ImportOptions;
import io.rapport.importing.ImportService;
import io.rapport.importing.ImportStatus;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.CustomizationService;
import io.rapport.metadata.MetadataService;
import io.rapport.metadata.ValueFormatter;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.testing.OnH2;
import io.rapport.testing.TestUsers;
import io.rapport.webapi.ApiClient.Response;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Adding an attribute type is one class plus its registration: a test-only "percent" type, contributed as a bean,
 * used end to end. A custom attribute of it is created by customization, written and read through the pipeline
 * and the Web API, validated (0 to 100), formatted per language, imported from CSV, exported, and edited on the
 * account form.
 */
@OnH2
@AutoConfigureMockMvc
@WithUserDetails(TestUsers.ADMIN)
@Import(PercentTypeEndToEndTest.Types.class)
class PercentTypeEndToEndTest {

    static class Types {
        @Bean
        PercentType percentType() {
            return new PercentType();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    CustomizationService customization;

    @Autowired
    MetadataService metadata;

    @Autowired
    OrganizationService organization;

    @Autowired
    ValueFormatter formatter;

    @Autowired
    ImportService imports;

    @Autowired
    ExportService exports;

    @Autowired
    MockMvc mvc;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aPercentAttributeWorksEverywhereAValueGoes() throws Exception {
        AttributeType percent = AttributeType.fromJson("percent");
        assertThat(percent).isInstanceOf(PercentType.class);
        // an administrator adds the field in the customization area, on the account form
        String field = "discount" + run.substring(0, 4);
        mvc.perform(post("/settings/customization/account/fields").with(csrf()).param("name", field)
                .param("label_en", "Discount " + run).param("type", "percent").param("requiredLevel", "none")
                .param("addToForm", "on")).andExpect(status().is3xxRedirection());
        String name = customization.publisherPrefix() + field;
        AttributeMetadata discount = metadata.snapshot().entity("account").attribute(name);
        assertThat(discount.type()).isSameAs(percent);

        // Web API: write, read back with its formatted value, refuse 150 with the range error
        ApiClient api = new ApiClient(port);
        Response created = api.post("accounts", "{\"name\":\"Percent " + run + "\",\"" + name + "\":12.5}");
        assertThat(created.status()).as(created.body()).isEqualTo(204);
        String id = ApiClient.idOf(created);
        Response read = api.get("accounts(" + id + ")?$select=name," + name,
                "Prefer", "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\"");
        assertThat(read.status()).isEqualTo(200);
        JsonNode body = read.json();
        assertThat(body.path(name).decimalValue()).isEqualByComparingTo("12.5");
        assertThat(body.path(name + "@OData.Community.Display.V1.FormattedValue").asText()).isEqualTo("12.50%");
        Response tooMuch = api.post("accounts", "{\"name\":\"Percent " + run + " x\",\"" + name + "\":150}");
        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(tooMuch.errorMessage()).isEqualTo("The value 150 of '" + name
                + "' on 'account' is outside the allowed range.");
        Response wrong = api.post("accounts", "{\"name\":\"Percent " + run + " y\",\"" + name + "\":\"lots\"}");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.errorMessage()).isEqualTo("Cannot convert the literal '\"lots\"' to the expected type "
                + "'Edm.Decimal' of property '" + name + "' of 'account'.");
        assertThat(api.get("$metadata").body()).contains("<Property Name=\"" + name + "\" Type=\"Edm.Decimal\"");
        // what the types answer instead of identity checks elsewhere: a decimal's behaviour, inherited
        JsonNode definition = api.get("EntityDefinitions(LogicalName='account')/Attributes(LogicalName='" + name
                + "')").json();
        assertThat(definition.path("AttributeType").asText()).isEqualTo("Decimal");
        assertThat(definition.has("Format")).isFalse();
        assertThat(percent.validForKey()).isTrue();
        assertThat(percent.inDefaultViews()).isTrue();
        assertThat(percent.editableOnDefaultForm(discount)).isTrue();
        assertThat(percent.canMapTo(discount, discount)).isTrue();
        assertThat(percent.canMapTo(discount, metadata.snapshot().entity("account").attribute("revenue"))).isFalse();
        assertThat(percent.isDate() || percent.isMultiSelect() || percent.hasCustomOptions()).isFalse();
        assertThat(percent.defaultOptionSet("x")).isNull();

        // the one formatter, in each language
        BigDecimal stored = (BigDecimal) organization.retrieve("account", UUID.fromString(id),
                io.rapport.query.ColumnSet.of(name)).get(name);
        assertThat(formatter.format(discount, stored, new ValueFormatter.Context(Locale.forLanguageTag("es"),
                ZoneId.of("UTC"), null))).isEqualTo("12,50\u00a0%");
        assertThat(formatter.format(discount, stored, new ValueFormatter.Context(Locale.forLanguageTag("pt-BR"),
                ZoneId.of("UTC"), null))).isEqualTo("12,50%");

        // import a cell written the Spanish way, then export it
        String csv = "Account Name,Discount " + run + "\r\nImported " + run + ",\"7,5 %\"\r\n";
        ImportJob job = imports.start("account", "discounts.csv", csv.getBytes(StandardCharsets.UTF_8), null,
                ImportOptions.defaults());
        ImportJob done = ImportTestWait.awaitEnd(imports, job.id());
        assertThat(done.status()).isEqualTo(ImportStatus.COMPLETED);
        assertThat(done.created()).isEqualTo(1);
        QueryExpression imported = QueryExpression.from("account").select("name", name)
                .where(Condition.eq("name", "Imported " + run)).build();
        Entity row = organization.retrieveMultiple(imported).entities().get(0);
        assertThat((BigDecimal) row.get(name)).isEqualByComparingTo("7.5");
        assertThat(row.formattedValues().get(name)).isEqualTo("7.50%");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(exports.export(imported, ExportFormat.CSV, Locale.ENGLISH, out)).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList())
                .containsExactly("\uFEFFAccount Name,Discount " + run, "Imported " + run + ",7.5");

        // the form renders the type's input (a decimal input) with the stored value
        String form = mvc.perform(get("/app/account/" + id).header("Accept-Language", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(form).containsPattern("type=\"number\"[^>]*name=\"" + name + "\"[^>]*value=\"12.5\"");
    }

    /** Waits for an import job to end. */
    private static final class ImportTestWait {
        static ImportJob awaitEnd(ImportService imports, UUID id) throws InterruptedException {
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < until) {
                ImportJob job = imports.job(id).orElseThrow();
                if (job.status().isFinal()) {
                    return job;
                }
                Thread.sleep(100);
            }
            throw new AssertionError("import " + id + " did not end");
        }
    }
}
