package io.rapport.web;

import io.rapport.testing.OnPostgres;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.test.context.TestPropertySource;

/** The PostgreSQL server is shared by every test context of the suite: this one keeps few connections. */
@OnPostgres
@AutoConfigureMockMvc
@TestPropertySource(properties = {"spring.datasource.hikari.maximum-pool-size=5",
        "spring.datasource.hikari.minimum-idle=1"})
class WebPagesOnPostgresTest extends WebPagesContract {
}
