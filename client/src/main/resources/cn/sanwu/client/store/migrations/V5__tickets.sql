-- Sanwu local store, schema 5: residents' tickets on a staff PC (docs/tickets.md, ADR 0023).

-- The tickets last pulled for a staff account, as the server gave them (one JSON object each:
-- masked text for a village account, never the reporter's contact). A pull replaces the rows of
-- its account in one transaction, so the cache is always one whole server answer.
CREATE TABLE ticket_cache (
    owner       VARCHAR(64) NOT NULL,
    code        VARCHAR(12) NOT NULL,
    ticket_json CLOB NOT NULL,
    PRIMARY KEY (owner, code)
);

-- When each account last pulled, by the server's clock and the PC's.
CREATE TABLE ticket_pull (
    owner       VARCHAR(64) PRIMARY KEY,
    server_time TIMESTAMP WITH TIME ZONE NOT NULL,
    pulled_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Staff steps taken on this PC, queued durably until the server has them. action_id travels with
-- the step, so a step sent twice (an answer lost on the way back) is applied once. state: QUEUED,
-- DONE, or CONFLICT with the server's message (e.g. closed meanwhile by someone else) — kept and
-- shown, never dropped.
CREATE TABLE ticket_outbox (
    action_id    UUID PRIMARY KEY,
    queue_seq    BIGINT NOT NULL,
    owner        VARCHAR(64) NOT NULL,
    ticket_code  VARCHAR(12) NOT NULL,
    step         VARCHAR(20) NOT NULL,
    payload_json VARCHAR(20000) NOT NULL,
    queued_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    state        VARCHAR(10) NOT NULL,
    message      VARCHAR(2000),
    settled_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ticket_outbox_by_state ON ticket_outbox(owner, state, queue_seq);
