package io.rapport.web;

import io.rapport.testing.OnH2;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;

/** Shares its application context with {@link WebPagesOnH2Test} (same configuration). */
@OnH2
@AutoConfigureMockMvc
class ViewEditorOnH2Test extends ViewEditorContract {
}
