package io.ipsc.invoicing.invoice;

import io.ipsc.invoicing.gst.FinancialYear;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The one numbering mechanism of invoices, credit notes and debit notes: each series has a counter row per financial
 * year, taken and incremented by the numbering transaction. The row stays locked until that transaction ends, so
 * numbers run without gaps under concurrent numbering, and a rolled-back document gives its number back.
 */
final class DocumentNumbers {

    /** A series and its counter table (a constant: never a caller's text in the SQL). */
    enum Series {
        INVOICE("invoice_series"), CREDIT_NOTE("credit_note_series"), DEBIT_NOTE("debit_note_series");

        private final String table;

        Series(String table) {
            this.table = table;
        }
    }

    private DocumentNumbers() {
    }

    /** The next number of the year, {@code <prefix>/<year code>/<five digits>}: {@code CN/2425/00003}. */
    static Uni<String> next(SqlClient conn, Series series, String prefix, FinancialYear year) {
        return conn.preparedQuery("INSERT INTO " + series.table + " (financial_year, next_number) VALUES ($1, 1) "
                        + "ON CONFLICT (financial_year) DO UPDATE SET next_number = " + series.table + ".next_number + 1 RETURNING next_number")
                .execute(Tuple.of(year.code()))
                .map(rows -> prefix + "/" + year.code() + "/" + String.format("%05d", rows.iterator().next().getInteger(0)));
    }
}
