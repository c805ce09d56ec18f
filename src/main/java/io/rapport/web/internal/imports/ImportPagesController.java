package io.rapport.web.internal.imports;

import io.rapport.error.RapportException;
import io.rapport.importing.ColumnMapping;
import io.rapport.importing.DuplicateHandling;
import io.rapport.importing.ImportError;
import io.rapport.importing.ImportJob;
import io.rapport.importing.ImportOptions;
import io.rapport.importing.ImportPreview;
import io.rapport.importing.ImportService;
import io.rapport.metadata.EntityMetadata;
import io.rapport.web.internal.support.ErrorMessages;
import io.rapport.web.internal.support.Ui;
import io.rapport.web.internal.support.UiFactory;
import java.io.IOException;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The import wizard of the UI: upload a CSV or Excel file, review the proposed column mapping (and the duplicate
 * and lookup choices), start the background job and follow its progress bar until the summary and the error
 * report. Everything runs through {@link ImportService}, as the Web API's imports do.
 */
@Controller
class ImportPagesController {

    static final int PAGE_SIZE = 20;
    static final int ERRORS_SHOWN = 50;

    private final UiFactory uis;
    private final ImportService imports;
    private final ErrorMessages errors;

    ImportPagesController(UiFactory uis, ImportService imports, ErrorMessages errors) {
        this.uis = uis;
        this.imports = imports;
        this.errors = errors;
    }

    @GetMapping("/imports")
    String list(@RequestParam(required = false) String entity, @RequestParam(defaultValue = "1") int page,
            Locale locale, Model model) {
        Ui ui = uis.create(locale);
        int p = Math.max(1, page);
        List<ImportJob> jobs = imports.recent(p, PAGE_SIZE + 1);
        model.addAttribute("entities", importable(ui, locale));
        model.addAttribute("selected", entity);
        model.addAttribute("jobs", jobs.stream().limit(PAGE_SIZE).map(j -> JobView.of(j, ui)).toList());
        model.addAttribute("page", p);
        model.addAttribute("hasMore", jobs.size() > PAGE_SIZE);
        return "imports/list";
    }

    @PostMapping("/imports")
    String upload(@RequestParam String entity, @RequestParam(required = false) MultipartFile file, Locale locale,
            Model model) throws IOException {
        if (file == null || file.isEmpty()) {
            model.addAttribute("alert", message("import.noFile", locale));
            return list(entity, 1, locale, model);
        }
        try {
            ImportJob job = imports.stage(entity, file.getOriginalFilename(), file.getBytes());
            return "redirect:/imports/" + job.id() + "/mapping";
        } catch (RapportException e) {
            model.addAttribute("alert", e.code() == io.rapport.error.ErrorCode.INVALID_ARGUMENT
                    ? message("import.unreadable", locale, e.getMessage()) : errors.message(e, null, locale));
            return list(entity, 1, locale, model);
        }
    }

    @GetMapping("/imports/{id}/mapping")
    String mapping(@PathVariable UUID id, @RequestParam(required = false) String dataMap, Locale locale,
            Model model) {
        Ui ui = uis.create(locale);
        ImportJob job = job(id);
        if (job.status() != io.rapport.importing.ImportStatus.DRAFT) {
            return "redirect:/imports/" + id;
        }
        ImportPreview preview = imports.preview(id);
        List<ColumnMapping> mapping = preview.proposedMapping();
        if (dataMap != null && !dataMap.isBlank()) {
            List<ColumnMapping> saved = imports.dataMap(dataMap).orElseThrow(() -> RapportException.notFound(
                    "datamap", dataMap));
            mapping = applySaved(mapping, saved);
        }
        model.addAttribute("dataMap", dataMap);
        return mappingPage(ui, job, preview, mapping, ImportOptions.defaults(), model);
    }

