-- Sign-in hardening (issue 14): lockout that cannot be raced, refresh tokens in families with reuse
-- detection, logout, password change and deactivation.

-- Every sign-in attempt on an account, counted or refused, advances this number. A correct password
-- clears the failures only when no other attempt came after its own, so a burst of guesses keeps
-- its lock even when one of them was right.
ALTER TABLE users ADD COLUMN sign_in_attempts BIGINT NOT NULL DEFAULT 0;

-- A family is the chain of refresh tokens one sign-in starts: revoking it ends that session on
-- every token of the chain, including the one not yet redeemed.
CREATE TABLE refresh_token_families (
    id              UUID        PRIMARY KEY,
    user_id         BIGINT      NOT NULL REFERENCES users (id),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at      TIMESTAMPTZ,
    revoked_reason  VARCHAR(32)
);
CREATE INDEX refresh_token_families_live_idx ON refresh_token_families (user_id) WHERE revoked_at IS NULL;

-- Until now a token's revoked_at meant "redeemed once"; it is now used_at, and revocation is the family's.
ALTER TABLE refresh_tokens RENAME COLUMN revoked_at TO used_at;
ALTER TABLE refresh_tokens ADD COLUMN family_id UUID;
-- Tokens issued before families existed each become a family of their own, so no session breaks.
INSERT INTO refresh_token_families (id, user_id, created_at)
    SELECT md5(token_hash)::uuid, user_id, created_at FROM refresh_tokens;
UPDATE refresh_tokens SET family_id = md5(token_hash)::uuid;
ALTER TABLE refresh_tokens ALTER COLUMN family_id SET NOT NULL;
ALTER TABLE refresh_tokens ADD CONSTRAINT refresh_tokens_family_fk FOREIGN KEY (family_id) REFERENCES refresh_token_families (id);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
