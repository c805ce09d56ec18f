package io.rapport.webapi.internal.operations;

import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionHandler;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.ActionResponse;
import io.rapport.pipeline.PluginContext;
import io.rapport.record.AddressFormat;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Dataverse's FormatAddress function ({@code Line1}, {@code City}, {@code StateOrProvince}, {@code PostalCode},
 * {@code Country} → {@code Address}): the address as lines (CR LF between them) in the order its country writes
 * it, empty parts left out ({@link AddressFormat}; the United States' order when the country is unknown).
 */
@Component
public class FormatAddressFunction implements ActionHandler {

    @Override
    public ActionDefinition definition() {
        return new ActionDefinition("FormatAddress", null, true, List.of(Parameter.optional("Line1", "String"),
                Parameter.optional("City", "String"), Parameter.optional("StateOrProvince", "String"),
                Parameter.optional("PostalCode", "String"), Parameter.optional("Country", "String")),
                List.of(Parameter.required("Address", "String")));
    }

    @Override
    public ActionResponse execute(ActionRequest request, PluginContext context) {
        List<String> lines = AddressFormat.lines(new AddressFormat.Address(text(request, "Line1"), null, null,
                text(request, "City"), text(request, "StateOrProvince"), text(request, "PostalCode"),
                text(request, "Country")));
        return new ActionResponse(Map.of("Address", String.join("\r\n", lines)));
    }

    private static String text(ActionRequest request, String name) {
        return request.parameter(name) instanceof String s ? s.trim() : "";
    }
}
