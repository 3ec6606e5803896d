package org.clinic.gateway.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The daily report as API.md §3 gives it: RFC 4180 with CRLF (Apache Commons CSV), a header, one
 * row per doctor in the report's order, then the clinic's {@code TOTAL}. A cell that a
 * spreadsheet would run as a formula ({@code = + - @}, tab, carriage return first) gets a
 * leading {@code '}.
 */
final class DailyReportCsv {

    private DailyReportCsv() {}

    static String write(DailyReportResource.DailyReport report) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180)) {
            csv.printRecord("doctor", "user_name", "visits", "completed", "consultations", "prescriptions");
            for (DailyReportResource.DoctorRow row : report.byDoctor()) {
                csv.printRecord(
                        safe(String.valueOf(row.doctor())),
                        safe(row.userName()),
                        row.visits(),
                        row.completed(),
                        row.consultations(),
                        row.prescriptions());
            }
            csv.printRecord(
                    "TOTAL",
                    "",
                    report.visits().total(),
                    report.visits().completed(),
                    report.consultations(),
                    report.prescriptions());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static String safe(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell
                : cell;
    }
}
