package io.rapport.security.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.pipeline.ActionHandler;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.ActionResponse;
import io.rapport.pipeline.PluginContext;
import io.rapport.query.ColumnSet;
import io.rapport.security.SystemAdministrators;
import io.rapport.security.internal.access.AccessErrors;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * {@code SetUserPassword}, bound to a user: a System Administrator sets the password a person signs in with
 * (which also unlocks the account). Passwords are stored as bcrypt hashes apart from the user record.
 */
@Component
class SetUserPasswordAction implements ActionHandler {

    static final int MIN_LENGTH = 8;

    private static final ActionDefinition DEFINITION = new ActionDefinition("SetUserPassword", "systemuser", false,
            List.of(Parameter.required("Password", "String")), List.of());

    private final CredentialRepository credentials;
    private final PasswordEncoder encoder;
    private final SystemAdministrators administrators;

    SetUserPasswordAction(CredentialRepository credentials, PasswordEncoder encoder,
            SystemAdministrators administrators) {
        this.credentials = credentials;
        this.encoder = encoder;
        this.administrators = administrators;
    }

    @Override
    public ActionDefinition definition() {
        return DEFINITION;
    }

    @Override
    public ActionResponse execute(ActionRequest request, PluginContext context) {
        UUID caller = context.caller().userId();
        if (!administrators.isSystemAdministrator(context.caller())) {
            throw AccessErrors.missingPrivilege(caller, "prvWriteUser");
        }
        if (request.target() == null || !"systemuser".equals(request.target().logicalName())) {
            throw RapportException.invalid("SetUserPassword is bound to a user.");
        }
        Object password = request.parameter("Password");
        if (!(password instanceof String p) || p.length() < MIN_LENGTH) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "A password needs at least " + MIN_LENGTH
                    + " characters.", "Password");
        }
        UUID user = context.service().retrieve("systemuser", request.target().id(), ColumnSet.none()).id();
        credentials.setPassword(user, encoder.encode(p));
        return new ActionResponse(Map.of());
    }
}
