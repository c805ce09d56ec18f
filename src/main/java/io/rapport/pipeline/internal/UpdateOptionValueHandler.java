package io.rapport.pipeline.internal;

import io.rapport.metadata.CustomizationService;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.pipeline.MetadataMessages;
import io.rapport.pipeline.MetadataMessages.MetadataChangeResponse;
import java.util.List;
import org.springframework.stereotype.Component;
import io.rapport.pipeline.MetadataMessages.UpdateOptionValueRequest;

/** UpdateOptionValue: a new label for an option of a global or local option set (prvWriteOptionSet). */
@Component
class UpdateOptionValueHandler extends CustomizationHandler<UpdateOptionValueRequest, MetadataChangeResponse> {

    UpdateOptionValueHandler(CustomizationService customization) {
        super(customization, MetadataMessages.UPDATE_OPTION_VALUE, MetadataMessages.PRV_WRITE_OPTION_SET,
                UpdateOptionValueRequest.class);
    }

    @Override
    String entityName(UpdateOptionValueRequest request) {
        return request.entityLogicalName();
    }

    @Override
    List<String> missing(UpdateOptionValueRequest request) {
        List<String> missing = OptionSetTargets.missing(request);
        missing.addAll(missing("Value", request.value()));
        if (request.label() == null || request.label().isEmpty()) {
            missing.add("Label");
        }
        return missing;
    }

    @Override
    MetadataChangeResponse apply(UpdateOptionValueRequest request, MetadataSnapshot before) {
        return new MetadataChangeResponse(customization.updateOption(request.target(), request.value(),
                request.label(), request.mergeLabels()).version());
    }

    @Override
    AuditEvent.Customized audited(UpdateOptionValueRequest request, MetadataChangeResponse response,
            MetadataSnapshot before) {
        return event(OptionSetTargets.auditEntity(request),
                OptionSetTargets.metadataId(request), "Value", request.value(), request.value(), "Label", null,
                request.label());
    }
}
