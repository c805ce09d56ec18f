package io.rapport.security.internal.oauth;

import io.rapport.error.RapportException;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.pipeline.ActionHandler;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.ActionResponse;
import io.rapport.pipeline.PluginContext;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import io.rapport.security.SystemAdministrators;
import io.rapport.security.internal.access.AccessErrors;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code RegisterApplicationClient}, bound to an application user (a systemuser with an applicationid): creates
 * the OAuth2 client whose client id is the applicationid, or gives it a new secret, and returns the secret once.
 * Only a System Administrator may call it.
 */
@Component
class RegisterApplicationClientAction implements ActionHandler {

    private static final ActionDefinition DEFINITION = new ActionDefinition("RegisterApplicationClient", "systemuser",
            false, List.of(), List.of(Parameter.required("ClientId", "String"),
                    Parameter.required("ClientSecret", "String")));

    private final OAuthClients clients;
    private final SystemAdministrators administrators;

    RegisterApplicationClientAction(OAuthClients clients, SystemAdministrators administrators) {
        this.clients = clients;
        this.administrators = administrators;
    }

    @Override
    public ActionDefinition definition() {
        return DEFINITION;
    }

    @Override
    public ActionResponse execute(ActionRequest request, PluginContext context) {
        if (!administrators.isSystemAdministrator(context.caller())) {
            throw AccessErrors.missingPrivilege(context.caller().userId(), "prvCreateUser");
        }
        if (request.target() == null || !"systemuser".equals(request.target().logicalName())) {
            throw RapportException.invalid("RegisterApplicationClient is bound to an application user.");
        }
        Entity user = context.service().retrieve("systemuser", request.target().id(),
                ColumnSet.of("applicationid", "fullname"));
        if (!(user.get("applicationid") instanceof UUID applicationId)) {
            throw RapportException.invalid("The user " + user.id() + " has no applicationid: only application users "
                    + "get OAuth2 clients.");
        }
        String secret = clients.registerApplication(applicationId, String.valueOf(user.get("fullname")));
        return new ActionResponse(Map.of("ClientId", applicationId.toString(), "ClientSecret", secret));
    }
}
