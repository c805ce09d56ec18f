package io.rapport.pipeline.internal;

import io.rapport.metadata.CustomizationService;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.pipeline.MetadataMessages;
import io.rapport.pipeline.MetadataMessages.InsertOptionValueRequest;
import io.rapport.pipeline.MetadataMessages.InsertOptionValueResponse;
import java.util.List;
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
        MetadataSnapshot after = customization.addOption(request.target(), request.option());
        return new InsertOptionValueResponse(OptionSetTargets.added(before, after, request, request.option().value()),
                after.version());
    }

    @Override
    AuditEvent.Customized audited(InsertOptionValueRequest request, InsertOptionValueResponse response,
            MetadataSnapshot before) {
        return event(OptionSetTargets.auditEntity(request), OptionSetTargets.metadataId(request),
                "Value", null, response.newOptionValue(), "Label", null, request.option().label());
    }
}
