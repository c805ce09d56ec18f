package io.rapport.web.internal.list;

import io.rapport.importing.ExportFormat;
import io.rapport.importing.ExportService;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.Privilege;
import io.rapport.query.QueryExpression;
import io.rapport.web.internal.layout.LayoutCatalog;
import io.rapport.web.internal.layout.ViewDefinition;
import io.rapport.web.internal.support.Ui;
import io.rapport.web.internal.support.UiFactory;
import java.util.Locale;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Exports a list as it is shown (view, filters, sort, columns; every page) to CSV or Excel through the export
 * service, which reads and writes one page at a time, so that a large view never sits in memory.
 */
@Controller
class ListExportController {

    private final UiFactory uis;
    private final LayoutCatalog layouts;
    private final ExportService exports;

    ListExportController(UiFactory uis, LayoutCatalog layouts, ExportService exports) {
        this.uis = uis;
        this.layouts = layouts;
        this.exports = exports;
    }

    @GetMapping("/app/{entity}/export")
    void export(@PathVariable String entity, @RequestParam MultiValueMap<String, String> params,
            @RequestParam(defaultValue = "csv") String format, Locale locale, HttpServletResponse response)
            throws IOException {
        Ui ui = uis.create(locale);
        EntityMetadata e = ui.entity(entity);
        ExportFormat f = "xlsx".equalsIgnoreCase(format) ? ExportFormat.XLSX : ExportFormat.CSV;
        ListState state = ListState.from(params);
        ViewDefinition view = layouts.view(ui, entity, state.view());
        QueryExpression query = ListQueryBuilder.query(ui.snapshot(), e, view, state)
                .select(ListQueryBuilder.columns(e, view, state).toArray(String[]::new)).build();
        // before the stream opens: once it is, a denied read could no longer become the 403 page
        ui.service().checkPrivilege(e.logicalName(), Privilege.READ);
        String file = e.collectionLabel(locale).replaceAll("[^\\p{L}\\p{N} _-]", "").trim();
        response.setContentType(f == ExportFormat.CSV ? "text/csv;charset=UTF-8" : f.contentType());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename((file.isEmpty() ? e.entitySetName() : file) + "." + f.extension(), StandardCharsets.UTF_8)
                .build().toString());
        // written on the request's thread, page by page: the servlet's buffer goes out as it fills
        exports.export(query, f, locale, response.getOutputStream());
    }
}
