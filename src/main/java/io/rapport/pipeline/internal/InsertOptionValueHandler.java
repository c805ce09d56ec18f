package io.rapport.pipeline.internal;

import io.rapport.metadata.CustomizationService;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.metadata.OptionMetadata;
import io.rapport.metadata.OptionSetMetadata;
import io.rapport.pipeline.MetadataMessages;
import io.rapport.pipeline.MetadataMessages.InsertOptionValueRequest;
import io.rapport.pipeline.MetadataMessages.InsertOptionValueResponse;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** InsertOptionValue: a value added to a global or local option set (prvWriteOptionSet). */
@Component
class InsertOptionValueHandler extends CustomizationHandler<InsertOptionValueRequest, InsertOptionValueResponse> {

    InsertOptionValueHandler(CustomizationService customization) {
        super(customization, MetadataMessages.INSERT_OPTION_VALUE, MetadataMessages.PRV_WRITE_OPTION_SET,
                InsertOptionValueRequest.class);
    }

    @Override
    String entityName(InsertOptionValueRequest request) {
        return request.entityLogicalName();
    }

    @Override
    List<String> missing(InsertOptionValueRequest request) {
        List<String> missing = OptionSetTargets.missing(request);
        if (request.option() == null || request.option().label() == null || request.option().label().isEmpty()) {
            missing.add("Label");
        }
        return missing;
    }

    @Override
    InsertOptionValueResponse apply(InsertOptionValueRequest request, MetadataSnapshot before) {
        Set<Integer> old = values(set(before, request));
        MetadataSnapshot after = customization.addOption(request.target(), request.option());
        int added = values(set(after, request)).stream().filter(v -> !old.contains(v)).findFirst()
                .orElse(request.option().value());
        return new InsertOptionValueResponse(added, after.version());
    }

    private static OptionSetMetadata set(MetadataSnapshot s, InsertOptionValueRequest request) {
        if (request.optionSetName() != null) {
            return s.globalOptionSets().get(request.optionSetName());
        }
        return s.findEntity(request.entityLogicalName())
                .flatMap(e -> e.findAttribute(request.attributeLogicalName()))
                .map(a -> a.optionSet()).orElse(null);
    }

    private static Set<Integer> values(OptionSetMetadata set) {
        return set == null ? Set.of() : set.options().stream().map(OptionMetadata::value).collect(Collectors.toSet());
    }

    @Override
    AuditEvent.Customized audited(InsertOptionValueRequest request, InsertOptionValueResponse response,
            MetadataSnapshot before) {
        return event(OptionSetTargets.auditEntity(request), OptionSetTargets.metadataId(request),
                "Value", null, response.newOptionValue(), "Label", null, request.option().label());
    }
}
