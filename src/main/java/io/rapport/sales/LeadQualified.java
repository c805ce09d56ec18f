package io.rapport.sales;

import java.util.UUID;

/**
 * A lead was qualified (QualifyLead committed). Published in the qualifying transaction; listen with
 * {@code @TransactionalEventListener} to react after it commits (a rolled-back qualification publishes nothing).
 *
 * @param accountId the account created, or {@code null}
 * @param contactId the contact created, or {@code null}
 * @param opportunityId the opportunity created, or {@code null}
 */
public record LeadQualified(UUID leadId, UUID accountId, UUID contactId, UUID opportunityId, UUID qualifiedBy) {
}
