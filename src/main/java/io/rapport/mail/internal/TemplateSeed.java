package io.rapport.mail.internal;

import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.Channel;
import io.rapport.pipeline.OrganizationSeeds;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The organization's email templates every salesperson starts with, in English, Spanish and Brazilian Portuguese
 * (one template per language, as Dataverse keeps them): a follow-up after a meeting (for a contact) and a quote sent
 * (for a quote, to its contact). Created through the pipeline at start with fixed ids, once per organization
 * ({@link OrganizationSeeds#once}): a template the administrator deletes stays deleted; a node that finds one already
 * there (or loses the race for it to another node) leaves it as it is, edits included.
 */
@Component
class TemplateSeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TemplateSeed.class);

    /** One seeded template: a fixed key (its id derives from it), the entity it is for, language and texts. */
    record Seeded(String key, String type, int language, String title, String subject, String body) {
        UUID id() {
            return UUID.nameUUIDFromBytes(("rapport-template-" + key).getBytes(StandardCharsets.UTF_8));
        }
    }

    static final List<Seeded> TEMPLATES = List.of(
            new Seeded("follow-up-en", "contact", 1033, "Follow-up after a meeting",
                    "Thank you for your time, {!contact:firstname;}",
                    "<p>Dear {!contact:firstname;customer},</p><p>Thank you for meeting with me. As promised, I will "
                            + "follow up on the points we discussed and get back to you shortly.</p>"
                            + "<p>Kind regards,<br>{!systemuser:fullname;}</p>"),
            new Seeded("follow-up-es", "contact", 3082, "Seguimiento después de una reunión",
                    "Gracias por su tiempo, {!contact:firstname;}",
                    "<p>Estimado/a {!contact:firstname;cliente}:</p><p>Gracias por reunirse conmigo. Como le "
                            + "prometí, daré seguimiento a los puntos que tratamos y le responderé en breve.</p>"
                            + "<p>Saludos cordiales,<br>{!systemuser:fullname;}</p>"),
            new Seeded("follow-up-pt-BR", "contact", 1046, "Acompanhamento após uma reunião",
                    "Obrigado pelo seu tempo, {!contact:firstname;}",
                    "<p>Prezado(a) {!contact:firstname;cliente},</p><p>Obrigado por se reunir comigo. Como "
                            + "prometido, vou acompanhar os pontos que discutimos e retorno em breve.</p>"
                            + "<p>Atenciosamente,<br>{!systemuser:fullname;}</p>"),
            new Seeded("quote-sent-en", "quote", 1033, "Quote sent",
                    "Your quote {!quote:quotenumber;} from {!systemuser:fullname;}",
                    "<p>Dear {!contact:firstname;customer},</p><p>Please find our quote {!quote:name;} "
                            + "({!quote:quotenumber;}) for a total of {!quote:totalamount;-}. It is valid until "
                            + "{!quote:effectiveto;further notice}.</p><p>Kind regards,<br>{!systemuser:fullname;}</p>"),
            new Seeded("quote-sent-es", "quote", 3082, "Oferta enviada",
                    "Su oferta {!quote:quotenumber;} de {!systemuser:fullname;}",
                    "<p>Estimado/a {!contact:firstname;cliente}:</p><p>Le enviamos nuestra oferta {!quote:name;} "
                            + "({!quote:quotenumber;}) por un total de {!quote:totalamount;-}. Es válida hasta "
                            + "{!quote:effectiveto;nuevo aviso}.</p><p>Saludos cordiales,<br>{!systemuser:fullname;}</p>"),
            new Seeded("quote-sent-pt-BR", "quote", 1046, "Cotação enviada",
                    "Sua cotação {!quote:quotenumber;} de {!systemuser:fullname;}",
                    "<p>Prezado(a) {!contact:firstname;cliente},</p><p>Segue a nossa cotação {!quote:name;} "
                            + "({!quote:quotenumber;}) no valor total de {!quote:totalamount;-}. Ela é válida até "
                            + "{!quote:effectiveto;novo aviso}.</p><p>Atenciosamente,<br>{!systemuser:fullname;}</p>"));

    /** The marker of this seed in the organization ({@link OrganizationSeeds#once}). */
    static final String SEED = "mail.templates";

    private final OrganizationService organization;
    private final CallerProvider callers;
    private final OrganizationSeeds seeds;
    private volatile boolean running;

    TemplateSeed(OrganizationService organization, CallerProvider callers, OrganizationSeeds seeds) {
        this.organization = organization;
        this.callers = callers;
        this.seeds = seeds;
    }

    @Override
    public void start() {
        OrganizationService system = organization.as(callers.system().withChannel(Channel.SYSTEM));
        int created = seeds.once(SEED, "Email templates", () -> create(system));
        if (created > 0) {
            log.info("Email templates created count={}", created);
        }
        running = true;
    }

    private static int create(OrganizationService system) {
        Set<UUID> present = new HashSet<>();
        system.retrieveMultiple(QueryExpression.from("template").select("templateid")
                .where(Condition.of("templateid", ConditionOperator.IN,
                        TEMPLATES.stream().map(Seeded::id).toArray())).build())
                .entities().forEach(e -> present.add(e.id()));
        int created = 0;
        for (Seeded t : TEMPLATES) {
            if (!present.contains(t.id())) {
                created += OrganizationSeeds.tolerant("Email template " + t.key(), () -> {
                    system.create(new Entity("template", t.id()).set("title", t.title()).set("subject", t.subject())
                            .set("body", t.body()).set("templatetypecode", t.type())
                            .set("languagecode", t.language()).set("ispersonal", false));
                    return 1;
                });
            }
        }
        return created;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 0;
    }
}
