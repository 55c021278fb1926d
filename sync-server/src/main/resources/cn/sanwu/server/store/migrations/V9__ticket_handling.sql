-- Sanwu sync server schema, version 9: the staff side of tickets (docs/tickets.md, ADR 0023).
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL.

-- The handler a ticket is assigned to (a person in scope), null until assigned.
ALTER TABLE ticket ADD COLUMN assignee_id UUID REFERENCES app_user(id);

-- The text of a step that carries one: the 核实 (verification) record. detail stays the short
-- machine value (a category, an assignee's username).
ALTER TABLE ticket_event ADD COLUMN note VARCHAR(8000);
ALTER TABLE ticket_event ADD COLUMN actor_name VARCHAR(100);

-- Every staff step sent with an action id (a PC's offline queue): a replay finds its row here
-- and is answered "already done" instead of applying twice. request_hash tells a replay from a
-- reused id carrying something else.
CREATE TABLE ticket_action (
    action_id    UUID PRIMARY KEY,
    ticket_code  VARCHAR(12) NOT NULL REFERENCES ticket(code),
    actor        UUID NOT NULL REFERENCES app_user(id),
    step         VARCHAR(20) NOT NULL,
    request_hash VARCHAR(64) NOT NULL,
    done_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
