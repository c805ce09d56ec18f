package io.rapport.pipeline.internal;

import io.rapport.metadata.CustomizationService;
import io.rapport.metadata.MetadataNames;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.pipeline.MetadataMessages;
import io.rapport.pipeline.MetadataMessages.MetadataChangeResponse;
import java.util.List;
import org.springframework.stereotype.Component;
import io.rapport.pipeline.MetadataMessages.CreateOptionSetRequest;

/** CreateOptionSet: a custom global option set (prvCreateOptionSet). */
@Component
class CreateOptionSetHandler extends CustomizationHandler<CreateOptionSetRequest, MetadataChangeResponse> {

    CreateOptionSetHandler(CustomizationService customization) {
        super(customization, MetadataMessages.CREATE_OPTION_SET, MetadataMessages.PRV_CREATE_OPTION_SET,
                CreateOptionSetRequest.class);
    }

    @Override
    String entityName(CreateOptionSetRequest request) {
        return null;
    }

    @Override
    List<String> missing(CreateOptionSetRequest request) {
        return missing("OptionSet", request.optionSet(), "Name", request.optionSet() == null ? "-"
                : request.optionSet().name());
    }

    @Override
    MetadataChangeResponse apply(CreateOptionSetRequest request, MetadataSnapshot before) {
        return new MetadataChangeResponse(customization.addGlobalOptionSet(request.optionSet()).version());
    }

    @Override
    AuditEvent.Customized audited(CreateOptionSetRequest request, MetadataChangeResponse response,
            MetadataSnapshot before) {
        String name = request.optionSet().name();
        return event(name, MetadataNames.metadataId("optionset", name), "Name", null, name, "DisplayName", null,
                request.optionSet().displayName());
    }
}
