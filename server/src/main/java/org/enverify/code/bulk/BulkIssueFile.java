package org.enverify.code.bulk;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.enverify.code.Codes;
import org.enverify.platform.Refusal;
import org.enverify.platform.api.ErrorCode;

/**
 * An uploaded CSV of codes, one person per line, in either of two formats. Ours starts with a header row
 * naming the columns, the issue API's fields, case-insensitively; an unknown column is refused so a typo
 * is not silently ignored. Without such a header the file is read as the upstream server's bulk-issue
 * page reads it: positional columns {@code phone,testDate,symptomDate,testType,,,uuid,status,error}, of
 * which only the phone is required (the last three are what upstream's result log adds, so a log can be
 * uploaded again). Every line needs a phone number that the realm can send to, since a bulk code reaches
 * its person only by SMS; a line that cannot be read refuses the whole file, naming the line, so that
 * nothing is issued from a file that is not what its uploader thinks it is.
 */
final class BulkIssueFile {

    static final int MAX_BYTES = 20 * 1024 * 1024;
    static final int MAX_ROWS = 100_000;
    /** Refused lines named in a refusal; the refusal counts them all. */
    static final int MAX_LISTED_LINES = 20;

    /** The header of our format, as the template and the retry file write it. */
    static final String[] HEADER = {"phone", "testType", "symptomDate", "testDate", "externalIssuerID"};

    /** The template: the header and one sample line with every column filled, its dates in the allowed range. */
    static String template(LocalDate today) {
        return String.join(",", HEADER) + "\n+12065550100,confirmed," + today.minusDays(1) + "," + today
                + ",case-0001\n";
    }

    private static final Map<String, String> COLUMNS = Map.of(
            "phone", "phone",
            "testtype", "testType",
            "symptomdate", "symptomDate",
            "testdate", "testDate",
            "externalissuerid", "externalIssuerID");

    /** Upstream's positional columns; the two between testType and uuid are always empty in its log. */
    private static final int PHONE = 0;

    private static final int TEST_DATE = 1;
    private static final int SYMPTOM_DATE = 2;
    private static final int TEST_TYPE = 3;
    private static final int UUID_FIELD = 6;
    private static final int STATUS = 7;
    private static final int UPSTREAM_FIELDS = 9;
    private static final String UPSTREAM_DEFAULT_TEST_TYPE = "confirmed";

    /**
     * One line to issue.
     *
     * @param phone in E.164
     * @param uuid the line's own uuid for its code (upstream's format), or null to derive one
     */
    record Row(
            int line,
            String phone,
            String testType,
            String symptomDate,
            String testDate,
            String externalIssuerId,
            UUID uuid) {}

    private BulkIssueFile() {}

