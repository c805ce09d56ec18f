package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.testing.OnH2;
import io.rapport.testing.TestUsers;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.util.ClassUtils;
import org.springframework.web.servlet.ViewResolver;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * What a list page costs the server, measured in ways the machine's load does not change: the view resolvers a
 * render consults and the bytes the request allocates. Benchmark 5 (UI list, 8 clients on 2 cores) is bound by
 * CPU per page, so a page that grows costlier fails here before it shows in the benchmark.
 */
@OnH2
@AutoConfigureMockMvc
class ListPageCostTest {

    /**
     * Bytes one render of the account list (50 rows, signed in, MockMvc) may allocate: 4.0 MB measured on branch
     * ui12 (without the column chooser in the page; 6.9 MB before), with about a fifth of headroom.
     */
    static final long MAX_BYTES_PER_PAGE = 4_800_000L;

    /** Characters of a list page of 50 accounts (MockMvc, English): 51,152 measured on branch ui12. */
    static final int MAX_CHARS_PER_PAGE = 56_000;

    @Autowired
    MockMvc mvc;

    @Autowired
    OrganizationService organization;

    @Autowired
    List<ViewResolver> viewResolvers;

    @Autowired
    org.springframework.context.ApplicationContext context;

    /**
     * FreeMarker comes in with ez-vcard (its readers need it) and made Spring Boot add a view resolver that, its
     * cache being off by default, built and initialized a FreeMarker view on every page before Thymeleaf's was
     * chosen: 16% of a list page's CPU in the profile. The application excludes FreeMarker's auto-configuration, so
     * neither the view resolver nor its configurer (88 ms of a start) is made.
     */
    @Test
    void onlyThymeleafResolvesPageViews() {
        assertThat(ClassUtils.isPresent("freemarker.template.Configuration", getClass().getClassLoader())).isTrue();
        assertThat(viewResolvers).noneMatch(r -> r.getClass().getName().contains("FreeMarker"));
        assertThat(context.getBeanNamesForType(
                org.springframework.web.servlet.view.freemarker.FreeMarkerConfigurer.class)).isEmpty();
    }

    /**
     * A page is written to the response once, not in thousands of writes through the response wrappers: the views
     * render into a buffer of their own (BufferedPageView), not into Thymeleaf's doubling string builder.
     */
    /**
     * Spring's persistence exception translation proxied every {@code @Repository} (the record store among them: every
     * read and write of every request through a CGLIB proxy and a reflective call) to translate with translators
     * that do not exist here (no JPA; jOOQ's errors are translated by its execute listener and by {@code SqlErrors}).
     * It is switched off ({@code spring.dao.exceptiontranslation.enabled=false}).
     */
    @Test
    void repositoriesAreNotProxiedForExceptionTranslation() {
        assertThat(context.getBeansOfType(org.springframework.dao.support.PersistenceExceptionTranslator.class))
                .isEmpty();
        Object store = context.getBean(io.rapport.store.RecordStore.class);
        assertThat(org.springframework.aop.support.AopUtils.isAopProxy(store)).as(store.getClass().getName())
                .isFalse();
    }

    @Test
    void pagesAreRenderedIntoOneBufferBeforeTheyAreWritten() throws Exception {
        ViewResolver thymeleaf = viewResolvers.stream().filter(ThymeleafViewResolver.class::isInstance).findFirst()
                .orElseThrow();
        assertThat(thymeleaf.resolveViewName("list", java.util.Locale.ENGLISH).getClass().getName())
                .isEqualTo("io.rapport.web.internal.shell.BufferedPageView");
    }

    @Test
    @WithUserDetails(TestUsers.ADMIN)
    void aListPageAllocatesLessThanItsBound() throws Exception {
        String prefix = "C" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 60; i++) {
            organization.create(new Entity("account").set("name", prefix + i).set("telephone1", "+1 555 0100")
                    .set("address1_city", "Lisbon").set("revenue", new java.math.BigDecimal("1000.50")));
        }
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (int i = 0; i < 30; i++) {
            render();
        }
        int renders = 20;
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < renders; i++) {
            render();
        }
        long perPage = (threads.getThreadAllocatedBytes(thread) - before) / renders;
        assertThat(perPage).as("bytes allocated per list page: %d", perPage).isLessThan(MAX_BYTES_PER_PAGE);
    }

    /** The page's size: the rows, the list's controls and the shell, nothing per attribute of the entity. */
    @Test
    @WithUserDetails(TestUsers.ADMIN)
    void aListPageIsAsLargeAsItsRows() throws Exception {
        String prefix = "B" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 60; i++) {
            organization.create(new Entity("account").set("name", prefix + i).set("telephone1", "+1 555 0100")
                    .set("address1_city", "Lisbon"));
        }
        String page = render();
        assertThat(page.split("<tr data-id=", -1)).hasSize(51);
        assertThat(page.length()).as("characters of a list page of 50 rows").isLessThan(MAX_CHARS_PER_PAGE);
    }

    private String render() throws Exception {
        String page = mvc.perform(get("/app/account").header("Accept-Language", "en")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"list-title\"");
        return page;
    }
}
