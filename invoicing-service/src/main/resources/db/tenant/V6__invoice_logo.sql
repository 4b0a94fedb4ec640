-- The logo printed on the tax invoice, next to the other invoicing settings: in the tenant's own database
-- (so in its backups), read by the PDF without a call to another service or a fetch of a URL.
-- One row at most. The upload is kept as sent (GET answers it); print_* is its form for the PDF, decoded
-- and scaled once at upload: zlib-compressed 8-bit RGB samples and, when not opaque, alpha samples.
CREATE TABLE invoice_logo (
    only_row      BOOLEAN      PRIMARY KEY DEFAULT TRUE CHECK (only_row),
    content_type  VARCHAR(20)  NOT NULL,
    data          BYTEA        NOT NULL,
    width         INTEGER      NOT NULL,
    height        INTEGER      NOT NULL,
    print_width   INTEGER      NOT NULL,
    print_height  INTEGER      NOT NULL,
    print_rgb     BYTEA        NOT NULL,
    print_alpha   BYTEA,
    etag          VARCHAR(64)  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