    /**
     * The lines to issue. Lines of upstream's result log whose status says they were issued are left out.
     *
     * @param phones reads a phone as the realm does: E.164, or a {@code phone_number_invalid} refusal
     * @throws Refusal about the {@code file} when it cannot be read as a CSV of codes, with one more refusal
     *     about each refused line (up to {@value #MAX_LISTED_LINES}); nothing may be stored then
     */
    static List<Row> parse(byte[] content, UnaryOperator<String> phones) {
        if (content.length == 0) {
            throw refused("the file is empty", "bulk.file.empty");
        }
        String text = utf8(content);
        if (text.indexOf('\0') >= 0) {
            throw refused("the file is not a CSV text file", "bulk.file.notText");
        }
        // empty lines are read (and skipped below) so that record numbers stay line numbers
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setTrim(true)
                .setIgnoreEmptyLines(false)
                .get();
        try (CSVParser parser =
                CSVParser.parse(new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text), format)) {
            Lines lines = null;
            for (CSVRecord record : parser) {
                if (record.size() == 1 && record.get(0).isEmpty()) {
                    continue;
                }
                if (lines == null) {
                    lines = header(record)
                            .<Lines>map(columns -> new OurLines(columns, phones))
                            .orElseGet(() -> new UpstreamLines(phones));
                    if (lines instanceof OurLines) {
                        continue;
                    }
                }
                if (lines.read == MAX_ROWS) {
                    throw refused("a file holds at most " + MAX_ROWS + " codes", "bulk.file.tooManyRows", MAX_ROWS);
                }
                lines.read++;
                lines.add(record);
            }
            if (lines == null) {
                throw refused("the file is empty", "bulk.file.empty");
            }
            return lines.rows();
        } catch (UncheckedIOException e) {
            // its message is the cause's toString(), which names the parser's exception class
            throw refused("the file is not valid CSV: " + e.getCause().getMessage(), "bulk.file.invalidCsv");
        } catch (IOException | IllegalStateException e) {
            throw refused("the file is not valid CSV: " + e.getMessage(), "bulk.file.invalidCsv");
        }
    }

    /** Our header: a first row naming at least one of our columns, all of them known, testType and phone among them. */
    private static Optional<List<String>> header(CSVRecord first) {
        List<String> cells = first.toList();
        if (cells.stream().noneMatch(cell -> COLUMNS.containsKey(cell.toLowerCase(Locale.ROOT)))) {
            return Optional.empty();
        }
        List<String> columns = new ArrayList<>();
        for (String cell : cells) {
            String column = COLUMNS.get(cell.toLowerCase(Locale.ROOT));
            if (column == null) {
                String known = String.join(",", COLUMNS.values());
                throw refused("unknown column '" + cell + "'; use " + known, "bulk.file.unknownColumn", cell, known);
            }
            if (columns.contains(column)) {
                throw refused("the header names " + column + " twice", "bulk.file.repeatedColumn", column);
            }
            columns.add(column);
        }
        if (!columns.contains("testType")) {
            throw refused("the header must name a testType column", "bulk.file.noTestType");
        }
        if (!columns.contains("phone")) {
            throw refused(
                    "the header must name a phone column: a bulk code reaches its person by SMS",
                    "bulk.file.noPhoneColumn");
        }
        return Optional.of(columns);
    }

    /** The lines of one file as they are read, and the refusals of the lines that cannot be issued. */
    private abstract static class Lines {

        private final UnaryOperator<String> phones;
        private final List<Row> rows = new ArrayList<>();
        private final List<Refusal> refusedLines = new ArrayList<>();
        private int refusedCount;
        int read;

        Lines(UnaryOperator<String> phones) {
            this.phones = phones;
        }

        abstract void add(CSVRecord record);

        void add(Row row) {
            rows.add(row);
        }

        /** The phone in E.164, or null when the line is refused for it. */
        String phone(int line, String text) {
            if (text == null) {
                refuse(line, "no phone number: a bulk code reaches its person by SMS", "bulk.line.noPhone");
                return null;
            }
            try {
                return phones.apply(text);
            } catch (Refusal notAPhone) {
                refuse(line, "the phone number is not valid", "bulk.line.badPhone");
                return null;
            }
        }

        void refuse(int line, String text, String messageKey, Object... arguments) {
            refusedCount++;
            if (refusedLines.size() < MAX_LISTED_LINES) {
                Object[] withLine = new Object[arguments.length + 1];
                withLine[0] = line;
                System.arraycopy(arguments, 0, withLine, 1, arguments.length);
                refusedLines.add(Refusal.of(ErrorCode.UNPARSABLE_REQUEST, text)
                        .about("line " + line)
                        .shown(messageKey, withLine));
            }
        }

        abstract String noRowsText();

        abstract String noRowsKey();

        List<Row> rows() {
            if (refusedCount > 0) {
                List<Refusal> parts = new ArrayList<>();
                parts.add(refused(
                        refusedCount + " lines cannot be issued, so none was; fix them and upload the file again",
                        "bulk.file.refusedLines",
                        refusedCount));
                parts.addAll(refusedLines);
                throw Refusal.ofEach(ErrorCode.UNPARSABLE_REQUEST, parts);
            }
            if (rows.isEmpty()) {
                throw refused(noRowsText(), noRowsKey());
            }
            return List.copyOf(rows);
        }
    }

    private static final class OurLines extends Lines {

        private final List<String> columns;

        OurLines(List<String> columns, UnaryOperator<String> phones) {
            super(phones);
            this.columns = columns;
        }

        @Override
        void add(CSVRecord record) {
            int line = (int) record.getRecordNumber();
            if (record.size() != columns.size()) {
                refuse(
                        line,
                        "the line has " + record.size() + " fields, the header " + columns.size(),
                        "bulk.line.fieldCount",
                        record.size(),
                        columns.size());
                return;
            }
            String phone = phone(line, value(record, "phone"));
            if (phone != null) {
                add(new Row(
                        line,
                        phone,
                        value(record, "testType"),
                        value(record, "symptomDate"),
                        value(record, "testDate"),
                        value(record, "externalIssuerID"),
                        null));
            }
        }

        private String value(CSVRecord record, String column) {
            int index = columns.indexOf(column);
            return index < 0 ? null : blankToNull(record.get(index));
        }

        @Override
        String noRowsText() {
            return "the file has a header but no codes";
        }

        @Override
        String noRowsKey() {
            return "bulk.file.noRows";
        }
    }

    private static final class UpstreamLines extends Lines {

        private final Set<UUID> uuids = new HashSet<>();

        UpstreamLines(UnaryOperator<String> phones) {
            super(phones);
        }

        @Override
        void add(CSVRecord record) {
            int line = (int) record.getRecordNumber();
            // upstream writes a log line's error text unquoted, so it may hold commas of its own
            if (record.size() > UPSTREAM_FIELDS && field(record, STATUS) == null) {
                refuse(
                        line,
                        "the line has " + record.size() + " fields; without a header a line has at most "
                                + UPSTREAM_FIELDS + ": phone,testDate,symptomDate,testType,,,uuid,status,error",
                        "bulk.line.tooManyFields",
                        record.size(),
                        UPSTREAM_FIELDS);
                return;
            }
            String uuidText = field(record, UUID_FIELD);
            UUID uuid = uuidText == null ? null : Codes.parseUuid(uuidText).orElse(null);
            if (uuidText != null && uuid == null) {
                refuse(line, "the uuid field holds no UUID", "bulk.line.badUuid");
                return;
            }
            if (issuedBefore(field(record, STATUS), uuid)) {
                return;
            }
            if (uuid != null && !uuids.add(uuid)) {
                refuse(line, "uuid " + uuid + " is on an earlier line too", "bulk.line.repeatedUuid", uuid.toString());
                return;
            }
            String phone = phone(line, field(record, PHONE));
            if (phone != null) {
                String testType = field(record, TEST_TYPE);
                add(new Row(
                        line,
                        phone,
                        testType == null ? UPSTREAM_DEFAULT_TEST_TYPE : testType,
                        field(record, SYMPTOM_DATE),
                        field(record, TEST_DATE),
                        null,
                        uuid));
            }
        }

        /** A line of upstream's result log that its status marks as done: upstream skips it on a retry. */
        private static boolean issuedBefore(String status, UUID uuid) {
            return "success".equals(status) || ("uuid_already_exists".equals(status) && uuid != null);
        }

        private static String field(CSVRecord record, int index) {
            return index < record.size() ? blankToNull(record.get(index)) : null;
        }

        @Override
        String noRowsText() {
            return "the file has no line to issue: every line is empty or, by its status, was issued before";
        }

        @Override
        String noRowsKey() {
            return "bulk.file.nothingToIssue";
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
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
