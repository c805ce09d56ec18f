package io.rapport.marketing.internal;

import io.rapport.jobs.OneOffJob;
import io.rapport.jobs.JobRun;
import java.util.UUID;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** The background job of one quick campaign (its bulkoperation id), run once after the start commits. */
@Component
class QuickCampaignJob implements OneOffJob<String> {

    private final QuickCampaignRunner runner;

    QuickCampaignJob(@Lazy QuickCampaignRunner runner) {
        this.runner = runner;
    }

    @Override
    public String name() {
        return "marketing-quick-campaign";
    }

    @Override
    public Class<String> dataType() {
        return String.class;
    }

    @Override
    public void run(String data, JobRun run) {
        runner.run(UUID.fromString(data));
    }
}
