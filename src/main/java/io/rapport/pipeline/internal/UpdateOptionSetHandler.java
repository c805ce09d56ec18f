package io.rapport.pipeline.internal;

import io.rapport.metadata.CustomizationService;
import io.rapport.metadata.MetadataNames;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.metadata.OptionSetMetadata;
import io.rapport.pipeline.MetadataMessages;
import io.rapport.pipeline.MetadataMessages.MetadataChangeResponse;
import io.rapport.pipeline.MetadataMessages.UpdateOptionSetRequest;
import java.util.List;
import org.springframework.stereotype.Component;

/** UpdateOptionSet: a new display name for a custom global option set (prvWriteOptionSet). */
@Component
class UpdateOptionSetHandler extends CustomizationHandler<UpdateOptionSetRequest, MetadataChangeResponse> {

    UpdateOptionSetHandler(CustomizationService customization) {
        super(customization, MetadataMessages.UPDATE_OPTION_SET, MetadataMessages.PRV_WRITE_OPTION_SET,
                UpdateOptionSetRequest.class);
    }

    @Override
    String entityName(UpdateOptionSetRequest request) {
        return null;
    }

    @Override
    List<String> missing(UpdateOptionSetRequest request) {
        return missing("Name", request.name(), "DisplayName", request.displayName() == null
                || request.displayName().isEmpty() ? null : "-");
    }

    @Override
    MetadataChangeResponse apply(UpdateOptionSetRequest request, MetadataSnapshot before) {
        return new MetadataChangeResponse(customization.relabelOptionSet(request.name(), request.displayName())
                .version());
    }

    @Override
    AuditEvent.Customized audited(UpdateOptionSetRequest request, MetadataChangeResponse response,
            MetadataSnapshot before) {
        OptionSetMetadata old = before.globalOptionSets().get(request.name());
        return event(request.name(), MetadataNames.metadataId("optionset", request.name()), "DisplayName",
                old == null ? null : old.displayName(), request.displayName());
    }
}
