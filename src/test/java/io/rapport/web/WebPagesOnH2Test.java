package io.rapport.web;

import io.rapport.testing.OnH2;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;

@OnH2
@AutoConfigureMockMvc
class WebPagesOnH2Test extends WebPagesContract {
}
