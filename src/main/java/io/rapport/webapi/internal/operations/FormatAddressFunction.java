package io.rapport.webapi.internal.operations;

import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionHandler;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.ActionResponse;
import io.rapport.pipeline.PluginContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Dataverse's FormatAddress function ({@code Line1}, {@code City}, {@code StateOrProvince}, {@code PostalCode},
 * {@code Country} → {@code Address}): the address as lines, empty parts left out: the street, "City, State
 * PostalCode", the country.
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
        List<String> lines = new ArrayList<>();
        add(lines, text(request, "Line1"));
        String city = text(request, "City");
        String state = text(request, "StateOrProvince");
        String postal = text(request, "PostalCode");
        String region = String.join(" ", List.of(state, postal).stream().filter(s -> !s.isEmpty()).toList());
        add(lines, city.isEmpty() ? region : region.isEmpty() ? city : city + ", " + region);
        add(lines, text(request, "Country"));
        return new ActionResponse(Map.of("Address", String.join("\r\n", lines)));
    }

    private static String text(ActionRequest request, String name) {
        return request.parameter(name) instanceof String s ? s.trim() : "";
    }

    private static void add(List<String> lines, String line) {
        if (!line.isEmpty()) {
            lines.add(line);
        }
    }
}
