package org.enverify.code.bulk;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.enverify.platform.Refusal;
import org.enverify.platform.api.ErrorCode;

/**
 * An uploaded CSV: a header row naming the columns, then one code per line. Column names match
 * the issue API's fields, case-insensitively; unknown columns are refused so a typo is not silently
 * ignored. A line that does not fit its header becomes a row with its own error.
 */
final class BulkIssueFile {

    static final int MAX_BYTES = 20 * 1024 * 1024;
    static final int MAX_ROWS = 100_000;
    static final String TEMPLATE = "phone,testType,symptomDate,testDate,externalIssuerID\n,confirmed,2026-11-20,,\n";

    private static final Map<String, String> COLUMNS = Map.of(
            "phone", "phone",
            "testtype", "testType",
            "symptomdate", "symptomDate",
            "testdate", "testDate",
            "externalissuerid", "externalIssuerID");

    record Row(
            int line,
            String phone,
            String testType,
            String symptomDate,
            String testDate,
            String externalIssuerId,
            String problem) {}

    private BulkIssueFile() {}

    /** @throws Refusal about the {@code file} when it cannot be read as a CSV of codes as a whole */
    static List<Row> parse(byte[] content) {
        if (content.length == 0) {
            throw refused("the file is empty", "bulk.file.empty");
        }
        String text = utf8(content);
        if (text.indexOf('\0') >= 0) {
            throw refused("the file is not a CSV text file", "bulk.file.notText");
        }
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .setAllowMissingColumnNames(false)
                .get();
        try (CSVParser parser =
                CSVParser.parse(new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text), format)) {
            List<String> header = parser.getHeaderNames();
            for (String column : header) {
                if (!COLUMNS.containsKey(column.toLowerCase(Locale.ROOT))) {
                    String known = String.join(",", COLUMNS.values());
                    throw refused(
                            "unknown column '" + column + "'; use " + known, "bulk.file.unknownColumn", column, known);
                }
            }
            if (header.stream().noneMatch(column -> column.equalsIgnoreCase("testType"))) {
                throw refused("the header must name a testType column", "bulk.file.noTestType");
            }
            List<Row> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                if (rows.size() == MAX_ROWS) {
                    throw refused("a file holds at most " + MAX_ROWS + " codes", "bulk.file.tooManyRows", MAX_ROWS);
                }
                rows.add(row(record, header));
            }
            if (rows.isEmpty()) {
                throw refused("the file has a header but no codes", "bulk.file.noRows");
            }
            return rows;
        } catch (UncheckedIOException e) {
            // its message is the cause's toString(), which names the parser's exception class
            throw refused("the file is not valid CSV: " + e.getCause().getMessage(), "bulk.file.invalidCsv");
        } catch (IOException | IllegalStateException e) {
            throw refused("the file is not valid CSV: " + e.getMessage(), "bulk.file.invalidCsv");
        }
    }

    private static Row row(CSVRecord record, List<String> header) {
        int line = (int) record.getRecordNumber() + 1;
        if (!record.isConsistent()) {
            return new Row(
                    line,
                    null,
                    null,
                    null,
                    null,
                    null,
                    "line has " + record.size() + " fields, the header " + header.size());
        }
        return new Row(
                line,
                value(record, header, "phone"),
                value(record, header, "testType"),
                value(record, header, "symptomDate"),
                value(record, header, "testDate"),
                value(record, header, "externalIssuerID"),
                null);
    }

    private static String value(CSVRecord record, List<String> header, String column) {
        for (String name : header) {
            if (name.equalsIgnoreCase(column)) {
                String value = record.get(name);
                return value == null || value.isBlank() ? null : value;
            }
        }
        return null;
    }

    private static String utf8(byte[] content) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException e) {
            throw refused("the file is not UTF-8 text", "bulk.file.notUtf8");
        }
    }

    private static Refusal refused(String text, String messageKey, Object... arguments) {
        return Refusal.of(ErrorCode.UNPARSABLE_REQUEST, text).about("file").shown(messageKey, arguments);
    }
}
