package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.record.Entity;
import io.rapport.testing.OnH2;
import io.rapport.testing.TestUsers;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import jakarta.servlet.http.Cookie;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A list page costs one pipeline query, the page's RetrieveMultiple, on every render (first page, sort, filter,
 * paging, another view, the grid fragment): views, currencies and form layouts come from caches, and the users of
 * the assign dialog are searched only when someone types there.
 */
@OnH2
@AutoConfigureMockMvc
@Import(ListPageQueriesTest.MessageCounter.class)
@WithUserDetails(TestUsers.ADMIN)
class ListPageQueriesTest {

    /** Counts the messages the pipeline runs on the test's thread, by name. */
    @PluginStep(messages = {"Create", "Retrieve", "RetrieveMultiple", "Update", "Delete", "SetState", "Assign"},
            stage = Stage.PRE_OPERATION)
    static class MessageCounter implements Plugin {
        private final ThreadLocal<Map<String, Integer>> counts = ThreadLocal.withInitial(TreeMap::new);

        @Override
        public void execute(PluginContext context) {
            counts.get().merge(context.messageName() + " " + context.entityName(), 1, Integer::sum);
        }

        Map<String, Integer> take() {
            Map<String, Integer> result = new TreeMap<>(counts.get());
            counts.get().clear();
            return result;
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    MessageCounter counter;

    @Autowired
    OrganizationService organization;

    /** The session's cookie, carried from response to request as a browser does (sessions live in the database). */
    private Cookie session;

    private MvcResult perform(MockHttpServletRequestBuilder request) throws Exception {
        if (session != null) {
            request.cookie(session);
        }
        MvcResult result = mvc.perform(request).andExpect(status().isOk()).andReturn();
        Cookie issued = result.getResponse().getCookie("JSESSIONID");
        if (issued != null) {
            session = issued;
        }
        return result;
    }

    private Map<String, Integer> render(String url) throws Exception {
        counter.take();
        perform(get(url).header("Accept-Language", "en"));
        return counter.take();
    }

    @Test
    void everyRenderOfTheListRunsExactlyOneRetrieveMultiple() throws Exception {
        String prefix = "Q" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            organization.create(new Entity("account").set("name", prefix + i));
        }
        render("/app/account");
        Map<String, Integer> one = Map.of("RetrieveMultiple account", 1);

        assertThat(render("/app/account")).isEqualTo(one);
        assertThat(render("/app/account?sort=name&desc=true")).isEqualTo(one);
        assertThat(render("/app/account?q=" + prefix)).isEqualTo(one);
        assertThat(render("/app/account/grid?f.name=" + prefix + "1")).isEqualTo(one);
        assertThat(render("/app/account?page=2")).isEqualTo(one);
        render("/app/contact");
        assertThat(render("/app/contact")).isEqualTo(Map.of("RetrieveMultiple contact", 1));
    }

    @Test
    void theAssignDialogSearchesUsersOnlyWhenAskedAndOnlyEnabledPeople() throws Exception {
        String page = perform(get("/app/account")).getResponse().getContentAsString();
        assertThat(page).contains("hx-get=\"/assignees\"").doesNotContain(">SYSTEM<");
        counter.take();
        String found = perform(get("/assignees?q=System")).getResponse().getContentAsString();
        assertThat(found).contains("data-name=\"System Administrator\"").doesNotContain("data-name=\"SYSTEM\"");
        assertThat(counter.take()).isEqualTo(Map.of("RetrieveMultiple systemuser", 1));
    }
}
