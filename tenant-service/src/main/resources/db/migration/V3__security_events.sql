-- Refused and suspicious requests reported by every service on ipsc.security, for the operator's
-- per-tenant security view. The tenant is its slug as the reporting service saw it: events outlive
-- nothing but the slug (a deleted tenant's events age out with the rest).
CREATE TABLE security_events (
    id           UUID         PRIMARY KEY,
    tenant       VARCHAR(63)  NOT NULL,
    kind         VARCHAR(32)  NOT NULL,
    service      VARCHAR(64)  NOT NULL,
    caller       VARCHAR(320) NOT NULL,
    route        VARCHAR(320) NOT NULL,
    detail       VARCHAR(320),
    occurrences  INTEGER      NOT NULL CHECK (occurrences > 0),
    occurred_at  TIMESTAMPTZ  NOT NULL
);

CREATE INDEX security_events_by_tenant ON security_events (tenant, occurred_at DESC);
CREATE INDEX security_events_by_age ON security_events (occurred_at);
