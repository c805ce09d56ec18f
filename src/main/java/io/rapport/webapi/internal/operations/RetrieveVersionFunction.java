package io.rapport.webapi.internal.operations;

import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionHandler;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.ActionResponse;
import io.rapport.pipeline.PluginContext;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Dataverse's RetrieveVersion function: the version of the Web API this server implements. */
@Component
public class RetrieveVersionFunction implements ActionHandler {

    static final String VERSION = "9.2.0.0";

    @Override
    public ActionDefinition definition() {
        return new ActionDefinition("RetrieveVersion", null, true, List.of(),
                List.of(Parameter.required("Version", "String")));
    }

    @Override
    public ActionResponse execute(ActionRequest request, PluginContext context) {
        return new ActionResponse(Map.of("Version", VERSION));
    }
}
