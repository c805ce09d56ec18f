package io.rapport.webapi;

import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.pipeline.ActionHandler;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.ActionResponse;
import io.rapport.pipeline.PluginContext;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Test-only actions that show the Web API routes whatever the catalog holds, with typed parameters. */
@Configuration(proxyBeanMethods = false)
class TestOperations {

    /** Unbound action: echoes its parameters and creates an account when asked. */
    @Bean
    ActionHandler echoAction() {
        return new ActionHandler() {
            @Override
            public ActionDefinition definition() {
                return new ActionDefinition("rapport_Echo", null, false, List.of(
                        Parameter.required("Text", "String"), Parameter.optional("Count", "Int32"),
                        Parameter.optional("Amount", "Decimal"), Parameter.optional("Account", "EntityReference"),
                        Parameter.optional("NewAccount", "Entity")),
                        List.of(Parameter.required("Text", "String"), Parameter.optional("Created", "EntityReference")));
            }

            @Override
            public ActionResponse execute(ActionRequest request, PluginContext context) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("Text", request.parameter("Text") + "|" + request.parameter("Count") + "|"
                        + request.parameter("Amount") + "|" + request.parameter("Account"));
                if (request.parameter("NewAccount") instanceof Entity e) {
                    out.put("Created", new EntityReference("account", context.service().create(e)));
                }
                return new ActionResponse(out);
            }
        };
    }

    /** Function bound to an account: its name, upper case, with a suffix parameter. */
    @Bean
    ActionHandler describeFunction() {
        return new ActionHandler() {
            @Override
            public ActionDefinition definition() {
                return new ActionDefinition("rapport_Describe", "account", true,
                        List.of(Parameter.required("Suffix", "String")), List.of(Parameter.required("Text", "String")));
            }

            @Override
            public ActionResponse execute(ActionRequest request, PluginContext context) {
                Entity account = context.service().retrieve("account", request.target().id(), ColumnSet.of("name"));
                return new ActionResponse(Map.of("Text", account.getString("name").toUpperCase()
                        + request.parameter("Suffix")));
            }
        };
    }
}
