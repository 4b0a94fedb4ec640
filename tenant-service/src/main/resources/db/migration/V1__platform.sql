-- The control plane: tenants, users, memberships, sign-in, signing keys and the event outbox.

CREATE TABLE tenants (
    id                          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug                        VARCHAR(63)  NOT NULL,
    name                        VARCHAR(200) NOT NULL,
    organization_type           VARCHAR(32)  NOT NULL,
    status                      VARCHAR(16)  NOT NULL,
    contact_person              VARCHAR(200),
    contact_email               VARCHAR(254),
    contact_phone               VARCHAR(32),
    gstin                       VARCHAR(15),
    gstin_verified              BOOLEAN      NOT NULL DEFAULT FALSE,
    industry                    VARCHAR(100),
    size                        VARCHAR(16),
    address_line1               VARCHAR(200),
    address_line2               VARCHAR(200),
    city                        VARCHAR(100),
    state                       VARCHAR(100),
    pincode                     VARCHAR(6),
    country                     VARCHAR(64)  NOT NULL DEFAULT 'India',
    features                    TEXT         NOT NULL,
    subscription_plan           VARCHAR(16)  NOT NULL,
    max_users                   INTEGER,
    max_products                INTEGER,
    max_transactions_per_month  INTEGER,
    version                     BIGINT       NOT NULL DEFAULT 0,
    created_at                  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at                  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    deleted_at                  TIMESTAMPTZ,
    activated_at                TIMESTAMPTZ
);
-- A deleted tenant's slug stays taken: its archived databases are named after it.
CREATE UNIQUE INDEX tenants_slug_key ON tenants (slug);
CREATE INDEX tenants_status_idx ON tenants (status, organization_type);

CREATE TABLE users (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email             VARCHAR(254) NOT NULL,
    full_name         VARCHAR(200),
    password_hash     VARCHAR(100) NOT NULL,
    platform_admin    BOOLEAN      NOT NULL DEFAULT FALSE,
    active            BOOLEAN      NOT NULL DEFAULT TRUE,
    failed_logins     INTEGER      NOT NULL DEFAULT 0,
    locked_until      TIMESTAMPTZ,
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE memberships (
    tenant_id   BIGINT      NOT NULL REFERENCES tenants (id),
    user_id     BIGINT      NOT NULL REFERENCES users (id),
    role        VARCHAR(16) NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, user_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id);

CREATE TABLE refresh_tokens (
    token_hash  CHAR(64)    PRIMARY KEY,
    user_id     BIGINT      NOT NULL REFERENCES users (id),
    expires_at  TIMESTAMPTZ NOT NULL,
    revoked_at  TIMESTAMPTZ,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);

-- Generated at first start when no key is configured, so that every replica signs with the same key.
CREATE TABLE signing_keys (
    kid          VARCHAR(64) PRIMARY KEY,
    private_pem  TEXT        NOT NULL,
    public_pem   TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Transactional outbox: written in the same transaction as the tenant row, published in id order.
CREATE TABLE outbox (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic         VARCHAR(100) NOT NULL,
    record_key    VARCHAR(100) NOT NULL,
    event_type    VARCHAR(32)  NOT NULL,
    payload       TEXT         NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    published_at  TIMESTAMPTZ
);
CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL;
