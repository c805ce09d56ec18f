package io.rapport.importing.internal;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * Streams the rows of a CSV file (FastCSV), of the first sheet of an Excel file (POI's SAX event model) or of the
 * cards of a vCard file (contacts; ez-vcard through the contactsync module), never holding the whole file in memory.
 */
final class TabularReader {

    private TabularReader() {
    }

    static void read(FileShape shape, InputStream in, RowHandler handler) throws IOException {
        if (FileShape.XLSX.equals(shape.format())) {
            readXlsx(in, handler);
        } else if (FileShape.VCF.equals(shape.format())) {
            // contacts from a .vcf file: one row per card, headed by the contact attributes it maps to
            io.rapport.contactsync.VCards.read(in, handler::row);
        } else {
            readCsv(shape, in, handler);
        }
    }

    private static void readCsv(FileShape shape, InputStream in, RowHandler handler) throws IOException {
        InputStreamReader reader = new InputStreamReader(new BufferedInputStream(in), shape.charset());
        try (CsvReader<CsvRecord> csv = CsvReader.builder().fieldSeparator(shape.delimiter()).quoteCharacter('"')
                .skipEmptyLines(true).allowExtraFields(true).allowMissingFields(true).detectBomHeader(true)
                .ofCsvRecord(reader)) {
            for (CsvRecord record : csv) {
                if (!handler.row((int) record.getStartingLineNumber(), record.getFields())) {
                    return;
                }
            }
        }
    }

    private static void readXlsx(InputStream in, RowHandler handler) throws IOException {
        try (OPCPackage pkg = OPCPackage.open(in)) {
            XSSFReader xssf = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) xssf.getSheetsData();
            if (!sheets.hasNext()) {
                return;
            }
            try (InputStream sheet = sheets.next()) {
                XMLReader parser = XMLHelper.newXMLReader();
                RowCollector collector = new RowCollector(handler);
                parser.setContentHandler(new XSSFSheetXMLHandler(xssf.getStylesTable(), null, strings, collector,
                        new org.apache.poi.ss.usermodel.DataFormatter(java.util.Locale.ROOT), false));
                try {
                    parser.parse(new InputSource(sheet));
                } catch (StopReading stop) {
                    // the handler asked to stop
                }
            }
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("The Excel file cannot be read: " + e.getMessage(), e);
        }
    }

    /** Thrown through the SAX parser to stop reading early. */
    private static final class StopReading extends RuntimeException {
        StopReading() {
            super(null, null, false, false);
        }
    }

    /** Turns POI's cell events into rows of strings, filling skipped (empty) cells. */
    private static final class RowCollector implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final RowHandler handler;
        private List<String> row;

        RowCollector(RowHandler handler) {
            this.handler = handler;
        }

        @Override
        public void startRow(int rowNum) {
            row = new ArrayList<>();
        }

        @Override
        public void endRow(int rowNum) {
            boolean empty = row.stream().allMatch(v -> v == null || v.isBlank());
            if (!empty && !handler.row(rowNum + 1, row)) {
                throw new StopReading();
            }
        }

        @Override
        public void cell(String reference, String formattedValue, XSSFComment comment) {
            int column = new CellReference(reference).getCol();
            while (row.size() < column) {
                row.add("");
            }
            row.add(formattedValue == null ? "" : formattedValue);
        }
    }
}
