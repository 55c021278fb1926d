-- Sanwu sync server schema, version 10: leaf schema v2 and refused review actions (ADR 0025,
-- docs/transparency-log.md). Portable SQL: H2 2.x and PostgreSQL.

-- The facts a sanwu.log-leaf/2 leaf binds beyond v1. leaf_schema says which leaf the record must
-- rebuild: 1 for every row published before this version (their leaves stay v1 forever: the log is
-- append-only), 2 for every new one. Adding columns fires no row trigger, so the append-only guard
-- (AppendOnlyGuard) does not stand in the way; the rows themselves are never updated.
ALTER TABLE published_record ADD COLUMN leaf_schema INT DEFAULT 1 NOT NULL;
ALTER TABLE published_record ADD COLUMN approved_revision INT;
ALTER TABLE published_record ADD COLUMN approved_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE published_record ADD COLUMN supersedes VARCHAR(100);
ALTER TABLE published_record ADD COLUMN correction_reason VARCHAR(2000);

-- Refused review actions are audited per person with an hourly cap (RefusalAudit); the cap counts
-- a person's recent refusals with this index.
CREATE INDEX audit_event_by_actor ON audit_event(actor_user_id, occurred_at);
