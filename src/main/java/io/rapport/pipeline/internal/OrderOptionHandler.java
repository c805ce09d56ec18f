package io.rapport.pipeline.internal;

import io.rapport.metadata.CustomizationService;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.pipeline.MetadataMessages;
import io.rapport.pipeline.MetadataMessages.MetadataChangeResponse;
import java.util.List;
import org.springframework.stereotype.Component;
import io.rapport.pipeline.MetadataMessages.OrderOptionRequest;

/** OrderOption: the options of a global or local option set in a new order (prvWriteOptionSet). */
@Component
class OrderOptionHandler extends CustomizationHandler<OrderOptionRequest, MetadataChangeResponse> {

    OrderOptionHandler(CustomizationService customization) {
        super(customization, MetadataMessages.ORDER_OPTION, MetadataMessages.PRV_WRITE_OPTION_SET,
                OrderOptionRequest.class);
    }

    @Override
    String entityName(OrderOptionRequest request) {
        return request.entityLogicalName();
    }

    @Override
    List<String> missing(OrderOptionRequest request) {
        List<String> missing = OptionSetTargets.missing(request);
        if (request.values() == null || request.values().isEmpty()) {
            missing.add("Values");
        }
        return missing;
    }

    @Override
    MetadataChangeResponse apply(OrderOptionRequest request, MetadataSnapshot before) {
        return new MetadataChangeResponse(customization.orderOptions(request.target(), request.values()).version());
    }

    @Override
    AuditEvent.Customized audited(OrderOptionRequest request, MetadataChangeResponse response,
            MetadataSnapshot before) {
        return event(OptionSetTargets.auditEntity(request),
                OptionSetTargets.metadataId(request), "Order", null, request.values());
    }
}
