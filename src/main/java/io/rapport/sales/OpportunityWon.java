package io.rapport.sales;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** An opportunity was closed as won (WinOpportunity committed); delivered as {@link LeadQualified} is. */
public record OpportunityWon(UUID opportunityId, BigDecimal actualRevenue, LocalDate closeDate, int status,
        UUID closedBy) {
}
