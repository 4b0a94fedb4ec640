-- The tenant's branding: one row, as each tenant database belongs to exactly one tenant. No row
-- means the tenant has never saved any, and is served its organisation type's defaults.
CREATE TABLE branding (
    id                SMALLINT     PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    primary_color     CHAR(7)      NOT NULL,
    secondary_color   CHAR(7)      NOT NULL,
    accent_color      CHAR(7)      NOT NULL,
    text_color        CHAR(7),
    background_color  CHAR(7),
    font_family       VARCHAR(50)  NOT NULL,
    logo_url          VARCHAR(500),
    favicon_url       VARCHAR(500),
    company_name      VARCHAR(200) NOT NULL,
    -- default | template:<name> | custom, counted by GET /api/branding/status
    source            VARCHAR(100) NOT NULL,
    updated_at        TIMESTAMPTZ  NOT NULL DEFAULT now()
);
