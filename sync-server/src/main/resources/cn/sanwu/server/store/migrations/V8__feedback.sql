-- Sanwu sync server schema, version 8: residents' questions and problem reports (tickets)
-- (docs/public-pages.md, docs/decisions/0021). Portable SQL: runs unchanged on H2 2.x and PostgreSQL.

-- One question (询问) or problem report (反映问题). code is the ticket code the resident writes
-- down (12 Crockford base32 characters, the last a check character); nothing here says who sent
-- it: no address, no user agent. category is set by staff (POLICY_QUERY / PROBLEM_LEAD / OTHER).
CREATE TABLE ticket (
    code         VARCHAR(12) PRIMARY KEY,
    village_code VARCHAR(12) NOT NULL REFERENCES region(code),
    kind         VARCHAR(20) NOT NULL,
    notice_ref   VARCHAR(64),
    body         VARCHAR(8000) NOT NULL,
    category     VARCHAR(20),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    due_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    reply        VARCHAR(8000),
    replied_at   TIMESTAMP WITH TIME ZONE,
    replied_by   UUID REFERENCES app_user(id),
    closed_at    TIMESTAMP WITH TIME ZONE,
    closed_by    UUID REFERENCES app_user(id)
);
CREATE INDEX ticket_by_village ON ticket(village_code, created_at);

-- The reporter's optional contact, apart from the ticket so that no query serving village or
-- township staff can select it by accident: only the city-oversight route reads this table, and
-- each read is recorded in ticket_event (CONTACT_READ).
CREATE TABLE ticket_contact (
    ticket_code VARCHAR(12) PRIMARY KEY REFERENCES ticket(code),
    contact     VARCHAR(400) NOT NULL
);

-- The optional photo, already re-encoded by the server (no EXIF, no GPS, no other metadata).
CREATE TABLE ticket_photo (
    ticket_code VARCHAR(12) PRIMARY KEY REFERENCES ticket(code),
    media_type  VARCHAR(40) NOT NULL,
    image       BYTEA NOT NULL
);

-- Every step, timestamped: SUBMITTED, CLASSIFIED, REPLIED, CLOSED, CONTACT_READ.
CREATE TABLE ticket_event (
    ticket_code VARCHAR(12) NOT NULL REFERENCES ticket(code),
    seq         INT NOT NULL,
    happened_at TIMESTAMP WITH TIME ZONE NOT NULL,
    step        VARCHAR(20) NOT NULL,
    actor       UUID REFERENCES app_user(id),
    detail      VARCHAR(100),
    PRIMARY KEY (ticket_code, seq)
);
