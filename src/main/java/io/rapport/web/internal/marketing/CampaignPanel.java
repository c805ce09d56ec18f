package io.rapport.web.internal.marketing;

import java.util.List;
import java.util.UUID;

/**
 * What a marketing form shows above the record. On a campaign: the marketing lists that can be added to it (the
 * add-list dialog). On a campaign activity: "Distribute" while it is open. On a campaign response: "Convert response"
 * while it is open. On an account, contact or lead: the campaigns it is part of (through its marketing lists or as
 * source campaigns).
 */
public record CampaignPanel(String kind, UUID id, boolean open, List<Choice> lists, List<Choice> campaigns) {

    public record Choice(UUID id, String label) {
    }
}
