package io.rapport.security.internal;

import io.rapport.metadata.MetadataProperties;
import io.rapport.metadata.MetadataService;
import io.rapport.security.internal.access.RolePrivilegeMirror;
import io.rapport.security.internal.roles.PrivilegeRecords;
import io.rapport.pipeline.Caller;
import io.rapport.pipeline.Channel;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.security.SecurityProperties;
import io.rapport.security.internal.roles.BuiltInRoles;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the organization at first start, through the pipeline: the root business unit, the system user, the
 * administrator (with the configured password, or a generated one logged once) and the base currency; at every start
 * the organization record (entity {@code organization}) when it is missing (an organization made by an earlier
 * version gets it at its next start).
 * Runs before the web server accepts requests; a second node waits on the organization row and finds it done.
 */
@Component
class OrganizationBootstrap implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(OrganizationBootstrap.class);

    private final OrganizationService organization;
    private final OrganizationRepository repository;
    private final OrganizationIdentity identity;
    private final CredentialRepository credentials;
    private final PasswordEncoder encoder;
    private final SecurityProperties properties;
    private final TransactionTemplate tx;
    private final BuiltInRoles roles;
    private final MetadataProperties metadataProperties;
    private final MetadataService metadata;
    private final RolePrivilegeMirror mirror;

    OrganizationBootstrap(OrganizationService organization, OrganizationRepository repository,
            OrganizationIdentity identity, CredentialRepository credentials, PasswordEncoder encoder,
            SecurityProperties properties, TransactionTemplate tx, BuiltInRoles roles,
            MetadataProperties metadataProperties, MetadataService metadata, RolePrivilegeMirror mirror) {
        this.metadata = metadata;
        this.mirror = mirror;
        this.organization = organization;
        this.repository = repository;
        this.identity = identity;
        this.credentials = credentials;
        this.encoder = encoder;
        this.properties = properties;
        this.tx = tx;
        this.roles = roles;
        this.metadataProperties = metadataProperties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        tx.executeWithoutResult(status -> {
            OrganizationIdentity.Ids ids = repository.lockAndRead().orElseGet(this::create);
            identity.set(ids);
            ensureRoles(ids);
            if (OrganizationRecord.ensure(organization.as(identity.systemCaller()), ids.rootBusinessUnitId(),
                    properties.organizationName(), properties.baseCurrency())) {
                log.info("Organization record created name={}", properties.organizationName());
            }
            int solutions = DefaultSolutions.ensure(organization.as(identity.systemCaller()),
                    properties.organizationName(), metadataProperties.publisherPrefix());
            if (solutions > 0) {
                log.info("Default solutions and publishers created rows={}", solutions);
            }
            int privileges = PrivilegeRecords.ensure(organization.as(identity.systemCaller()), metadata.snapshot());
            int grants = mirror.syncAll();
            if (privileges > 0 || grants > 0) {
                log.info("Privilege records created rows={} role privilege rows changed={}", privileges, grants);
            }
        });
    }

    /** Built-in roles at every start; a System Administrator role created now goes to the administrator. */
    private void ensureRoles(OrganizationIdentity.Ids ids) {
        OrganizationService asSystem = organization.as(identity.systemCaller());
        UUID adminRole = roles.ensure(asSystem, ids.rootBusinessUnitId());
        if (adminRole == null) {
            return;
        }
        List<Entity> admins = asSystem.retrieveMultiple(QueryExpression.from("systemuser").columns(ColumnSet.none())
                .where(Condition.eq("domainname", properties.adminUsername())).top(1).build()).entities();
        for (Entity admin : admins) {
            asSystem.associate(new EntityReference("systemuser", admin.id()), "systemuserroles_association",
                    List.of(new EntityReference("role", adminRole)));
            log.info("System Administrator role given to user={}", properties.adminUsername());
        }
    }

    private OrganizationIdentity.Ids create() {
        String chosen = properties.adminPassword();
        boolean generated = chosen == null || chosen.isBlank();
        String password = generated ? generatedPassword() : chosen;
        // bcrypt takes about a tenth of a second on a cold JVM: hash beside the records created meanwhile
        CompletableFuture<String> hash = CompletableFuture.supplyAsync(() -> encoder.encode(password));
        Caller nobody = new Caller(null, "SYSTEM", null, null, "en", null, Channel.SYSTEM);
        OrganizationService asNobody = organization.as(nobody);
        UUID root = asNobody.create(new Entity("businessunit").set("name", properties.organizationName()));
        UUID system = asNobody.create(new Entity("systemuser").set("lastname", "SYSTEM").set("fullname", "SYSTEM")
                .set("domainname", "system").set("businessunitid", new EntityReference("businessunit", root)));
        identity.set(new OrganizationIdentity.Ids(root, system));
        Caller systemCaller = identity.systemCaller();
        OrganizationService asSystem = organization.as(systemCaller);
        UUID admin = asSystem.create(new Entity("systemuser").set("firstname", "System")
                .set("lastname", "Administrator").set("domainname", properties.adminUsername())
                .set("businessunitid", new EntityReference("businessunit", root)));
        credentials.setPassword(admin, hash.join());
        createBaseCurrency(asSystem);
        OrganizationIdentity.Ids ids = new OrganizationIdentity.Ids(root, system);
        repository.save(ids);
        if (generated) {
            log.warn("\n\n    Rapport created the administrator '{}' with the generated password: {}\n"
                    + "    It is shown only this once. Set rapport.security.admin-password to choose it yourself.\n",
                    properties.adminUsername(), password);
        }
        log.info("Organization created name={} admin={}", properties.organizationName(), properties.adminUsername());
        return ids;
    }

    private static String generatedPassword() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void createBaseCurrency(OrganizationService asSystem) {
        String code = properties.baseCurrency();
        boolean exists = !asSystem.retrieveMultiple(QueryExpression.from("transactioncurrency")
                .columns(ColumnSet.none()).where(Condition.eq("isocurrencycode", code)).top(1).build())
                .entities().isEmpty();
        if (exists) {
            return;
        }
        Currency currency = Currency.getInstance(code);
        asSystem.create(new Entity("transactioncurrency").set("currencyname", currency.getDisplayName(java.util.Locale.ENGLISH))
                .set("isocurrencycode", code).set("currencysymbol", currency.getSymbol(java.util.Locale.US))
                .set("exchangerate", BigDecimal.ONE).set("currencyprecision", currency.getDefaultFractionDigits()));
    }
}
