package io.rapport.web;

import io.rapport.testing.OnPostgres;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;

@OnPostgres
@AutoConfigureMockMvc
class WebPagesOnPostgresTest extends WebPagesContract {
}
