package io.rapport.pipeline.internal;

import io.rapport.metadata.CustomizationService;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.pipeline.MetadataMessages;
import io.rapport.pipeline.MetadataMessages.MetadataChangeResponse;
import java.util.List;
import org.springframework.stereotype.Component;
import io.rapport.pipeline.MetadataMessages.DeleteOptionValueRequest;

/** DeleteOptionValue: an option removed from a global or local option set (prvWriteOptionSet). */
@Component
class DeleteOptionValueHandler extends CustomizationHandler<DeleteOptionValueRequest, MetadataChangeResponse> {

    DeleteOptionValueHandler(CustomizationService customization) {
        super(customization, MetadataMessages.DELETE_OPTION_VALUE, MetadataMessages.PRV_WRITE_OPTION_SET,
                DeleteOptionValueRequest.class);
    }

    @Override
    String entityName(DeleteOptionValueRequest request) {
        return request.entityLogicalName();
    }

    @Override
    List<String> missing(DeleteOptionValueRequest request) {
        List<String> missing = OptionSetTargets.missing(request);
        missing.addAll(missing("Value", request.value()));
        return missing;
    }

    @Override
    MetadataChangeResponse apply(DeleteOptionValueRequest request, MetadataSnapshot before) {
        return new MetadataChangeResponse(customization.deleteOption(request.target(), request.value()).version());
    }

    @Override
    AuditEvent.Customized audited(DeleteOptionValueRequest request, MetadataChangeResponse response,
            MetadataSnapshot before) {
        return event(OptionSetTargets.auditEntity(request),
                OptionSetTargets.metadataId(request), "Value", request.value(), null);
    }
}
