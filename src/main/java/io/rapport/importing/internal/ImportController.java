package io.rapport.importing.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.importing.ColumnMapping;
import io.rapport.importing.DuplicateHandling;
import io.rapport.importing.ExportFormat;
import io.rapport.importing.ExportService;
import io.rapport.importing.ImportError;
import io.rapport.importing.ImportJob;
import io.rapport.importing.ImportOptions;
import io.rapport.importing.ImportPreview;
import io.rapport.importing.ImportService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Order;
import io.rapport.query.QueryExpression;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * HTTP access to imports and exports, for the UI and for scripts: upload with an optional mapping, follow the
 * progress, cancel, download the error report; export an entity's rows as CSV or Excel.
 */
@RestController
@RequestMapping("/api/rapport")
class ImportController {

    private static final TypeReference<List<ColumnMapping>> MAPPING = new TypeReference<>() {
    };

    private final ImportService imports;
    private final ExportService exports;
    private final ObjectMapper json = new ObjectMapper();

    ImportController(ImportService imports, ExportService exports) {
        this.imports = imports;
        this.exports = exports;
    }

    @PostMapping("/imports/preview")
    ImportPreview preview(@RequestParam String entity, @RequestParam MultipartFile file) throws IOException {
        return imports.preview(entity, file.getOriginalFilename(), file.getBytes());
    }

    @PostMapping("/imports")
    ResponseEntity<Map<String, Object>> start(@RequestParam String entity, @RequestParam MultipartFile file,
            @RequestParam(required = false) String mapping, @RequestParam(required = false) String dataMap,
            @RequestParam(defaultValue = "SKIP") DuplicateHandling duplicates,
            @RequestParam(defaultValue = "false") boolean createMissingLookups,
            @RequestParam(required = false) String saveDataMapAs) throws IOException {
        List<ColumnMapping> columns = mapping != null ? mapping(mapping)
                : dataMap != null ? imports.dataMap(dataMap).orElseThrow(() -> new RapportException(
                        ErrorCode.OBJECT_DOES_NOT_EXIST, "No data map is named '" + dataMap + "'.")) : null;
        ImportJob job = imports.start(entity, file.getOriginalFilename(), file.getBytes(), columns,
                new ImportOptions(duplicates, createMissingLookups, saveDataMapAs));
        return ResponseEntity.accepted().location(URI.create("/api/rapport/imports/" + job.id())).body(view(job));
    }

    /** The {@code mapping} parameter: a JSON list of columns, or a 400 that says what is wrong with it. */
    private List<ColumnMapping> mapping(String mapping) {
        try {
            return json.readValue(mapping, MAPPING);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The mapping is not a JSON list of columns such as "
                    + "[{\"column\": 0, \"header\": \"Email\", \"attribute\": \"emailaddress1\"}]: "
                    + e.getOriginalMessage());
        }
    }

    @GetMapping("/imports")
    List<Map<String, Object>> recent(@RequestParam(defaultValue = "1") int page) {
        return imports.recent(page, 50).stream().map(ImportController::view).toList();
    }

    @GetMapping("/imports/{id}")
    Map<String, Object> job(@PathVariable UUID id) {
        return view(imports.job(id).orElseThrow(() -> RapportException.notFound("importjob", id)));
    }

    @PostMapping("/imports/{id}/cancel")
    ResponseEntity<Void> cancel(@PathVariable UUID id) {
        imports.cancel(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/imports/{id}/errors")
    List<ImportError> errors(@PathVariable UUID id, @RequestParam(defaultValue = "1") int page) {
        return imports.errors(id, page, 100);
    }

    @GetMapping("/imports/{id}/errors.csv")
    ResponseEntity<StreamingResponseBody> errorReport(@PathVariable UUID id) {
        // the report streams after the status is sent: an unknown (or someone else's) import is refused first
        imports.job(id).orElseThrow(() -> RapportException.notFound("importjob", id));
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, "text/csv; charset=UTF-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"import-errors-" + id + ".csv\"")
                .body(out -> imports.writeErrorReport(id, out));
    }

    @GetMapping("/exports/{entity}")
    ResponseEntity<StreamingResponseBody> export(@PathVariable String entity,
            @RequestParam(defaultValue = "csv") String format, @RequestParam(required = false) String select,
            @RequestParam(required = false) String orderby) {
        ExportFormat f = ExportFormat.of(format);
        QueryExpression.Builder q = QueryExpression.from(entity);
        if (select != null && !select.isBlank()) {
            q.columns(ColumnSet.of(Arrays.stream(select.split(",")).map(String::trim).toList()));
        }
        if (orderby != null && !orderby.isBlank()) {
            for (String part : orderby.split(",")) {
                String[] p = part.trim().split("\\s+");
                q.orderBy(new Order(null, p[0], p.length > 1 && p[1].equalsIgnoreCase("desc")));
            }
        }
        QueryExpression query = q.build();
        exports.check(query);
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, f.contentType())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + entity + "." + f.extension() + "\"")
                .body(out -> exports.export(query, f, out));
    }

    static Map<String, Object> view(ImportJob job) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", job.id());
        v.put("entity", job.entityName());
        v.put("fileName", job.fileName());
        v.put("status", job.status());
        v.put("totalRows", job.totalRows());
        v.put("processedRows", job.processedRows());
        v.put("created", job.created());
        v.put("updated", job.updated());
        v.put("skipped", job.skipped());
        v.put("failed", job.failed());
        v.put("percent", job.percent());
        v.put("rowsPerSecond", Math.round(job.rowsPerSecond() * 10) / 10.0);
        v.put("etaSeconds", job.etaSeconds());
        v.put("message", job.message());
        v.put("createdOn", job.createdOn());
        v.put("startedOn", job.startedOn());
        v.put("finishedOn", job.finishedOn());
        return v;
    }
}
