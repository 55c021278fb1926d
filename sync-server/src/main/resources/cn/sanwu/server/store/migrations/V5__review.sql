-- Sanwu sync server schema, version 5: the review workflow (docs/review.md, ADR 0018).
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL.

-- The review facts of each notice, one row, kept by the server beside the synced payload
-- (synced_entity keeps the payload the villages see; this row is what the server enforces with).
-- *_kind is 'device' or 'user'; the ids are device or app_user ids.
CREATE TABLE review_state (
    notice_id          UUID PRIMARY KEY,
    village_code       VARCHAR(12) NOT NULL,
    content_hash       VARCHAR(140) NOT NULL,
    content_by_kind    VARCHAR(10) NOT NULL,
    content_by_id      UUID NOT NULL,
    filing             BOOLEAN NOT NULL,
    signoff_hash       VARCHAR(140),
    signoff_name       VARCHAR(100),
    signoff_opinion    VARCHAR(2000),
    signoff_at         TIMESTAMP WITH TIME ZONE,
    submitted_revision INT,
    submitted_hash     VARCHAR(140),
    submitted_by_kind  VARCHAR(10),
    submitted_by_id    UUID,
    submitted_at       TIMESTAMP WITH TIME ZONE,
    approved_revision  INT,
    approved_hash      VARCHAR(140),
    approved_by        UUID,
    approved_at        TIMESTAMP WITH TIME ZONE,
    -- 'open' (village may push), 'published' / 'filed' (immutable until a correction), 'withdrawn' (final)
    lock_state         VARCHAR(12) NOT NULL
);
CREATE INDEX review_state_queue ON review_state(village_code, submitted_at);

-- Every published revision; never updated except for superseded_by / withdrawal, never deleted.
CREATE TABLE publication (
    notice_id          UUID NOT NULL,
    revision           INT NOT NULL,
    village_code       VARCHAR(12) NOT NULL,
    publication_number VARCHAR(40) NOT NULL UNIQUE,
    content_hash       VARCHAR(140) NOT NULL,
    content_json       VARCHAR(1000000) NOT NULL,
    approved_revision  INT NOT NULL,
    approved_by        UUID NOT NULL,
    approved_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    published_by       UUID NOT NULL,
    published_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    posting_from       DATE NOT NULL,
    posting_to         DATE NOT NULL,
    correction_reason  VARCHAR(2000),
    superseded_by      INT,
    withdrawn_reason   VARCHAR(2000),
    withdrawn_at       TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (notice_id, revision)
);

-- 公开编号 counter per village and year: taken inside the publishing transaction (row lock), so
-- numbers have no gaps and no duplicates (a rolled-back publication gives its number back).
CREATE TABLE publication_counter (
    village_code VARCHAR(12) NOT NULL,
    pub_year     INT NOT NULL,
    last_number  INT NOT NULL,
    PRIMARY KEY (village_code, pub_year)
);

-- Every review action that changed something, in order: the history villages and townships see.
-- (The hash-chained audit log of the ledger work records the same actions tamper-evidently.)
CREATE TABLE review_event (
    id           UUID PRIMARY KEY,
    notice_id    UUID NOT NULL,
    revision     INT NOT NULL,
    village_code VARCHAR(12) NOT NULL,
    action       VARCHAR(20) NOT NULL,
    actor_kind   VARCHAR(10) NOT NULL,
    actor_id     UUID NOT NULL,
    actor_role   VARCHAR(40) NOT NULL,
    content_hash VARCHAR(140) NOT NULL,
    reason       VARCHAR(2000),
    at           TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX review_event_notice ON review_event(notice_id, at);
