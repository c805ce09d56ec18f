package io.rapport.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapport.pipeline.OrganizationService;
import io.rapport.testing.OnH2;
import io.rapport.testing.Principals;
import io.rapport.webapi.ApiClient.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Email templates over the Web API as a salesperson (built-in role, HTTP Basic): the organization's seeded templates
 * in English, Spanish and Brazilian Portuguese, {@code InstantiateTemplate} (TemplateId, ObjectType, ObjectId → an
 * unsaved email) and {@code SendEmailFromTemplate} (TemplateId, Regarding, Target → the email, queued to send) with
 * Dataverse's parameter and response shapes.
 */
@OnH2
class TemplatesWebApiTest {

    @LocalServerPort
    int port;

    @Autowired
    OrganizationService org;

    ApiClient api;
    String run;
    String fullName;

    static String seeded(String key) {
        return UUID.nameUUIDFromBytes(("rapport-template-" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @BeforeEach
    void salesperson() {
        Principals people = new Principals(org);
        run = people.run();
        UUID user = people.user("tess", people.rootUnit(), "Salesperson");
        api = new ApiClient(port).withAuthorization("Basic " + Base64.getEncoder().encodeToString(
                (people.userName(user) + ":" + Principals.PASSWORD).getBytes(StandardCharsets.UTF_8)));
        fullName = api.get("systemusers(" + user + ")?$select=fullname").json().path("fullname").asText();
    }

    private String create(String set, String json) {
        Response r = api.post(set, json);
        assertThat(r.status()).as(r.body()).isEqualTo(204);
        return ApiClient.idOf(r);
    }

    @Test
    void theSeededTemplatesSpeakThreeLanguages() {
        Response quoteTemplates = api.get("templates?$select=title,languagecode,templatetypecode,ispersonal"
                + "&$filter=" + ApiClient.enc("templatetypecode eq 'quote'") + "&$orderby=languagecode");
        assertThat(quoteTemplates.status()).as(quoteTemplates.body()).isEqualTo(200);
        JsonNode found = quoteTemplates.json().path("value");
        assertThat(found.size()).isEqualTo(3);
        assertThat(found.get(0).path("title").asText()).isEqualTo("Quote sent");
        assertThat(found.get(0).path("languagecode").asInt()).isEqualTo(1033);
        assertThat(found.get(1).path("title").asText()).isEqualTo("Cotação enviada");
        assertThat(found.get(1).path("languagecode").asInt()).isEqualTo(1046);
        assertThat(found.get(2).path("title").asText()).isEqualTo("Oferta enviada");
        assertThat(found.get(2).path("languagecode").asInt()).isEqualTo(3082);
        assertThat(found.get(2).path("templateid").asText()).isEqualTo(seeded("quote-sent-es"));
        assertThat(found.get(2).path("ispersonal").asBoolean(true)).isFalse();
        Response followUp = api.get("templates(" + seeded("follow-up-pt-BR") + ")?$select=title,subject");
        assertThat(followUp.json().path("title").asText()).isEqualTo("Acompanhamento após uma reunião");
        assertThat(followUp.json().path("subject").asText()).isEqualTo("Obrigado pelo seu tempo, {!contact:firstname;}");
    }

    @Test
    void instantiateTemplateAndSendEmailFromTemplate() {
        String contact = create("contacts", "{\"firstname\":\"Chris\",\"lastname\":\"Customer " + run + "\","
                + "\"emailaddress1\":\"chris." + run + "@customer.test\"}");
        Response instance = api.post("InstantiateTemplate", "{\"TemplateId\":\"" + seeded("follow-up-es")
                + "\",\"ObjectType\":\"contact\",\"ObjectId\":\"" + contact + "\"}");
        assertThat(instance.status()).as(instance.body()).isEqualTo(200);
        JsonNode email = instance.json().path("value").get(0);
        assertThat(email.path("@odata.type").asText()).isEqualTo("#Microsoft.Dynamics.CRM.email");
        assertThat(email.path("subject").asText()).isEqualTo("Gracias por su tiempo, Chris");
        assertThat(email.path("description").asText()).isEqualTo("<p>Estimado/a Chris:</p><p>Gracias por reunirse "
                + "conmigo. Como le prometí, daré seguimiento a los puntos que tratamos y le responderé en breve.</p>"
                + "<p>Saludos cordiales,<br>" + fullName + "</p>");

        String quote = create("quotes", "{\"name\":\"Fleet " + run + "\",\"customerid_contact@odata.bind\":"
                + "\"/contacts(" + contact + ")\"}");
        String number = api.get("quotes(" + quote + ")?$select=quotenumber").json().path("quotenumber").asText();
        assertThat(number).isNotEmpty();
        Response sent = api.post("SendEmailFromTemplate", "{\"TemplateId\":\"" + seeded("quote-sent-pt-BR")
                + "\",\"Regarding\":{\"@odata.type\":\"Microsoft.Dynamics.CRM.quote\",\"quoteid\":\"" + quote
                + "\"},\"Target\":{\"@odata.type\":\"Microsoft.Dynamics.CRM.contact\",\"contactid\":\"" + contact
                + "\"}}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        JsonNode body = sent.json();
        assertThat(body.path("subject").asText()).isEqualTo("Sua cotação " + number + " de " + fullName);
        assertThat(body.path("description").asText()).startsWith("<p>Prezado(a) Chris,</p><p>Segue a nossa cotação "
                + "Fleet " + run + " (" + number + ") no valor total de ").endsWith("Ela é válida até novo aviso.</p>"
                + "<p>Atenciosamente,<br>" + fullName + "</p>");
        assertThat(body.path("_regardingobjectid_value").asText()).isEqualTo(quote);
        assertThat(body.path("trackingtoken").asText()).matches("CRM:\\d{7}");
        String emailId = body.path("activityid").asText();
        Response parties = api.get("activityparties?$select=participationtypemask,_partyid_value&$filter="
                + ApiClient.enc("_activityid_value eq " + emailId) + "&$orderby=participationtypemask");
        assertThat(parties.json().path("value").size()).isEqualTo(2);
        assertThat(parties.json().path("value").get(1).path("_partyid_value").asText()).isEqualTo(contact);

        Response missing = api.post("SendEmailFromTemplate", "{\"TemplateId\":\"" + seeded("quote-sent-en")
                + "\",\"Regarding\":{\"@odata.type\":\"Microsoft.Dynamics.CRM.quote\",\"quoteid\":\"" + quote
                + "\"}}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errorMessage()).isEqualTo("The parameter 'Target' of SendEmailFromTemplate is required.");
    }
}
