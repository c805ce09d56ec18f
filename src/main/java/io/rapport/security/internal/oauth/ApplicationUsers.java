package io.rapport.security.internal.oauth;

import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.security.internal.OrganizationIdentity;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Application users: users whose {@code applicationid} is the client id of an OAuth2 client. A client-credentials
 * token acts as that user, with that user's roles.
 */
@Component
class ApplicationUsers {

    private final ObjectProvider<OrganizationService> organization;
    private final OrganizationIdentity identity;

    ApplicationUsers(ObjectProvider<OrganizationService> organization, OrganizationIdentity identity) {
        this.organization = organization;
        this.identity = identity;
    }

    /** The enabled application user of a client id, if the id is a GUID and such a user exists. */
    Optional<Entity> forClient(String clientId) {
        UUID applicationId;
        try {
            applicationId = UUID.fromString(clientId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        List<Entity> found = organization.getObject().as(identity.systemCaller()).retrieveMultiple(
                QueryExpression.from("systemuser").columns(ColumnSet.of("fullname", "isdisabled", "domainname"))
                        .where(Condition.eq("applicationid", applicationId)).top(2).build()).entities();
        if (found.size() != 1 || Boolean.TRUE.equals(found.get(0).get("isdisabled"))) {
            return Optional.empty();
        }
        return Optional.of(found.get(0));
    }
}