    @PostMapping("/imports/{id}/start")
    String start(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form, Locale locale,
            Model model) {
        ImportJob job = job(id);
        if (job.status() != io.rapport.importing.ImportStatus.DRAFT) {
            return "redirect:/imports/" + id;
        }
        ImportPreview preview = imports.preview(id);
        List<ColumnMapping> mapping = new ArrayList<>();
        for (int i = 0; i < preview.headers().size(); i++) {
            String attribute = blankToNull(form.getFirst("attr." + i));
            String lookupBy = blankToNull(form.getFirst("lookup." + i));
            mapping.add(new ColumnMapping(i, preview.headers().get(i), attribute, lookupBy));
        }
        DuplicateHandling duplicates;
        try {
            duplicates = DuplicateHandling.valueOf(form.getOrDefault("duplicates", List.of("SKIP")).get(0));
        } catch (IllegalArgumentException e) {
            throw RapportException.invalid("duplicates must be SKIP, UPDATE or CREATE");
        }
        ImportOptions options = new ImportOptions(duplicates, form.containsKey("createMissingLookups"),
                blankToNull(form.getFirst("saveAs")));
        Ui ui = uis.create(locale);
        EntityMetadata e = ui.entity(job.entityName());
        String alert = mappingProblem(e, mapping, locale);
        if (alert == null) {
            try {
                imports.submit(id, mapping, options);
                return "redirect:/imports/" + id;
            } catch (RapportException failure) {
                alert = errors.message(failure, e, locale);
            }
        }
        model.addAttribute("alert", alert);
        return mappingPage(ui, job, preview, mapping, options, model);
    }

    /** The mapping page for a draft, with the mapping and options shown as given. */
    private String mappingPage(Ui ui, ImportJob job, ImportPreview preview, List<ColumnMapping> mapping,
            ImportOptions options, Model model) {
        model.addAttribute("job", JobView.of(job, ui));
        model.addAttribute("preview", preview);
        model.addAttribute("columns", columns(preview, mapping));
        model.addAttribute("attributes", attributes(ui.entity(job.entityName()), ui.locale()));
        model.addAttribute("dataMaps", imports.dataMaps(job.entityName()));
        model.addAttribute("options", options);
        return "imports/mapping";
    }

    /** What keeps the mapping from running, in the user's language, or null: nothing mapped, a field twice. */
    private String mappingProblem(EntityMetadata e, List<ColumnMapping> mapping, Locale locale) {
        if (mapping.stream().noneMatch(m -> m.attribute() != null)) {
            return message("import.nothingMapped", locale);
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (ColumnMapping m : mapping) {
            if (m.attribute() != null && !seen.add(m.attribute())) {
                String label = e.findAttribute(m.attribute()).map(a -> a.label(locale)).orElse(m.attribute());
                return message("import.mappedTwice", locale, label);
            }
        }
        return null;
    }

    @GetMapping("/imports/{id}")
    String progressPage(@PathVariable UUID id, Locale locale, Model model) {
        ImportJob job = job(id);
        if (job.status() == io.rapport.importing.ImportStatus.DRAFT) {
            return "redirect:/imports/" + id + "/mapping";
        }
        progressModel(job, locale, model);
        return "imports/progress";
    }

    /** The part of the progress page that refreshes itself every second until the job ends. */
    @GetMapping("/imports/{id}/progress")
    String progress(@PathVariable UUID id, Locale locale, Model model) {
        progressModel(job(id), locale, model);
        return "imports/progress :: progress";
    }

    @PostMapping("/imports/{id}/cancel")
    String cancel(@PathVariable UUID id) {
        imports.cancel(id);
        return "redirect:/imports/" + id;
    }

    @GetMapping("/imports/{id}/errors.csv")
    void errorReport(@PathVariable UUID id, jakarta.servlet.http.HttpServletResponse response) throws IOException {
        job(id);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"import-errors-" + id + ".csv\"");
        imports.writeErrorReport(id, response.getOutputStream());
    }

    private void progressModel(ImportJob job, Locale locale, Model model) {
        Ui ui = uis.create(locale);
        model.addAttribute("job", JobView.of(job, ui));
        List<ImportError> rejected = job.failed() > 0 && job.status().isFinal()
                ? imports.errors(job.id(), 1, ERRORS_SHOWN) : List.of();
        model.addAttribute("rejected", rejected);
    }

    private ImportJob job(UUID id) {
        return imports.job(id).orElseThrow(() -> RapportException.notFound("importjob", id));
    }

