package io.rapport.web;

import io.rapport.testing.OnPostgres;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.test.context.TestPropertySource;

/** Shares its application context with {@link WebPagesOnPostgresTest} (same configuration). */
@OnPostgres
@AutoConfigureMockMvc
@TestPropertySource(properties = {"spring.datasource.hikari.maximum-pool-size=5",
        "spring.datasource.hikari.minimum-idle=1"})
class ViewEditorOnPostgresTest extends ViewEditorContract {
}
