-- Invitations to join a tenant, for e-mails that have no account yet (issue 14). Only the token's
-- SHA-256 is kept: a database leak yields no usable invitation.
CREATE TABLE invitations (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id         BIGINT       NOT NULL REFERENCES tenants (id),
    email             VARCHAR(254) NOT NULL,
    role              VARCHAR(16)  NOT NULL,
    token_hash        CHAR(64)     NOT NULL,
    invited_by        BIGINT       NOT NULL REFERENCES users (id),
    expires_at        TIMESTAMPTZ  NOT NULL,
    accepted_at       TIMESTAMPTZ,
    accepted_user_id  BIGINT       REFERENCES users (id),
    revoked_at        TIMESTAMPTZ,
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX invitations_token_key ON invitations (token_hash);
-- At most one open invitation per e-mail and tenant: inviting again revokes the earlier one first,
-- and two invitations sent at once cannot both stay open.
CREATE UNIQUE INDEX invitations_open_key ON invitations (tenant_id, lower(email)) WHERE accepted_at IS NULL AND revoked_at IS NULL;
