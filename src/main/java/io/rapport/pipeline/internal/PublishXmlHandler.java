package io.rapport.pipeline.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.CustomizationService;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.pipeline.MetadataMessages;
import io.rapport.pipeline.MetadataMessages.MetadataChangeResponse;
import io.rapport.pipeline.MetadataMessages.PublishXmlRequest;
import java.io.StringReader;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * PublishXml (prvReadCustomization): Rapport publishes every customization as it is made, so the message checks its
 * {@code <importexportxml>} and the privilege and changes nothing.
 */
@Component
class PublishXmlHandler extends CustomizationHandler<PublishXmlRequest, MetadataChangeResponse> {

    PublishXmlHandler(CustomizationService customization) {
        super(customization, MetadataMessages.PUBLISH_XML, MetadataMessages.PRV_READ_CUSTOMIZATION,
                PublishXmlRequest.class);
    }

    @Override
    String entityName(PublishXmlRequest request) {
        return null;
    }

    @Override
    List<String> missing(PublishXmlRequest request) {
        List<String> missing = missing("ParameterXml", request.parameterXml());
        if (missing.isEmpty() && !isImportExportXml(request.parameterXml())) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "ParameterXml must be an <importexportxml> "
                    + "document.");
        }
        return missing;
    }

    static boolean isImportExportXml(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            Document d = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
            return "importexportxml".equals(d.getDocumentElement().getNodeName());
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    MetadataChangeResponse apply(PublishXmlRequest request, MetadataSnapshot before) {
        return new MetadataChangeResponse(before.version());
    }

    @Override
    AuditEvent.Customized audited(PublishXmlRequest request, MetadataChangeResponse response,
            MetadataSnapshot before) {
        return null;
    }
}
