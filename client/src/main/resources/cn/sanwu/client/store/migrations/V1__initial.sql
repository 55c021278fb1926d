-- Sanwu local store, schema 1. Instants are UTC; periods are calendar values (DESIGN.md §5.3).

CREATE TABLE setting (
    k VARCHAR(100) PRIMARY KEY,
    v VARCHAR(4000) NOT NULL
);

CREATE TABLE region (
    code CHAR(12) PRIMARY KEY,
    name VARCHAR(200) NOT NULL,
    level VARCHAR(20) NOT NULL,
    parent_code CHAR(12)
);

CREATE TABLE catalog_version (
    version VARCHAR(100) PRIMARY KEY,
    json CLOB NOT NULL,
    installed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    active BOOLEAN NOT NULL
);

-- One row per notice; content_json is the full content, content_hash its canonical hash, checked
-- on every read because H2 has no page checksums (STACK.md).
CREATE TABLE notice (
    id UUID PRIMARY KEY,
    village_code CHAR(12) NOT NULL,
    item_code VARCHAR(20) NOT NULL,
    category VARCHAR(20) NOT NULL,
    period_code VARCHAR(20) NOT NULL,
    period_start DATE NOT NULL,
    title VARCHAR(1000) NOT NULL,
    status VARCHAR(30) NOT NULL,
    revision INT NOT NULL,
    reason VARCHAR(4000) NOT NULL,
    content_json CLOB NOT NULL,
    content_hash VARCHAR(100) NOT NULL,
    search_text VARCHAR(1000000) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX notice_village_updated ON notice(village_code, updated_at DESC);
CREATE INDEX notice_village_item_period ON notice(village_code, item_code, period_code);

-- Local-first writes: every user change writes its row and one outbox entry in the same
-- transaction (DESIGN.md §5.6). A pending entry for the same entity is replaced, not duplicated,
-- because only the latest state of an unsent draft needs to travel.
CREATE TABLE outbox (
    seq BIGINT AUTO_INCREMENT PRIMARY KEY,
    mutation_id UUID NOT NULL UNIQUE,
    entity_type VARCHAR(30) NOT NULL,
    entity_id UUID NOT NULL,
    base_revision INT NOT NULL,
    payload CLOB NOT NULL,
    state VARCHAR(20) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX outbox_entity ON outbox(entity_id, state);

-- What the clerk typed in table editors, including rows that do not parse yet (a half-typed
-- amount). Local only, never synced: it exists so that closing the window never loses typing.
CREATE TABLE editor_scratch (
    notice_id UUID PRIMARY KEY,
    revision INT NOT NULL,
    json CLOB NOT NULL,
    saved_at TIMESTAMP WITH TIME ZONE NOT NULL
);
