package org.enverify.account.web;

import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.enverify.account.RealmMember;
import org.enverify.platform.csv.CsvExport;
import org.enverify.realm.Permission;

/**
 * The realm users CSV: {@code email,name,permissions,joined} with permissions as upstream names
 * separated by spaces. The export reads back as an import; an import row without permissions gets none
 * and is refused.
 */
final class RealmUsersCsv {

    /** Most rows one import takes: each is an invitation, in its own transaction. */
    static final int MAX_ROWS = 1000;

    /** Most members one export lists, far beyond any public health authority's staff. */
    static final int MAX_EXPORTED = 100_000;

    static final String[] HEADER = {"email", "name", "permissions", "joined"};

    record Row(long line, String email, String name, Set<Permission> permissions, List<String> unknown) {}

    private RealmUsersCsv() {}

    static void write(List<RealmMember> members, Writer out) {
        try (CsvExport export =
                CsvExport.to(out, CSVFormat.DEFAULT.builder().setHeader(HEADER).get())) {
            for (RealmMember member : members) {
                export.row(
                        member.user().email(),
                        member.user().name(),
                        member.permissions().stream()
                                .map(Permission::upstreamName)
                                .collect(Collectors.joining(" ")),
                        member.membership().createdAt());
            }
        }
    }

    /** @throws IllegalArgumentException when the text is not such a CSV at all, or has too many rows */
    static List<Row> read(String text) {
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .get()
                .parse(new StringReader(text))) {
            if (!parser.getHeaderMap().containsKey("email")) {
                throw new IllegalArgumentException("the first line must name the columns, with at least email");
            }
            for (CSVRecord record : parser) {
                if (rows.size() == MAX_ROWS) {
                    throw new IllegalArgumentException("at most " + MAX_ROWS + " users per file");
                }
                String names = record.isMapped("permissions") ? record.get("permissions") : "";
                List<String> unknown = new ArrayList<>();
                Set<Permission> permissions = EnumSet.noneOf(Permission.class);
                Arrays.stream(names.split("[\\s;|]+"))
                        .filter(name -> !name.isBlank())
                        .forEach(name -> Permission.byUpstreamName(name)
                                .ifPresentOrElse(permissions::add, () -> unknown.add(name)));
                rows.add(new Row(
                        record.getRecordNumber() + 1,
                        record.get("email"),
                        record.isMapped("name") && !record.get("name").isBlank()
                                ? record.get("name")
                                : record.get("email"),
                        permissions,
                        unknown));
            }
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return rows;
    }
}
