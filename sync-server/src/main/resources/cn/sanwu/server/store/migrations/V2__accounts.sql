-- Sanwu sync server schema, version 2: regions, user accounts, sessions, throttles
-- (docs/accounts.md, docs/decisions/0011). Portable SQL: runs unchanged on H2 2.x and PostgreSQL.

-- The region tree (市 → 县 → 乡镇/街道 → 村/社区); a user's scope is one of its nodes.
CREATE TABLE region (
    code         VARCHAR(12) PRIMARY KEY,
    name         VARCHAR(100) NOT NULL,
    region_level VARCHAR(20) NOT NULL,
    parent_code  VARCHAR(12) REFERENCES region(code),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- People who log in. username is stored normalised (NFKC, lower case); password_hash is an
-- Argon2id PHC string. scope_code is null only for administrators (whole deployment).
CREATE TABLE app_user (
    id            UUID PRIMARY KEY,
    username      VARCHAR(64) NOT NULL UNIQUE,
    display_name  VARCHAR(100) NOT NULL,
    user_role     VARCHAR(40) NOT NULL,
    scope_code    VARCHAR(12) REFERENCES region(code),
    password_hash VARCHAR(300) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    disabled_at   TIMESTAMP WITH TIME ZONE
);

-- Login sessions; the bearer token is kept only as its SHA-256.
CREATE TABLE user_session (
    token_hash VARCHAR(64) PRIMARY KEY,
    user_id    UUID NOT NULL REFERENCES app_user(id),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX user_session_by_user ON user_session(user_id);

-- Failure counters for login backoff and per-source rate limits, shared by every server
-- instance. key_hash is an HMAC of "rule:subject" (a username or a client address), never the
-- subject itself.
CREATE TABLE throttle (
    key_hash      VARCHAR(64) PRIMARY KEY,
    rule          VARCHAR(20) NOT NULL,
    failures      INT NOT NULL,
    window_start  TIMESTAMP WITH TIME ZONE NOT NULL,
    blocked_until TIMESTAMP WITH TIME ZONE
);

-- Server-wide random secrets (the throttle HMAC key unless configured), made on first use.
CREATE TABLE server_secret (
    name  VARCHAR(40) PRIMARY KEY,
    secret_value VARCHAR(200) NOT NULL
);

-- Who issued an enrollment code through the API (null: the admin command line).
ALTER TABLE enrollment_code ADD COLUMN issued_by UUID;
