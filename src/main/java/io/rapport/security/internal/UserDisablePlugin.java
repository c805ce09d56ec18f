package io.rapport.security.internal;

import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Disabling a user ends what they are signed in with: their UI sessions started before now become void (checked on
 * every request by {@link ActivePrincipals}, so on every node and also after the user is enabled again), and their
 * OAuth2 authorizations (access and refresh tokens, for people by user name and for application users by client
 * id) are removed, which every node's token validation reads. Runs in the transaction that disables the user.
 */
@Component
@PluginStep(messages = Messages.UPDATE, entity = "systemuser", stage = Stage.POST_OPERATION, order = 70)
class UserDisablePlugin implements Plugin {

    private final CredentialRepository credentials;
    private final JdbcTemplate jdbc;
    private final OrganizationIdentity identity;
    private final Clock clock;

    UserDisablePlugin(CredentialRepository credentials, JdbcTemplate jdbc, OrganizationIdentity identity,
            Clock clock) {
        this.credentials = credentials;
        this.jdbc = jdbc;
        this.identity = identity;
        this.clock = clock;
    }

    @Override
    public void execute(PluginContext context) {
        if (context.target() == null || !Boolean.TRUE.equals(context.target().get("isdisabled"))) {
            return;
        }
        UUID userId = context.targetReference().id();
        credentials.endSessions(userId, LocalDateTime.now(clock.withZone(ZoneOffset.UTC))
                .truncatedTo(ChronoUnit.MILLIS));
        Entity user = context.service().as(identity.systemCaller()).retrieve("systemuser", userId,
                ColumnSet.of("domainname", "applicationid"));
        List<String> principalNames = new ArrayList<>();
        if (user.get("domainname") != null) {
            principalNames.add(user.getString("domainname"));
        }
        if (user.get("applicationid") != null) {
            principalNames.add(user.get("applicationid").toString());
        }
        for (String name : principalNames) {
            jdbc.update("delete from oauth2_authorization where principal_name = ?", name);
        }
    }
}
