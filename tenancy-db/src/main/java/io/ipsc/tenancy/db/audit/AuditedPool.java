package io.ipsc.tenancy.db.audit;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PrepareOptions;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Query;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.SqlResult;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.impl.SqlClientInternal;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collector;

/**
 * A tenant's pool as a unit of work sees it: every connection it hands out first tells PostgreSQL who
 * acts ({@code ipsc.actor}, read by the audit trigger), whichever way the work reaches the database
 * (a statement on the pool, a connection, a transaction).
 *
 * <p>The setting is session-wide, not transaction-local, because a single statement on the pool runs
 * in its own implicit transaction: a local setting would be gone before it. That is safe only because
 * every connection of a tenant's pool is handed out through here, so each use overwrites the last
 * one's actor. The {@code set_config} is not awaited: it is pipelined ahead of the work's first
 * command on the same connection, so it costs no extra round trip (see BENCHMARKS.md). A single
 * statement on the pool goes further: the actor and the statement leave in one write (one system
 * call here and one wake-up of the backend, not two; issue 19).
 */
public final class AuditedPool implements Pool {

    private static final Logger LOG = Logger.getLogger(AuditedPool.class);
    private static final String SET_ACTOR = "SELECT set_config('ipsc.actor', $1, false)";

    private final Pool pool;
    private final Tuple actor;

    public AuditedPool(Pool pool, AuditActor actor) {
        this.pool = pool;
        this.actor = Tuple.of(actor.setting());
    }

    /** The Mutiny pool handlers receive, on top of {@code pool} (Mutiny's wraps the core one). */
    public static io.vertx.mutiny.sqlclient.Pool wrap(io.vertx.mutiny.sqlclient.Pool pool, AuditActor actor) {
        return io.vertx.mutiny.sqlclient.Pool.newInstance(new AuditedPool(pool.getDelegate(), actor));
    }

    @Override
    public Future<SqlConnection> getConnection() {
        return pool.getConnection().map(connection -> {
            nameActor(connection);
            return connection;
        });
    }

    private void nameActor(SqlClient connection) {
        connection.preparedQuery(SET_ACTOR).execute(actor)
                .onFailure(e -> LOG.warnf("Cannot name the actor on a connection: %s", e.getMessage()));
    }

    /**
     * {@code work} on a connection of the pool, given back when it ends, with the actor named ahead of it in the same
     * write: the client's grouping (an internal, experimental API of the Vert.x SQL client, hence the fallback) holds
     * the flush until both commands are queued. Each keeps its own Sync, so a failing actor cannot take the work with it.
     */
    private <R> Future<R> withActor(Function<SqlClient, Future<R>> work) {
        return pool.withConnection(connection -> {
            if (!(connection instanceof SqlClientInternal grouping)) {
                nameActor(connection);
                return work.apply(connection);
            }
            Promise<R> result = Promise.promise();
            grouping.group(client -> {
                nameActor(client);
                work.apply(client).onComplete(result);
            });
            return result.future();
        });
    }

    @Override
    public void getConnection(Handler<AsyncResult<SqlConnection>> handler) {
        getConnection().onComplete(handler);
    }

    @Override
    public Query<RowSet<Row>> query(String sql) {
        return new OnConnection<>(this, client -> client.query(sql));
    }

    @Override
    public PreparedQuery<RowSet<Row>> preparedQuery(String sql) {
        return new OnConnection<>(this, client -> client.preparedQuery(sql));
    }

    @Override
    public PreparedQuery<RowSet<Row>> preparedQuery(String sql, PrepareOptions options) {
        return new OnConnection<>(this, client -> client.preparedQuery(sql, options));
    }

    /** The tenant's pool is the registry's to close, not a unit of work's. */
    @Override
    public void close(Handler<AsyncResult<Void>> handler) {
        throw new UnsupportedOperationException("A tenant's pool is closed by its registry");
    }

    @Override
    public Future<Void> close() {
        throw new UnsupportedOperationException("A tenant's pool is closed by its registry");
    }

    @Override
    public Pool connectHandler(Handler<SqlConnection> handler) {
        throw new UnsupportedOperationException("A tenant's pool is configured by its registry");
    }

    @Override
    public Pool connectionProvider(Function<Context, Future<SqlConnection>> provider) {
        throw new UnsupportedOperationException("A tenant's pool is configured by its registry");
    }

    @Override
    public int size() {
        return pool.size();
    }

    /**
     * A statement on the pool, run on a connection of the pool given back at once: the same one round
     * trip as the pool's own, with the actor in the same write ahead of it.
     * A plain (unprepared) query is built the same way; its Tuple forms are never called.
     */
    private record OnConnection<R>(AuditedPool pool, Function<SqlClient, Query<R>> make) implements PreparedQuery<R> {

        @Override
        public Future<R> execute() {
            return pool.withActor(client -> make.apply(client).execute());
        }

        @Override
        public void execute(Handler<AsyncResult<R>> handler) {
            execute().onComplete(handler);
        }

        @Override
        public Future<R> execute(Tuple tuple) {
            return pool.withActor(client -> prepared(client).execute(tuple));
        }

        @Override
        public void execute(Tuple tuple, Handler<AsyncResult<R>> handler) {
            execute(tuple).onComplete(handler);
        }

        @Override
        public Future<R> executeBatch(List<Tuple> batch) {
            return pool.withActor(client -> prepared(client).executeBatch(batch));
        }

        @Override
        public void executeBatch(List<Tuple> batch, Handler<AsyncResult<R>> handler) {
            executeBatch(batch).onComplete(handler);
        }

        @Override
        public <U> PreparedQuery<SqlResult<U>> collecting(Collector<Row, ?, U> collector) {
            return new OnConnection<>(pool, client -> make.apply(client).collecting(collector));
        }

        @Override
        public <U> PreparedQuery<RowSet<U>> mapping(Function<Row, U> mapper) {
            return new OnConnection<>(pool, client -> make.apply(client).mapping(mapper));
        }

        private PreparedQuery<R> prepared(SqlClient client) {
            return (PreparedQuery<R>) make.apply(client);
        }
    }
}