    private String message(String key, Locale locale, Object... args) {
        return errors.text(key, locale, args);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /**
     * Tables people do not import data into: the platform's own configuration (forms, views, security, rules,
     * maps), records the system writes (activity pointers and parties, system jobs, SLA timers, close activities)
     * and the organization's structure, which administrators keep on its own pages.
     */
    static final java.util.Set<String> NOT_IMPORTED = java.util.Set.of("activitypointer", "activityparty",
            "asyncoperation", "attributemap", "fieldpermission", "fieldsecurityprofile", "systemform", "savedquery",
            "userquery", "role", "duplicaterule", "duplicaterulecondition", "slakpiinstance", "queueitem",
            "opportunityclose", "quoteclose", "orderclose", "incidentresolution", "businessunit", "team",
            "systemuser", "transactioncurrency", "calendarrule", "annotation");

    /** Entities a file can be imported into, by their label in the user's language. */
    static List<Choice> importable(Ui ui, Locale locale) {
        Collator collator = Collator.getInstance(locale);
        return ui.snapshot().entities().stream().filter(e -> !e.isIntersect() && !NOT_IMPORTED.contains(e.logicalName()))
                .map(e -> new Choice(e.logicalName(), e.collectionLabel(locale), false))
                .sorted(Comparator.comparing(Choice::label, collator)).toList();
    }

    /** Attributes a column can go to, by label; lookups are marked so the page can offer how to match them. */
    static List<Choice> attributes(EntityMetadata e, Locale locale) {
        Collator collator = Collator.getInstance(locale);
        return e.attributes().stream()
                .filter(a -> !a.isManaged() && a.validForCreate() && !a.logicalName().equals(e.primaryIdAttribute()))
                .map(a -> new Choice(a.logicalName(), a.label(locale), a.type().isLookup()))
                .sorted(Comparator.comparing(Choice::label, collator)).toList();
    }

    /** Saved mappings are matched to this file's columns by header, so a reordered file maps the same. */
    static List<ColumnMapping> applySaved(List<ColumnMapping> proposed, List<ColumnMapping> saved) {
        Map<String, ColumnMapping> byHeader = new HashMap<>();
        saved.forEach(m -> byHeader.putIfAbsent(m.header() == null ? "" : m.header().trim().toLowerCase(Locale.ROOT),
                m));
        List<ColumnMapping> result = new ArrayList<>();
        for (ColumnMapping m : proposed) {
            ColumnMapping s = byHeader.get(m.header() == null ? "" : m.header().trim().toLowerCase(Locale.ROOT));
            result.add(s == null ? m : new ColumnMapping(m.column(), m.header(), s.attribute(), s.lookupBy()));
        }
        return result;
    }

    private static List<Column> columns(ImportPreview preview, List<ColumnMapping> mapping) {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < preview.headers().size(); i++) {
            int index = i;
            ColumnMapping m = i < mapping.size() ? mapping.get(i) : null;
            List<String> samples = preview.sampleRows().stream().limit(3)
                    .map(row -> index < row.size() ? row.get(index) : "").filter(v -> v != null && !v.isBlank())
                    .toList();
            columns.add(new Column(i, preview.headers().get(i), String.join(" · ", samples),
                    m == null ? null : m.attribute(), m == null ? null : m.lookupBy()));
        }
        return columns;
    }

    /** An option of a select. */
    record Choice(String value, String label, boolean lookup) {
    }

    /** One column of the file on the mapping page. */
    record Column(int index, String header, String samples, String attribute, String lookupBy) {
    }

    /** An import as its pages show it. */
    record JobView(UUID id, String entity, String entityLabel, String fileName, String status, boolean finished,
            boolean cancellable, int total, int processed, int created, int updated, int skipped, int failed,
            int percent, long rate, long etaSeconds, String message, String createdOn) {

        static JobView of(ImportJob j, Ui ui) {
            String label = ui.snapshot().findEntity(j.entityName()).map(e -> e.collectionLabel(ui.locale()))
                    .orElse(j.entityName());
            return new JobView(j.id(), j.entityName(), label, j.fileName(), j.status().name(), j.status().isFinal(),
                    !j.status().isFinal(), j.totalRows(), j.processedRows(), j.created(), j.updated(), j.skipped(),
                    j.failed(), j.percent(), Math.round(j.rowsPerSecond()), j.etaSeconds(), j.message(),
                    j.createdOn() == null ? "" : java.time.format.DateTimeFormatter.ofLocalizedDateTime(
                            java.time.format.FormatStyle.SHORT).withLocale(ui.locale()).withZone(ui.caller().zone())
                            .format(j.createdOn()));
        }
    }
}
