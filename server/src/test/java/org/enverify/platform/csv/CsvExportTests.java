package org.enverify.platform.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvExportTests {

    private static final CSVFormat FORMAT =
            CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"https://a.example\")"})
    @Tag("security")
    void textASpreadsheetWouldRunIsWrittenWithAnApostrophe(String cell) {
        StringBuilder out = new StringBuilder();
        try (CsvExport export = CsvExport.to(out, FORMAT)) {
            export.row("lab", cell);
        }
        assertThat(out.toString()).isEqualTo(plain(FORMAT, List.of(List.of("lab", "'" + cell))));
    }

    @Test
    void numbersAndOrdinaryTextAreWrittenExactlyAsTheFormatWritesThem() {
        List<List<Object>> rows = List.of(
                List.of("2026-12-01", 42L, -1, 0.5, "a,b", "say \"hi\"", "1|2|3"),
                List.of("2026-11-30", Instant.parse("2026-11-30T10:00:00Z"), -12L, "", "plain", "x", "0"));
        CSVFormat withHeader =
                FORMAT.builder().setHeader("a", "b", "c", "d", "e", "f", "g").get();
        StringBuilder out = new StringBuilder();
        try (CsvExport export = CsvExport.to(out, withHeader)) {
            rows.forEach(export::row);
        }
        assertThat(out.toString()).isEqualTo(plain(withHeader, rows));
        assertThat(out.toString()).contains(",-1,", ",-12,");
    }

    /** What commons-csv writes without the neutralising. */
    private static String plain(CSVFormat format, List<List<Object>> rows) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            for (List<Object> row : rows) {
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toString();
    }
}
