package io.rapport.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.Order;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Imports of messy CSV and Excel files: good rows arrive with the right values, bad rows land in the report. */
abstract class ImportTest {

    @OnH2
    static class H2 extends ImportTest {
    }

    @OnPostgres
    static class Postgres extends ImportTest {
    }

    @Autowired
    ImportService imports;

    @Autowired
    OrganizationService org;

    private final String run = UUID.randomUUID().toString().substring(0, 6);

    @Test
    void purchasedListOfLeadsWithMessyData() throws Exception {
        String csv = String.join("\r\n",
                "Topic,First Name,Last Name,Email,Company Name,Lead Source,Est. Value,Est. Close Date",
                "Laptops " + run + ",Peter,Parker,peter@wipro.example,\"Wipro, Ltd.\",Purchased List,\"12,500.50\",2027-03-31",
                "Chairs " + run + ",José,Müller,jose@example.com,Zürich Möbel,Trade Show,900,2027-01-15",
                "Phones " + run + ",Ana,,ana@example.com,Acme,Web,10,",
                "Desks " + run + ",Bob,Brown,not-an-email,Acme,Web,10,",
                "Lamps " + run + ",Zoë,Smith,zoe@example.com,Acme,Carrier Pigeon,10,",
                "Pens " + run + ",Li,Wei,li@example.com,Acme,feria comercial,abc,",
                "",
                "Cups " + run + ",Eve,Adams,eve@example.com,Acme,web,\"1.234,5\",31/12/2027");
        ImportJob job = imports.start("lead", "purchased.csv", csv.getBytes(StandardCharsets.UTF_8), null,
                ImportOptions.defaults());
        assertThat(job.totalRows()).isEqualTo(7);
        ImportJob done = ImportTestSupport.awaitEnd(imports, job.id(), Duration.ofSeconds(60));
        assertThat(done.status()).isEqualTo(ImportStatus.COMPLETED);
        assertThat(done.created()).isEqualTo(3);
        assertThat(done.failed()).isEqualTo(4);
        assertThat(done.processedRows()).isEqualTo(7);

        Map<String, Entity> leads = leads();
        assertThat(leads).containsOnlyKeys("Laptops " + run, "Chairs " + run, "Cups " + run);
        Entity peter = leads.get("Laptops " + run);
        assertThat(peter.attributes()).containsEntry("companyname", "Wipro, Ltd.").containsEntry("leadsourcecode", 14)
                .containsEntry("emailaddress1", "peter@wipro.example");
        assertThat(peter.getDecimal("estimatedamount")).isEqualByComparingTo("12500.50");
        assertThat(leads.get("Chairs " + run).getString("fullname")).isEqualTo("José Müller");
        assertThat(leads.get("Chairs " + run).getString("companyname")).isEqualTo("Zürich Möbel");
        assertThat(leads.get("Cups " + run).getDecimal("estimatedamount")).isEqualByComparingTo("1234.5");

        List<ImportError> errors = imports.errors(job.id(), 1, 50);
        assertThat(errors).extracting(ImportError::lineNumber).containsExactly(4, 5, 6, 7);
        assertThat(errors.get(0).column()).isEqualTo("Last Name");
        assertThat(errors.get(0).reason()).contains("required");
        assertThat(errors.get(1).column()).isEqualTo("Email");
        assertThat(errors.get(2).column()).isEqualTo("Lead Source");
        assertThat(errors.get(2).reason()).contains("Carrier Pigeon");
        assertThat(errors.get(3).column()).isEqualTo("Est. Value");

        ByteArrayOutputStream report = new ByteArrayOutputStream();
        imports.writeErrorReport(job.id(), report);
        List<String> lines = report.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).isEqualTo("line,column,reason,values");
        assertThat(lines.get(1)).startsWith("4,Last Name,");
    }

    @Test
    void aNulByteRejectsOnlyItsRowAndTheReportShowsNoSql() throws Exception {
        String csv = "Account Name,Address 1: City\r\nGood " + run + ",Lisbon\r\nBad\0 " + run + ",Porto\r\n"
                + "Also good " + run + ",Faro\r\n";
        ImportJob job = imports.start("account", "nul.csv", csv.getBytes(StandardCharsets.UTF_8), null,
                ImportOptions.defaults());
        ImportJob done = ImportTestSupport.awaitEnd(imports, job.id(), Duration.ofSeconds(60));
        assertThat(done.status()).isEqualTo(ImportStatus.COMPLETED);
        assertThat(done.message()).isNull();
        assertThat(done.created()).isEqualTo(2);
        assertThat(done.failed()).isEqualTo(1);
        List<ImportError> errors = imports.errors(job.id(), 1, 10);
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).lineNumber()).isEqualTo(3);
        assertThat(errors.get(0).column()).isEqualTo("Account Name");
        assertThat(errors.get(0).reason()).isEqualTo("The value contains a NUL character (U+0000), which text "
                + "cannot hold.");
        assertThat(errors.get(0).rawValues()).contains("Bad\u2400 " + run);
    }

    @Test
    void theErrorReportDefusesFormulasFromTheFile() throws Exception {
        String csv = String.join("\r\n",
                "Topic,Last Name,Email,Est. Value",
                "=HYPERLINK(\"http://evil.example\") " + run + ",Smith,x@example.com,=1+2",
                "@SUM(A1) " + run + ",,y@example.com,10",
                "+cmd " + run + ",Jones,y@example.com,-cmd|' /C calc'!A0",
                "\tTabbed " + run + ",Brown,not-an-email,10");
        ImportJob done = ImportTestSupport.awaitEnd(imports, imports.start("lead", "formulas.csv",
                csv.getBytes(StandardCharsets.UTF_8), null, ImportOptions.defaults()).id(), Duration.ofSeconds(60));
        assertThat(done.failed()).isEqualTo(4);
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        imports.writeErrorReport(done.id(), report);
        List<List<String>> rows = new java.util.ArrayList<>();
        try (var reader = de.siegmar.fastcsv.reader.CsvReader.builder().ofCsvRecord(report.toString(
                StandardCharsets.UTF_8))) {
            reader.forEach(r -> rows.add(r.getFields()));
        }
        assertThat(rows).hasSize(5);
        for (List<String> row : rows.subList(1, rows.size())) {
            for (String cell : row) {
                assertThat(cell).as("a cell a spreadsheet would run").doesNotMatch("(?s)^[=+\\-@\t\r].*");
            }
        }
        assertThat(rows.get(1).get(3)).startsWith("'=HYPERLINK(\"http://evil.example\") " + run);
        assertThat(rows.get(4).get(3)).startsWith("'\tTabbed " + run);
    }

    @Test
    void duplicatesAreSkippedOrUpdateTheExistingRecordByTheDuplicateRules() throws Exception {
        org.create(new Entity("lead").set("subject", "Existing " + run).set("lastname", "Old")
                .set("emailaddress1", "dup-" + run + "@example.com"));
        String csv = "Topic,Last Name,Email\n"
                + "Fresh " + run + ",New,fresh-" + run + "@example.com\n"
                + "Again " + run + ",New,FRESH-" + run + "@example.com\n"
                + "Known " + run + ",Newer,dup-" + run + "@example.com\n";
        ImportJob skip = ImportTestSupport.awaitEnd(imports, imports.start("lead", "dups.csv",
                csv.getBytes(StandardCharsets.UTF_8), null, ImportOptions.defaults()).id(), Duration.ofSeconds(60));
        assertThat(skip.created()).isEqualTo(1);
        assertThat(skip.skipped()).isEqualTo(2);
        assertThat(imports.errors(skip.id(), 1, 10)).extracting(ImportError::reason)
                .containsExactly("Skipped: duplicate of an earlier row of the file",
                        org.retrieveMultiple(QueryExpression.from("lead").columns(ColumnSet.none())
                                .where(Condition.eq("emailaddress1", "dup-" + run + "@example.com")).build())
                                .entities().stream().map(e -> "Skipped: duplicate of an existing record (" + e.id() + ")")
                                .findFirst().orElseThrow());

        ImportJob update = ImportTestSupport.awaitEnd(imports, imports.start("lead", "dups.csv",
                csv.getBytes(StandardCharsets.UTF_8), null, new ImportOptions(DuplicateHandling.UPDATE, false, null))
                .id(), Duration.ofSeconds(60));
        assertThat(update.updated()).isEqualTo(3);
        assertThat(update.created()).isZero();
        // "Fresh" and "Again" both update the lead the first import created; "Known" updates the older one
        assertThat(leads()).containsOnlyKeys("Again " + run, "Known " + run);
    }

    @Test
    void aVCardFileBecomesContacts() throws Exception {
        String vcf = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nN:Lovelace " + run + ";Ada;;;\r\n"
                + "EMAIL;TYPE=WORK:ada@example.com\r\nTEL;TYPE=CELL:+44 3\r\nBDAY:1815-12-10\r\n"
                + "ADR;TYPE=WORK:;;12 St James's Square;London;;SW1Y 4JH;UK\r\nEND:VCARD\r\n"
                + "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Grace Hopper\r\nN:Hopper " + run + ";Grace;;;\r\n"
                + "TITLE:Rear Admiral\r\nEND:VCARD\r\n";
        assertThat(imports.preview("contact", "contacts.vcf", vcf.getBytes(StandardCharsets.UTF_8)).format())
                .isEqualTo("vcf");
        ImportJob job = imports.start("contact", "contacts.vcf", vcf.getBytes(StandardCharsets.UTF_8), null,
                ImportOptions.defaults());
        ImportJob done = ImportTestSupport.awaitEnd(imports, job.id(), Duration.ofSeconds(60));
        assertThat(done.created()).as(String.valueOf(imports.errors(job.id(), 1, 10))).isEqualTo(2);
        List<Entity> contacts = org.retrieveMultiple(QueryExpression.from("contact")
                .select("firstname", "lastname", "emailaddress1", "mobilephone", "birthdate", "address1_city",
                        "jobtitle")
                .where(Condition.of("lastname", ConditionOperator.ENDS_WITH, run)).orderBy(Order.asc("lastname"))
                .build()).entities();
        assertThat(contacts).extracting(c -> c.getString("firstname")).containsExactly("Grace", "Ada");
        assertThat(contacts.get(1).getString("emailaddress1")).isEqualTo("ada@example.com");
        assertThat(contacts.get(1).getString("mobilephone")).isEqualTo("+44 3");
        assertThat(contacts.get(1).get("birthdate")).isEqualTo(java.time.LocalDate.of(1815, 12, 10));
        assertThat(contacts.get(1).getString("address1_city")).isEqualTo("London");
        assertThat(contacts.get(0).getString("jobtitle")).isEqualTo("Rear Admiral");
    }

    @Test
    void windows1252FileWithSemicolonsIsDecoded() throws Exception {
        String csv = "Account Name;Address 1: City;Number of Employees\r\nCafé Société " + run + ";São Paulo;1.200\r\n";
        ImportJob job = imports.start("account", "legacy.csv", csv.getBytes(Charset.forName("windows-1252")), null,
                ImportOptions.defaults());
        ImportJob done = ImportTestSupport.awaitEnd(imports, job.id(), Duration.ofSeconds(60));
        assertThat(done.created()).as(String.valueOf(imports.errors(job.id(), 1, 10))).isEqualTo(1);
        Entity account = org.retrieveMultiple(QueryExpression.from("account")
                .select("name", "address1_city", "numberofemployees")
                .where(Condition.of("name", ConditionOperator.ENDS_WITH, run)).build()).entities().get(0);
        assertThat(account.getString("name")).isEqualTo("Café Société " + run);
        assertThat(account.getString("address1_city")).isEqualTo("São Paulo");
        assertThat(account.get("numberofemployees")).isEqualTo(1200);
    }

    @Test
    void excelContactsLinkOrCreateTheirCompany() throws Exception {
        org.create(new Entity("account").set("name", "Existing " + run));
        byte[] xlsx;
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = wb.createSheet("Contacts");
            String[][] rows = {{"First Name", "Last Name", "Company Name", "Annual income (ignored)"},
                {"Ana", "Lima " + run, "Existing " + run, "10"}, {"Rui", "Costa " + run, "New Co " + run, "20"}};
            for (int r = 0; r < rows.length; r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            wb.write(out);
            xlsx = out.toByteArray();
        }
        ImportPreview preview = imports.preview("contact", "contacts.xlsx", xlsx);
        assertThat(preview.format()).isEqualTo("xlsx");
        assertThat(preview.proposedMapping()).extracting(ColumnMapping::attribute)
                .containsExactly("firstname", "lastname", "parentcustomerid", null);
        ImportJob job = imports.start("contact", "contacts.xlsx", xlsx, null,
                new ImportOptions(DuplicateHandling.SKIP, true, "contacts-" + run));
        ImportJob done = ImportTestSupport.awaitEnd(imports, job.id(), Duration.ofSeconds(60));
        assertThat(done.created()).as(String.valueOf(imports.errors(job.id(), 1, 10))).isEqualTo(2);
        Map<String, String> companies = org.retrieveMultiple(QueryExpression.from("contact")
                .select("lastname", "parentcustomerid").where(Condition.of("lastname", ConditionOperator.ENDS_WITH, run))
                .build()).entities().stream().collect(Collectors.toMap(e -> e.getString("lastname"),
                        e -> e.getReference("parentcustomerid").name()));
        assertThat(companies).containsEntry("Lima " + run, "Existing " + run).containsEntry("Costa " + run, "New Co " + run);
        assertThat(org.retrieveMultiple(QueryExpression.from("account").columns(ColumnSet.none())
                .where(Condition.eq("name", "Existing " + run)).build()).entities()).hasSize(1);
        assertThat(imports.dataMap("contacts-" + run)).hasValueSatisfying(m -> assertThat(m).hasSize(4));
    }

    @Test
    void exportWritesEveryPageWithFormattedValues() throws Exception {
        for (int i = 0; i < 45; i++) {
            org.create(new Entity("account").set("name", String.format("Export %s %02d", run, i)).set("industrycode", 18)
                    .set("revenue", new BigDecimal("1000.5")));
        }
        QueryExpression q = QueryExpression.from("account").select("name", "industrycode", "revenue")
                .where(Condition.of("name", ConditionOperator.BEGINS_WITH, "Export " + run))
                .orderBy(Order.asc("name")).build();
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        assertThat(new ExportRunner(exports).csv(q, csv)).isEqualTo(45);
        List<String> lines = csv.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(46);
        assertThat(lines.get(0)).isEqualTo("\uFEFFAccount Name,Industry,Annual Revenue");
        assertThat(lines.get(1)).isEqualTo("Export " + run + " 00,Technology,1000.5");
        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        assertThat(exports.export(q, ExportFormat.XLSX, xlsx)).isEqualTo(45);
        try (XSSFWorkbook wb = new XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx.toByteArray()))) {
            assertThat(wb.getSheetAt(0).getLastRowNum()).isEqualTo(45);
            assertThat(wb.getSheetAt(0).getRow(45).getCell(0).getStringCellValue()).isEqualTo("Export " + run + " 44");
            assertThat(wb.getSheetAt(0).getRow(1).getCell(2).getNumericCellValue()).isEqualTo(1000.5);
        }
    }

    @Autowired
    ExportService exports;

    private record ExportRunner(ExportService exports) {
        long csv(QueryExpression q, ByteArrayOutputStream out) throws java.io.IOException {
            return exports.export(q, ExportFormat.CSV, out);
        }
    }

    private Map<String, Entity> leads() {
        return org.retrieveMultiple(QueryExpression.from("lead")
                .select("subject", "fullname", "companyname", "leadsourcecode", "emailaddress1", "estimatedamount",
                        "estimatedclosedate")
                .where(Condition.of("subject", ConditionOperator.ENDS_WITH, run)).build()).entities().stream()
                .collect(Collectors.toMap(e -> e.getString("subject"), e -> e));
    }
}
