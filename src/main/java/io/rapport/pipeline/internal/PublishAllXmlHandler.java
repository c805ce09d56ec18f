package io.rapport.pipeline.internal;

import io.rapport.metadata.CustomizationService;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.pipeline.MetadataMessages;
import io.rapport.pipeline.MetadataMessages.MetadataChangeResponse;
import io.rapport.pipeline.MetadataMessages.PublishAllXmlRequest;
import java.util.List;
import org.springframework.stereotype.Component;

/** PublishAllXml (prvReadCustomization): every customization is already published, so nothing changes. */
@Component
class PublishAllXmlHandler extends CustomizationHandler<PublishAllXmlRequest, MetadataChangeResponse> {

    PublishAllXmlHandler(CustomizationService customization) {
        super(customization, MetadataMessages.PUBLISH_ALL_XML, MetadataMessages.PRV_READ_CUSTOMIZATION,
                PublishAllXmlRequest.class);
    }

    @Override
    String entityName(PublishAllXmlRequest request) {
        return null;
    }

    @Override
    List<String> missing(PublishAllXmlRequest request) {
        return missing();
    }

    @Override
    MetadataChangeResponse apply(PublishAllXmlRequest request, MetadataSnapshot before) {
        return new MetadataChangeResponse(before.version());
    }

    @Override
    AuditEvent.Customized audited(PublishAllXmlRequest request, MetadataChangeResponse response,
            MetadataSnapshot before) {
        return null;
    }
}
