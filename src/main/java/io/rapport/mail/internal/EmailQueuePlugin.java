package io.rapport.mail.internal;

import io.rapport.jobs.JobScheduler;
import io.rapport.mail.MailMessages;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.record.Entity;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The send queue: an email that becomes Pending Send, by SendEmail, a form, an import, a quick campaign's bulk
 * create or any other message, gets its tracking token and Message-ID and one instance of the send job, scheduled in
 * the same transaction (it exists only if the email commits). One path for every origin.
 */
@Component
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, entity = "email", stage = Stage.PRE_OPERATION)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, entity = "email", stage = Stage.POST_OPERATION)
class EmailQueuePlugin implements Plugin {

    private static final String QUEUED = EmailQueuePlugin.class.getName() + ".queued";

    private final TrackingTokens tokens;
    // providers: the scheduler needs the jobs, which need the pipeline, which needs this plugin
    private final ObjectProvider<JobScheduler> jobs;
    private final ObjectProvider<EmailSendJob> sendJob;

    EmailQueuePlugin(TrackingTokens tokens, ObjectProvider<JobScheduler> jobs, ObjectProvider<EmailSendJob> sendJob) {
        this.tokens = tokens;
        this.jobs = jobs;
        this.sendJob = sendJob;
    }

    @Override
    public void execute(PluginContext context) {
        if (context.stage() == Stage.PRE_OPERATION) {
            Entity target = context.target();
            boolean becomesPending = target.contains("statuscode")
                    && Integer.valueOf(MailMessages.PENDING_SEND).equals(target.get("statuscode"))
                    && (context.preImage() == null
                            || !Integer.valueOf(MailMessages.PENDING_SEND).equals(context.preImage().get("statuscode")));
            if (!becomesPending) {
                return;
            }
            if (context.valueAfter("trackingtoken") == null) {
                target.set("trackingtoken", tokens.next());
            }
            if (context.valueAfter("messageid") == null) {
                target.set("messageid", "<" + UUID.randomUUID() + "@rapport>");
            }
            target.set("directioncode", true);
            target.set("failurereason", null);
            context.sharedVariables().put(QUEUED + context.targetReference().id(), Boolean.TRUE);
            return;
        }
        UUID id = context.targetReference().id();
        if (Boolean.TRUE.equals(context.sharedVariables().remove(QUEUED + id))) {
            String instance = "email-" + id;
            JobScheduler scheduler = jobs.getObject();
            if (!scheduler.isScheduled(sendJob.getObject(), instance)) {
                scheduler.schedule(sendJob.getObject(), instance, id.toString());
            }
        }
    }
}
