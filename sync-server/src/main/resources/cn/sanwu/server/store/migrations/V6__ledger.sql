-- Sanwu sync server schema, version 6: tamper evidence (docs/transparency-log.md, ADR 0019).
-- Portable SQL: H2 2.x and PostgreSQL. On PostgreSQL the server also installs triggers that refuse
-- UPDATE, DELETE and TRUNCATE on published_record, log_leaf, log_checkpoint and audit_event
-- (store/AppendOnlyGuard); H2 has no such guard (documented there).

-- The single lock row serialising appends to the log and to the audit chain. Every publisher and
-- every audit append takes it FOR UPDATE, so several server instances on one PostgreSQL never
-- assign the same leaf index or chain two events onto the same predecessor. It is the only row
-- of this version that is ever updated; the audit command checks it against the append-only
-- tables.
CREATE TABLE ledger_head (
    id          INT PRIMARY KEY,
    log_size    BIGINT NOT NULL,
    audit_size  BIGINT NOT NULL,
    audit_hash  VARCHAR(80) NOT NULL
);
INSERT INTO ledger_head(id, log_size, audit_size, audit_hash)
    VALUES (1, 0, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- What was published, exactly: the canonical content JSON whose hash was approved, and the
-- publication facts. Immutable; a correction is a new revision.
CREATE TABLE published_record (
    notice_id          UUID NOT NULL,
    revision           INT NOT NULL,
    village_code       VARCHAR(12) NOT NULL,
    content_json       TEXT NOT NULL,
    content_hash       VARCHAR(200) NOT NULL,
    publication_number VARCHAR(100) NOT NULL,
    approval_ref       VARCHAR(200) NOT NULL,
    posting_from       DATE NOT NULL,
    posting_until      DATE,
    published_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    leaf_index         BIGINT NOT NULL UNIQUE,
    PRIMARY KEY (notice_id, revision)
);
CREATE INDEX published_record_by_number ON published_record(publication_number);

-- The Merkle log's leaves in order: the LogLeaf canonical JSON and its RFC 6962 leaf hash (hex).
CREATE TABLE log_leaf (
    leaf_index BIGINT PRIMARY KEY,
    notice_id  UUID NOT NULL,
    revision   INT NOT NULL,
    leaf_data  TEXT NOT NULL,
    leaf_hash  VARCHAR(128) NOT NULL
);

-- Signed checkpoints (C2SP signed notes), every one the server ever signed, each with a signed
-- note over the audit chain's head at the same moment (audit_note), which anchors the chain: a
-- rewritten chain tail no longer matches it. The id is a UUIDv7 chosen by the signing instance
-- (no identity column: a copy into PostgreSQL would leave its sequence behind the copied ids).
CREATE TABLE log_checkpoint (
    id          UUID PRIMARY KEY,
    tree_size   BIGINT NOT NULL,
    root_hash   VARCHAR(128) NOT NULL,
    signed_note TEXT NOT NULL,
    audit_note  TEXT NOT NULL,
    signed_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX log_checkpoint_by_size ON log_checkpoint(tree_size, signed_at);

-- The hash-chained audit log of review actions: entry_hash = H(prev_hash || canonical event JSON).
CREATE TABLE audit_event (
    seq           BIGINT PRIMARY KEY,
    actor_user_id UUID NOT NULL,
    actor_role    VARCHAR(40) NOT NULL,
    action        VARCHAR(60) NOT NULL,
    notice_id     UUID,
    revision      INT NOT NULL,
    content_hash  VARCHAR(200),
    result        VARCHAR(60) NOT NULL,
    reason        VARCHAR(2000),
    occurred_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    prev_hash     VARCHAR(80) NOT NULL,
    entry_hash    VARCHAR(80) NOT NULL
);
CREATE INDEX audit_event_by_notice ON audit_event(notice_id);
