package io.rapport.marketing.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import java.util.UUID;

/**
 * What a quick campaign creates, stored as JSON in its bulkoperation's {@code parameters} so that the job that runs
 * it (possibly on another node, possibly after a restart) needs nothing else: the members (a FetchXML query over
 * {@code memberEntity}, or a marketing list), the activity type and fields, the owner choice and whether the
 * activities are created completed.
 *
 * @param scheduledEnd ISO instant, or null
 * @param ownership {@code MarketingLists.OWNER_CALLER} or {@code OWNER_MEMBER}
 * @param doneThrough the last member (in primary-key order) of the last page done, written with that page's
 *     activities in its transaction: a job run again after a crash resumes after it, creating nothing twice
 */
record QuickCampaignSpec(String memberEntity, String fetchXml, UUID listId, String activityEntity, String subject,
        String description, String scheduledEnd, Integer durationMinutes, int ownership, UUID callerId,
        boolean completed, UUID doneThrough) {

    QuickCampaignSpec(String memberEntity, String fetchXml, UUID listId, String activityEntity, String subject,
            String description, String scheduledEnd, Integer durationMinutes, int ownership, UUID callerId,
            boolean completed) {
        this(memberEntity, fetchXml, listId, activityEntity, subject, description, scheduledEnd, durationMinutes,
                ownership, callerId, completed, null);
    }

    /** The spec with the page through {@code member} done. */
    QuickCampaignSpec doneThrough(UUID member) {
        return new QuickCampaignSpec(memberEntity, fetchXml, listId, activityEntity, subject, description,
                scheduledEnd, durationMinutes, ownership, callerId, completed, member);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    String json() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static QuickCampaignSpec parse(String json) {
        try {
            return JSON.readValue(json, QuickCampaignSpec.class);
        } catch (JsonProcessingException e) {
            throw new RapportException(ErrorCode.UNEXPECTED, "The quick campaign's parameters cannot be read: "
                    + e.getOriginalMessage());
        }
    }
}
