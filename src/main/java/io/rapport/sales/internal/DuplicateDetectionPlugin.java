package io.rapport.sales.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.OrganizationRequest;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.record.Entity;
import io.rapport.sales.SalesMessages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Duplicate detection on create and update when the request asks for it ({@code SuppressDuplicateDetection}
 * false, as Dataverse's request parameter and Web API header): the record as it will be saved is checked
 * against the active rules of its entity and the save fails, listing the matches, if any is found.
 */
@Component
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, stage = Stage.PRE_OPERATION, order = 900)
class DuplicateDetectionPlugin implements Plugin {

    private final DuplicateRules rules;

    DuplicateDetectionPlugin(DuplicateRules rules) {
        this.rules = rules;
    }

    @Override
    public void execute(PluginContext context) {
        if (!requested(context.request())) {
            return;
        }
        Entity record = context.preImage() == null ? context.target().copy() : context.preImage().copy();
        if (context.preImage() != null) {
            record.attributes().putAll(context.target().attributes());
        }
        List<DuplicateRules.Match> matches = new ArrayList<>();
        for (String matching : rules.matchingEntities(context, context.entityName())) {
            matches.addAll(rules.find(context, record, matching));
        }
        if (!matches.isEmpty()) {
            throw duplicates(matches);
        }
    }

    static RapportException duplicates(List<DuplicateRules.Match> matches) {
        StringBuilder names = new StringBuilder();
        for (DuplicateRules.Match m : matches.subList(0, Math.min(5, matches.size()))) {
            names.append(names.isEmpty() ? "" : ", ").append(m.record().logicalName()).append(" '")
                    .append(m.record().name()).append("' (").append(m.rule()).append(')');
        }
        return new RapportException(ErrorCode.DUPLICATE_RECORD, "A record was not created or updated because a "
                + "duplicate of the current record already exists: " + names + (matches.size() > 5 ? ", ..." : "")
                + ".", null, Map.of(SalesMessages.DUPLICATES_DETAIL,
                        matches.stream().map(DuplicateRules.Match::toDetail).toList()), null);
    }

    private static boolean requested(OrganizationRequest<?> request) {
        Map<String, Object> parameters = request instanceof Messages.CreateRequest c ? c.parameters()
                : request instanceof Messages.UpdateRequest u ? u.parameters() : Map.of();
        return Boolean.FALSE.equals(parameters.get(Messages.SUPPRESS_DUPLICATE_DETECTION));
    }
}
