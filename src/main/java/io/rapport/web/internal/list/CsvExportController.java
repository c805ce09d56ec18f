package io.rapport.web.internal.list;

import io.rapport.metadata.EntityMetadata;
import io.rapport.query.PagingInfo;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityCollection;
import io.rapport.web.internal.layout.LayoutCatalog;
import io.rapport.web.internal.layout.ViewDefinition;
import io.rapport.web.internal.support.Currencies;
import io.rapport.web.internal.support.Display;
import io.rapport.web.internal.support.Ui;
import io.rapport.web.internal.support.UiFactory;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Exports a list as it is shown (view, filters, sort, columns) to CSV, page by page straight to the response,
 * so that a large view never sits in memory.
 */
@Controller
class CsvExportController {

    static final int EXPORT_PAGE = 500;
    static final int MAX_ROWS = 100_000;

    private final UiFactory uis;
    private final LayoutCatalog layouts;

    CsvExportController(UiFactory uis, LayoutCatalog layouts) {
        this.uis = uis;
        this.layouts = layouts;
    }

    @GetMapping("/app/{entity}/export")
    void export(@PathVariable String entity, @RequestParam MultiValueMap<String, String> params, Locale locale,
            HttpServletResponse response) throws IOException {
        Ui ui = uis.create(locale);
        EntityMetadata e = ui.entity(entity);
        ListState state = ListState.from(params);
        ViewDefinition view = layouts.view(ui, entity, state.view());
        List<String> columns = ListQueryBuilder.columns(e, view, state);
        QueryExpression base = ListQueryBuilder.query(ui.snapshot(), e, view, state).build();
        Currencies currencies = Currencies.load(ui);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + e.entitySetName() + ".csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        out.write('\uFEFF'); // spreadsheet programs read UTF-8 only with a byte order mark
        List<String> header = new ArrayList<>();
        columns.forEach(c -> header.add(e.attribute(c).label(locale)));
        Csv.writeRow(out, header);
        String cookie = null;
        int rows = 0;
        for (int page = 1; rows < MAX_ROWS; page++) {
            EntityCollection batch = ui.service().retrieveMultiple(base.toBuilder()
                    .paging(new PagingInfo(page, EXPORT_PAGE, cookie, false)).build());
            for (Entity r : batch.entities()) {
                List<String> cells = new ArrayList<>();
                columns.forEach(c -> cells.add(Display.text(r, c, e.attribute(c), locale, currencies.codeOf(r))));
                Csv.writeRow(out, cells);
                rows++;
            }
            out.flush();
            if (!batch.moreRecords()) {
                break;
            }
            cookie = batch.pagingCookie();
        }
        out.flush();
    }
}
