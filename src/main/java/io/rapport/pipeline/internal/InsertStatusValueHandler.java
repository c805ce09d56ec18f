package io.rapport.pipeline.internal;

import io.rapport.metadata.CustomizationService;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.metadata.OptionMetadata;
import io.rapport.pipeline.MetadataMessages;
import io.rapport.pipeline.MetadataMessages.InsertStatusValueRequest;
import io.rapport.pipeline.MetadataMessages.InsertStatusValueResponse;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * InsertStatusValue: a status reason added to an entity's status attribute in one of its states (prvWriteOptionSet,
 * as InsertOptionValue). The customization service checks that the attribute is a status attribute and the state
 * one of the entity's.
 */
@Component
class InsertStatusValueHandler extends CustomizationHandler<InsertStatusValueRequest, InsertStatusValueResponse> {

    InsertStatusValueHandler(CustomizationService customization) {
        super(customization, MetadataMessages.INSERT_STATUS_VALUE, MetadataMessages.PRV_WRITE_OPTION_SET,
                InsertStatusValueRequest.class);
    }

    @Override
    String entityName(InsertStatusValueRequest request) {
        return request.entityLogicalName();
    }

    @Override
    List<String> missing(InsertStatusValueRequest request) {
        List<String> missing = missing("EntityLogicalName", request.entityLogicalName(), "AttributeLogicalName",
                request.attributeLogicalName(), "StateCode", request.stateCode());
        if (request.option() == null || request.option().label() == null || request.option().label().isEmpty()) {
            missing.add("Label");
        }
        return missing;
    }

    @Override
    InsertStatusValueResponse apply(InsertStatusValueRequest request, MetadataSnapshot before) {
        OptionMetadata o = request.option();
        MetadataSnapshot after = customization.addOption(request.target(), new OptionMetadata(o.value(), o.label(),
                request.stateCode(), null, null, o.color()));
        return new InsertStatusValueResponse(OptionSetTargets.added(before, after, request, o.value()),
                after.version());
    }

    @Override
    AuditEvent.Customized audited(InsertStatusValueRequest request, InsertStatusValueResponse response,
            MetadataSnapshot before) {
        return event(request.entityLogicalName(), OptionSetTargets.metadataId(request), "Value", null,
                response.newOptionValue(), "StateCode", null, request.stateCode(), "Label", null,
                request.option().label());
    }
}
