-- Sanwu local store, schema 2: sync state (docs/sync-client.md).

-- The outbox now tracks a request in flight. state: PENDING (waiting) -> SENT (in the request
-- request_id) -> deleted once the server answered APPLIED or DUPLICATE; CONFLICT and REJECTED
-- rows stay as the record of what did not go through. sent_count > 0 marks an entry the server
-- may already hold: it is never replaced by a later change and is resent with the same mutation
-- id and payload, so the server's idempotency answers DUPLICATE instead of applying it twice.
ALTER TABLE outbox ADD COLUMN request_id UUID;
ALTER TABLE outbox ADD COLUMN sent_count INT DEFAULT 0 NOT NULL;
ALTER TABLE outbox ADD COLUMN message VARCHAR(4000);
ALTER TABLE outbox ADD COLUMN finished_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX outbox_state_seq ON outbox(state, seq);

-- The server revision this device last knew for each notice (from an ack or a pulled change).
-- Cleared by a re-bootstrap; never part of the notice row so clearing it cannot touch content.
CREATE TABLE notice_sync (
    notice_id UUID PRIMARY KEY,
    server_revision INT NOT NULL,
    synced_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row: the change-feed cursor and how the last sync went (shown in the status bar).
CREATE TABLE sync_meta (
    id INT PRIMARY KEY,
    feed_cursor BIGINT NOT NULL,
    last_success_at TIMESTAMP WITH TIME ZONE,
    last_attempt_at TIMESTAMP WITH TIME ZONE,
    last_error VARCHAR(4000)
);
INSERT INTO sync_meta(id, feed_cursor) VALUES (1, 0);

-- A notice changed here and on the server from the same base: shown to a person, never merged
-- silently. my_payload is the local version when the conflict was found, server_payload the
-- server's at server_revision. At most one open (resolved_at IS NULL) row per notice.
CREATE TABLE sync_conflict (
    id UUID PRIMARY KEY,
    notice_id UUID NOT NULL,
    my_payload CLOB NOT NULL,
    server_payload CLOB NOT NULL,
    server_revision INT NOT NULL,
    detected_at TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved_at TIMESTAMP WITH TIME ZONE,
    resolution VARCHAR(30)
);
CREATE INDEX sync_conflict_open ON sync_conflict(notice_id, resolved_at);
