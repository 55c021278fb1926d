-- Sanwu local store, schema 3: USB bundle files (docs/decisions/0012-usb-bundles.md).

-- Every bundle file this PC exported. Its outbox entries went SENT with request_id = bundle_id;
-- mutation_ids (JSON array) is what the reply's results are matched against. answered_at is set
-- in the transaction that applies the reply, so a second import of the reply changes nothing.
CREATE TABLE bundle_export (
    bundle_id UUID PRIMARY KEY,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    feed_cursor BIGINT NOT NULL,
    mutation_ids CLOB NOT NULL,
    file_name VARCHAR(1000) NOT NULL,
    answered_at TIMESTAMP WITH TIME ZONE,
    reply_id UUID
);
