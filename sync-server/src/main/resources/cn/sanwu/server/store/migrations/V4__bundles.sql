-- Sanwu sync server schema, version 4: USB bundles (ADR 0012). Portable SQL: H2 2.x and PostgreSQL.

-- The device's Ed25519 public key (base64 X.509), registered at enrollment or on the first online
-- sync after this version. Bundle files from a device are accepted only with a signature by it.
ALTER TABLE device ADD COLUMN public_key VARCHAR(200);

-- The server's own bundle-signing key pair, one row per purpose ('bundle'). Kept in the database,
-- not in memory, so every server instance signs with the same key and devices can pin it.
CREATE TABLE server_key (
    purpose     VARCHAR(40) PRIMARY KEY,
    public_key  VARCHAR(200) NOT NULL,
    private_key VARCHAR(400) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Every bundle file imported: a second import of the same file is recognised and reported (its
-- mutations are DUPLICATE by their ids anyway), and the township can see what came in when.
CREATE TABLE bundle_import (
    bundle_id         UUID PRIMARY KEY,
    device_id         UUID NOT NULL,
    village_code      VARCHAR(12) NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    first_imported_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_imported_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    import_count      INT NOT NULL,
    mutation_count    INT NOT NULL
);
