package io.rapport.sales;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** An opportunity was closed as lost (LoseOpportunity committed); delivered as {@link LeadQualified} is. */
public record OpportunityLost(UUID opportunityId, BigDecimal actualRevenue, LocalDate closeDate, int status,
        UUID closedBy) {
}
