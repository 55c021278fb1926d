-- Sanwu sync server schema, version 1. Portable SQL: runs unchanged on H2 2.x and PostgreSQL.

-- One-time enrollment codes; only the SHA-256 of a code is kept.
CREATE TABLE enrollment_code (
    code_hash    VARCHAR(64) PRIMARY KEY,
    village_code VARCHAR(12) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at      TIMESTAMP WITH TIME ZONE,
    device_id    UUID
);

-- Enrolled devices; the bearer token is kept only as its SHA-256.
CREATE TABLE device (
    id           UUID PRIMARY KEY,
    name         VARCHAR(200) NOT NULL,
    village_code VARCHAR(12) NOT NULL,
    token_hash   VARCHAR(64) NOT NULL UNIQUE,
    enrolled_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at   TIMESTAMP WITH TIME ZONE
);

-- The server's current version of each synced entity. scope = the village it belongs to.
CREATE TABLE synced_entity (
    entity_type VARCHAR(40) NOT NULL,
    entity_id   UUID NOT NULL,
    scope       VARCHAR(12) NOT NULL,
    revision    INT NOT NULL,
    payload     VARCHAR(1000000) NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (entity_type, entity_id)
);

-- Every applied mutation: replays answer from here (idempotency), a reused id with another payload is refused.
CREATE TABLE applied_mutation (
    mutation_id     UUID PRIMARY KEY,
    device_id       UUID NOT NULL,
    scope           VARCHAR(12) NOT NULL,
    payload_hash    VARCHAR(64) NOT NULL,
    server_revision INT NOT NULL,
    applied_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per scope; writers take seq from it inside their transaction (docs/decisions/0009).
CREATE TABLE feed_counter (
    scope VARCHAR(12) PRIMARY KEY,
    last_seq BIGINT NOT NULL
);

-- The change feed: per scope, seq strictly increasing in commit order.
CREATE TABLE change_feed (
    scope        VARCHAR(12) NOT NULL,
    seq          BIGINT NOT NULL,
    entity_type  VARCHAR(40) NOT NULL,
    entity_id    UUID NOT NULL,
    revision     INT NOT NULL,
    payload      VARCHAR(1000000) NOT NULL,
    committed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (scope, seq)
);
