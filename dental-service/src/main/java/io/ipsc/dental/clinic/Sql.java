package io.ipsc.dental.clinic;

import io.ipsc.tenancy.error.ApiException;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Small helpers for the SQL of the dental records. */
public final class Sql {

    private Sql() {
    }

    /** The statement's parameters in order; nulls allowed (an absent optional field is bound as SQL NULL). */
    public static Tuple args(Object... values) {
        Tuple tuple = Tuple.tuple();
        for (Object value : values) {
            tuple.addValue(value);
        }
        return tuple;
    }

    public static <T> List<T> list(RowSet<Row> rows, Function<Row, T> mapper) {
        List<T> items = new ArrayList<>();
        rows.forEach(row -> items.add(mapper.apply(row)));
        return items;
    }

    public static <T> T single(RowSet<Row> rows, Function<Row, T> mapper, String what) {
        var it = rows.iterator();
        if (!it.hasNext()) {
            throw ApiException.notFound(what);
        }
        return mapper.apply(it.next());
    }

    /** A LIKE pattern matching {@code term} anywhere, with the caller's wildcards taken literally. */
    public static String containsPattern(String term) {
        String escaped = term.trim().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }
}
