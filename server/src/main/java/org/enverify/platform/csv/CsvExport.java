package org.enverify.platform.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the CSV files people download and open in spreadsheets. A text cell that starts with
 * {@code = + - @}, a tab or a carriage return would run as a formula there (CSV injection), so it is
 * written with a leading apostrophe; numbers are written as they are, so {@code -1} stays a number.
 * Every other cell is written exactly as the format writes it.
 */
public final class CsvExport implements Closeable {

    private static final String FORMULA_STARTS = "=+-@\t\r";

    private final CSVPrinter printer;

    private CsvExport(Appendable out, CSVFormat format) {
        try {
            this.printer = new CSVPrinter(out, format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A writer in the given format; a header set on the format is written first, neutralised like any row. */
    public static CsvExport to(Appendable out, CSVFormat format) {
        String[] header = format.getHeader();
        CsvExport export = new CsvExport(
                out, format.builder().setHeader().setSkipHeaderRecord(true).get());
        if (header != null && header.length > 0) {
            export.row((Object[]) header);
        }
        return export;
    }

    public void row(Object... cells) {
        row(Arrays.asList(cells));
    }

    public void row(List<?> cells) {
        List<Object> safe = new ArrayList<>(cells.size());
        for (Object cell : cells) {
            safe.add(neutralised(cell));
        }
        try {
            printer.printRecord(safe);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cell as it is safe to write: text that a spreadsheet would take for a formula gets an apostrophe. */
    public static Object neutralised(Object cell) {
        if (cell == null || cell instanceof Number) {
            return cell;
        }
        String text = cell.toString();
        return !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0 ? "'" + text : cell;
    }

    @Override
    public void close() {
        try {
            printer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
