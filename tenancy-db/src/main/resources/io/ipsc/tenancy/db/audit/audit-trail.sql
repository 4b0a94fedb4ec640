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
    changes_format  smallint    NOT NULL DEFAULT 2,
    -- (at, id): the newest-first reads walk it backwards, so no second index on the time is written per change.
    PRIMARY KEY (at, id)
) PARTITION BY RANGE (at);

-- The layout of a row's changes, so that a reader never guesses it from the JSON's shape:
--   2  {field: {"old": value, "new": value}}: every row v1 and v2 wrote, and v3's updates (the fields that changed);
--   3  {field: value}: v3's inserts and deletes, the row as it was inserted or as it was when deleted (old or new is
--      null for every field); readers (AuditLog) expand it to layout 2, so every client reads {field: {old, new}}.
-- Added to a v2 table with the default 2: a metadata change (no rewrite), and every row already there is layout 2.
ALTER TABLE ipsc_audit ADD COLUMN IF NOT EXISTS changes_format smallint NOT NULL DEFAULT 2;

-- Rows for a month without its partition land here, so that no write can ever fail for want of one.
CREATE TABLE IF NOT EXISTS ipsc_audit_default PARTITION OF ipsc_audit DEFAULT;

CREATE INDEX IF NOT EXISTS ipsc_audit_record_idx ON ipsc_audit (table_name, record_id, at DESC, id DESC);
-- v2's primary key was (id, at), with a third index (at DESC, id DESC) for the newest-first reads: the key is turned
-- round and the index dropped, so each change writes two btrees instead of three. (v1 also had (actor_user_id, at):
-- ?user= is served by the time order with a filter, an auditor's rare question.)
DO $$
DECLARE
    pk name;
BEGIN
    SELECT conname INTO pk FROM pg_constraint
     WHERE conrelid = 'ipsc_audit'::regclass AND contype = 'p' AND pg_get_constraintdef(oid) = 'PRIMARY KEY (id, at)';
    IF pk IS NOT NULL THEN
        EXECUTE format('ALTER TABLE ipsc_audit DROP CONSTRAINT %I, ADD PRIMARY KEY (at, id)', pk);
    END IF;
END $$;
DROP INDEX IF EXISTS ipsc_audit_at_idx;
DROP INDEX IF EXISTS ipsc_audit_user_idx;

-- One row per changed record, in the same transaction as the change. The actor is what the service set on the
-- connection (ipsc.actor, JSON); without it the change is the system's, never refused. An insert or a delete
-- stores the row's image once (layout 3, above): no per-field work at write time, which is every request, while
-- reads, which are rare, expand it. An update names only the fields it changed (layout 2; the update trigger only
-- fires when the row's image changed, and a change invisible in JSON writes nothing). A secret (a password hash,
-- a token) is noted as changed, never copied: the table's secret columns are the trigger's arguments, found once
-- when the trigger is attached (ipsc_audit_trigger_args), not matched against every field of every row. The first
-- argument is the table's column count then (pg_class.relnatts): a table that has gained a column since (a migration
-- adding a secret column and writing it, before the installer re-attaches the triggers) has every field checked by
-- name instead, so no secret slips through in that window. The check is one catalog-cache lookup (has_column_privilege
-- on the next column number is null while there is no such column), no query. (A column renamed to a secret name is
-- redacted from the install that follows the migration; TenantMigrations.migrate runs it at once.)
CREATE OR REPLACE FUNCTION ipsc_audit_secret(field text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT field ~ '(password|secret|token)'
$$;

CREATE OR REPLACE FUNCTION ipsc_audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    who     jsonb := nullif(current_setting('ipsc.actor', true), '')::jsonb;
    old_row jsonb;
    -- The row as the change left it (for a delete, as it was): its id names the record.
    image   jsonb;
    changes jsonb;
    layout  smallint := 3;
    secrets text[];
    secret  text;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        layout := 2;
        -- Variables, not expressions in the query: the query would compute to_jsonb again at every use.
        old_row := to_jsonb(OLD);
        image := to_jsonb(NEW);
        SELECT jsonb_object_agg(n.key, jsonb_build_object('old', old_row -> n.key, 'new', n.value)) INTO changes
          FROM jsonb_each(image) n
         WHERE (old_row -> n.key) IS DISTINCT FROM n.value;
        IF changes IS NULL THEN
            RETURN NULL;
        END IF;
    ELSE
        IF TG_OP = 'INSERT' THEN image := to_jsonb(NEW); ELSE image := to_jsonb(OLD); END IF;
        changes := image;
    END IF;
    IF TG_NARGS > 0 AND has_column_privilege(TG_RELID, (TG_ARGV[0]::integer + 1)::smallint, 'SELECT') IS NULL THEN
        secrets := TG_ARGV[1:];
    ELSE
        secrets := ARRAY(SELECT k FROM jsonb_object_keys(image) AS k WHERE ipsc_audit_secret(k));
    END IF;
    FOREACH secret IN ARRAY secrets LOOP
        -- Only a field the change holds (an update's changed ones; a column dropped since the attach is in none).
        IF changes ? secret THEN
            changes := changes || jsonb_build_object(secret, CASE WHEN layout = 2 THEN '{"old": "[redacted]", "new": "[redacted]"}'::jsonb
                                                                  ELSE to_jsonb('[redacted]'::text) END);
        END IF;
    END LOOP;
    INSERT INTO ipsc_audit (table_name, record_id, action, changes, changes_format, actor, actor_user_id, actor_email,
                            request_id, kafka_topic, kafka_partition, kafka_offset)
    VALUES (TG_TABLE_NAME, image ->> 'id', lower(TG_OP), changes, layout,
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

-- A table's triggers' arguments: its column count (pg_class.relnatts, dropped columns included, so it only grows),
-- then its secret columns (a password hash, a token: by name).
CREATE OR REPLACE FUNCTION ipsc_audit_trigger_args(rel oid) RETURNS text[] LANGUAGE sql STABLE AS $$
    SELECT ARRAY[(SELECT c.relnatts::text FROM pg_class c WHERE c.oid = rel)]
           || coalesce((SELECT array_agg(a.attname::text ORDER BY a.attnum) FROM pg_attribute a
                         WHERE a.attrelid = rel AND a.attnum > 0 AND NOT a.attisdropped AND ipsc_audit_secret(a.attname)), '{}')
$$;

-- Every other table of the database gets the triggers: so a table a later migration adds is audited
-- without anyone remembering to. Two per table: inserts and deletes (ipsc_audit, the name AuditLog lists the
-- audited tables by), and updates (ipsc_audit_update), which fire only when the row's image changed, so an
-- UPDATE that changes nothing costs no trigger call. Both carry the table's column count and secret columns as
-- arguments. The tables still to attach: without both triggers, with v1's single one (which also fired on updates),
-- or with arguments that no longer match the table (a migration added a column, or renamed or dropped a secret one). AuditTrail.current asks this too, so both agree on what
-- "attached" means. Re-attaching happens in the installer's transaction, so no change goes unrecorded meanwhile.
CREATE OR REPLACE FUNCTION ipsc_audit_unattached() RETURNS SETOF name LANGUAGE sql STABLE AS $$
    SELECT c.relname FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
     CROSS JOIN LATERAL (SELECT coalesce(string_agg(convert_to(s, 'UTF8') || '\x00'::bytea, ''::bytea ORDER BY i), ''::bytea) AS args
                           FROM unnest(ipsc_audit_trigger_args(c.oid)) WITH ORDINALITY AS a (s, i)) expected
     WHERE ns.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
       AND NOT ipsc_audit_excluded(c.relname)
       AND NOT (EXISTS (SELECT 1 FROM pg_trigger tg WHERE tg.tgrelid = c.oid AND tg.tgname = 'ipsc_audit'
                           AND tg.tgtype & 16 = 0 -- 16: TRIGGER_TYPE_UPDATE
                           AND tg.tgargs = expected.args)
                AND EXISTS (SELECT 1 FROM pg_trigger tg WHERE tg.tgrelid = c.oid AND tg.tgname = 'ipsc_audit_update'
                           AND tg.tgargs = expected.args))
$$;

CREATE OR REPLACE FUNCTION ipsc_audit_attach() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    t        record;
    args     text;
    attached integer := 0;
BEGIN
    FOR t IN SELECT relname FROM ipsc_audit_unattached() AS relname
    LOOP
        SELECT string_agg(quote_literal(s), ', ' ORDER BY i) INTO args
          FROM unnest(ipsc_audit_trigger_args(format('public.%I', t.relname)::regclass)) WITH ORDINALITY AS a (s, i);
        EXECUTE format('DROP TRIGGER IF EXISTS ipsc_audit ON public.%I', t.relname);
        EXECUTE format('DROP TRIGGER IF EXISTS ipsc_audit_update ON public.%I', t.relname);
        EXECUTE format('CREATE TRIGGER ipsc_audit AFTER INSERT OR DELETE ON public.%I '
                       'FOR EACH ROW EXECUTE FUNCTION ipsc_audit_row(%s)', t.relname, args);
        EXECUTE format('CREATE TRIGGER ipsc_audit_update AFTER UPDATE ON public.%I '
                       'FOR EACH ROW WHEN (OLD *<> NEW) EXECUTE FUNCTION ipsc_audit_row(%s)', t.relname, args);
        attached := attached + 1;
    END LOOP;
    RETURN attached;
END $$;

SELECT ipsc_audit_ensure_partitions();
SELECT ipsc_audit_attach();

-- What the installer compares to know whether a database carries this version of the trail.
COMMENT ON TABLE ipsc_audit IS 'ipsc audit trail v3';
