-- The audit trail of a database (Companies (Accounts) Rules 2014, Rule 3(1)): installed after every
-- migrate of a tenant database (and by tenant-service's own migration on the platform database).
-- Idempotent: every object is created if missing or replaced, so running it again is harmless.

CREATE TABLE IF NOT EXISTS ipsc_audit (
    id              bigserial   NOT NULL,
    at              timestamptz NOT NULL DEFAULT now(),
    table_name      text        NOT NULL,
    record_id       text,
    action          text        NOT NULL,
    changes         jsonb       NOT NULL,
    actor           text        NOT NULL,
    actor_user_id   bigint,
    actor_email     text,
    request_id      text,
    kafka_topic     text,
    kafka_partition integer,
    kafka_offset    bigint,
    PRIMARY KEY (id, at)
) PARTITION BY RANGE (at);

-- Rows for a month without its partition land here, so that no write can ever fail for want of one.
CREATE TABLE IF NOT EXISTS ipsc_audit_default PARTITION OF ipsc_audit DEFAULT;

CREATE INDEX IF NOT EXISTS ipsc_audit_record_idx ON ipsc_audit (table_name, record_id, at DESC, id DESC);
CREATE INDEX IF NOT EXISTS ipsc_audit_at_idx ON ipsc_audit (at DESC, id DESC);
CREATE INDEX IF NOT EXISTS ipsc_audit_user_idx ON ipsc_audit (actor_user_id, at DESC);

-- One row per changed record, in the same transaction as the change. The actor is what the service
-- set on the connection (ipsc.actor, JSON); without it the change is the system's, never refused.
CREATE OR REPLACE FUNCTION ipsc_audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_row jsonb;
    new_row jsonb;
    diff    jsonb;
    who     jsonb := nullif(current_setting('ipsc.actor', true), '')::jsonb;
BEGIN
    IF TG_OP <> 'INSERT' THEN old_row := to_jsonb(OLD); END IF;
    IF TG_OP <> 'DELETE' THEN new_row := to_jsonb(NEW); END IF;
    -- A secret (a password hash, a token) is noted as changed, never copied into the trail.
    SELECT coalesce(jsonb_object_agg(k, CASE WHEN k ~ '(password|secret|token)'
                THEN jsonb_build_object('old', CASE WHEN old_row ? k THEN to_jsonb('[redacted]'::text) END,
                                        'new', CASE WHEN new_row ? k THEN to_jsonb('[redacted]'::text) END)
                ELSE jsonb_build_object('old', old_row -> k, 'new', new_row -> k) END), '{}'::jsonb)
      INTO diff
      FROM jsonb_object_keys(coalesce(new_row, old_row)) AS k
     WHERE TG_OP <> 'UPDATE' OR (old_row -> k) IS DISTINCT FROM (new_row -> k);
    IF TG_OP = 'UPDATE' AND diff = '{}'::jsonb THEN
        RETURN NULL;
    END IF;
    INSERT INTO ipsc_audit (table_name, record_id, action, changes, actor, actor_user_id, actor_email, request_id,
                            kafka_topic, kafka_partition, kafka_offset)
    VALUES (TG_TABLE_NAME, coalesce(new_row, old_row) ->> 'id', lower(TG_OP), diff,
            CASE WHEN who ? 'user_id' THEN 'user' ELSE 'system' END,
            (who ->> 'user_id')::bigint, who ->> 'email', who ->> 'request_id',
            who ->> 'topic', (who ->> 'partition')::integer, (who ->> 'offset')::bigint);
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION ipsc_audit_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'The audit trail is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$;

DROP TRIGGER IF EXISTS ipsc_audit_append_only ON ipsc_audit;
CREATE TRIGGER ipsc_audit_append_only BEFORE UPDATE OR DELETE ON ipsc_audit
    FOR EACH ROW EXECUTE FUNCTION ipsc_audit_refuse();
DROP TRIGGER IF EXISTS ipsc_audit_no_truncate ON ipsc_audit;
CREATE TRIGGER ipsc_audit_no_truncate BEFORE TRUNCATE ON ipsc_audit
    FOR EACH STATEMENT EXECUTE FUNCTION ipsc_audit_refuse();
DROP TRIGGER IF EXISTS ipsc_audit_no_truncate ON ipsc_audit_default;
CREATE TRIGGER ipsc_audit_no_truncate BEFORE TRUNCATE ON ipsc_audit_default
    FOR EACH STATEMENT EXECUTE FUNCTION ipsc_audit_refuse();
-- Roles other than the owner (the services' in Kubernetes) may only add rows.
REVOKE UPDATE, DELETE, TRUNCATE ON ipsc_audit FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON ipsc_audit_default FROM PUBLIC;

-- The current month's partition and the next months'; a month already holding rows in the default
-- partition is left to the operator (creating it would have to move them).
CREATE OR REPLACE FUNCTION ipsc_audit_ensure_partitions(months_ahead integer DEFAULT 2) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    month_start timestamp;
    from_at     timestamptz;
    to_at       timestamptz;
    part        text;
    created     integer := 0;
BEGIN
    FOR i IN 0..months_ahead LOOP
        month_start := date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => i);
        from_at := month_start AT TIME ZONE 'UTC';
        to_at := (month_start + interval '1 month') AT TIME ZONE 'UTC';
        part := 'ipsc_audit_' || to_char(month_start, 'YYYY_MM');
        CONTINUE WHEN to_regclass('public.' || part) IS NOT NULL;
        CONTINUE WHEN EXISTS (SELECT 1 FROM ipsc_audit_default WHERE at >= from_at AND at < to_at);
        EXECUTE format('CREATE TABLE public.%I PARTITION OF ipsc_audit FOR VALUES FROM (%L) TO (%L)', part, from_at, to_at);
        EXECUTE format('CREATE TRIGGER ipsc_audit_no_truncate BEFORE TRUNCATE ON public.%I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION ipsc_audit_refuse()', part);
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON public.%I FROM PUBLIC', part);
        created := created + 1;
    END LOOP;
    RETURN created;
END $$;

-- The tables that are bookkeeping, not records: Flyway's, the tenant's identity, the trail itself, and
-- on the platform database (tenant-service runs this script too) sessions, keys, the event outbox,
-- security events and provisioning reports, which change at every sign-in or event and hold secrets;
-- and the domain services' delivery queues (billing_outbox, stock_outbox): each row is written in the
-- transaction of a change that is itself audited, and its "sent" mark is delivery, not a change to the books.
CREATE OR REPLACE FUNCTION ipsc_audit_excluded(table_name name) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT table_name IN ('flyway_schema_history', 'ipsc_tenant', 'refresh_tokens', 'refresh_token_families', 'signing_keys',
                          'outbox', 'security_events', 'tenant_provisioning', 'billing_outbox', 'stock_outbox')
        OR table_name LIKE 'ipsc\_audit%'
$$;

-- Every other table of the database gets the trigger: so a table a later migration adds is audited
-- without anyone remembering to.
CREATE OR REPLACE FUNCTION ipsc_audit_attach() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    t        record;
    attached integer := 0;
BEGIN
    FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
              WHERE ns.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                AND NOT ipsc_audit_excluded(c.relname)
                AND NOT EXISTS (SELECT 1 FROM pg_trigger tg WHERE tg.tgrelid = c.oid AND tg.tgname = 'ipsc_audit')
    LOOP
        EXECUTE format('CREATE TRIGGER ipsc_audit AFTER INSERT OR UPDATE OR DELETE ON public.%I '
                       'FOR EACH ROW EXECUTE FUNCTION ipsc_audit_row()', t.relname);
        attached := attached + 1;
    END LOOP;
    RETURN attached;
END $$;

SELECT ipsc_audit_ensure_partitions();
SELECT ipsc_audit_attach();

-- What the installer compares to know whether a database carries this version of the trail.
COMMENT ON TABLE ipsc_audit IS 'ipsc audit trail v1';

DROP INDEX ipsc_audit_user_idx;
