package io.rapport.importing.internal;

import de.siegmar.fastcsv.writer.CsvWriter;
import io.rapport.cluster.ReplicaReads;
import io.rapport.importing.ExportFormat;
import io.rapport.importing.ExportService;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataService;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.PagingInfo;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityCollection;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.stereotype.Service;

/** Streams a query's rows, page by page, to CSV (FastCSV) or Excel (POI's streaming workbook). */
@Service
class DefaultExportService implements ExportService {

    static final int PAGE = 2000;

    private final OrganizationService organization;
    private final MetadataService metadata;
    private final CallerProvider callers;
    private final ReplicaReads replica;

    DefaultExportService(OrganizationService organization, MetadataService metadata, CallerProvider callers,
            ReplicaReads replica) {
        this.replica = replica;
        this.organization = organization;
        this.metadata = metadata;
        this.callers = callers;
    }

    /** Receives the rows of the export. */
    private interface Sink {
        void row(List<Object> values) throws IOException;
    }

    @Override
    public void check(QueryExpression query) {
        EntityMetadata entity = metadata.snapshot().entity(query.entityName());
        columns(entity, query.columns());
        query.orders().forEach(o -> entity.attribute(o.attribute()));
    }

    @Override
    public long export(QueryExpression query, ExportFormat format, OutputStream out) throws IOException {
        return export(query, format, callers.current().locale(), out);
    }

    @Override
    public long export(QueryExpression query, ExportFormat format, java.util.Locale locale, OutputStream out)
            throws IOException {
        EntityMetadata entity = metadata.snapshot().entity(query.entityName());
        List<AttributeMetadata> columns = columns(entity, query.columns());
        String language = locale.toLanguageTag();
        OrganizationService organization = this.organization.as(callers.current().withLanguage(language));
        List<Object> headers = new ArrayList<>(columns.stream().map(a -> (Object) a.label(locale)).toList());
        if (format == ExportFormat.CSV) {
            // spreadsheet programs read a CSV file as UTF-8 only when it starts with a byte order mark
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            CsvWriter csv = CsvWriter.builder().build(out, StandardCharsets.UTF_8);
            long rows = write(organization, query, columns, headers, values -> csv.writeRecord(values.stream()
                    .map(v -> v == null ? "" : v instanceof Number ? v.toString()
                            : SpreadsheetText.defuse(v.toString())).toList()));
            csv.flush();
            return rows;
        }
        SXSSFWorkbook workbook = new SXSSFWorkbook(100);
        try {
            Sheet sheet = workbook.createSheet(entity.collectionLabel(locale));
            int[] index = {0};
            long rows = write(organization, query, columns, headers, values -> {
                Row row = sheet.createRow(index[0]++);
                for (int i = 0; i < values.size(); i++) {
                    Object v = values.get(i);
                    if (v instanceof Number n) {
                        row.createCell(i).setCellValue(n instanceof BigDecimal b ? b.doubleValue() : n.doubleValue());
                    } else if (v != null) {
                        row.createCell(i).setCellValue(v.toString());
                    }
                }
            });
            workbook.write(out);
            return rows;
        } finally {
            workbook.dispose();
            workbook.close();
        }
    }

    private long write(OrganizationService organization, QueryExpression query,
            List<AttributeMetadata> columns, List<Object> headers, Sink sink) throws IOException {
        sink.row(headers);
        long rows = 0;
        QueryExpression.Builder q = query.toBuilder().columns(ColumnSet.of(columns.stream()
                .map(AttributeMetadata::logicalName).toList())).top(null);
        String cookie = null;
        for (int page = 1; ; page++) {
            // the paging cookie lets the store seek past the previous page instead of counting an offset
            // each page may come from the read replica once it has caught up with the primary
            QueryExpression pageQuery = q.paging(new PagingInfo(page, PAGE, cookie, false)).build();
            EntityCollection result = replica.read(() -> organization.retrieveMultiple(pageQuery));
            for (Entity e : result.entities()) {
                List<Object> values = new ArrayList<>(columns.size());
                for (AttributeMetadata a : columns) {
                    values.add(cell(e, a));
                }
                sink.row(values);
                rows++;
            }
            if (!result.moreRecords()) {
                return rows;
            }
            cookie = result.pagingCookie();
        }
    }

    /** The cell the attribute's type writes: numbers stay numbers, the rest is the formatted value people read. */
    private static Object cell(Entity e, AttributeMetadata a) {
        Object value = e.get(a.logicalName());
        return value == null ? null : a.type().writeCell(a, value, e.formattedValues().get(a.logicalName()));
    }

    private static List<AttributeMetadata> columns(EntityMetadata entity, ColumnSet columns) {
        // write-only values (passwords) are never exported: not even as an empty column
        if (!columns.allColumns() && !columns.columns().isEmpty()) {
            return columns.columns().stream().map(entity::attribute).filter(AttributeMetadata::isReadable).toList();
        }
        return entity.attributes().stream().filter(a -> a.isReadable() && !a.isManaged()
                && !a.logicalName().equals(entity.primaryIdAttribute())).toList();
    }
}
