-- The feed epoch: a random id that changes whenever the database is restored from a backup.
-- Every sync response carries it; a client that sees it change reloads from cursor 0 and sends
-- back what the restored server lacks (docs/sync-protocol.md "Restore"). One row, written by the
-- server at start when missing and by `admin restore-backup` / `admin renew-feed-epoch`.
CREATE TABLE server_meta (
    id INT PRIMARY KEY,
    feed_epoch VARCHAR(40) NOT NULL
);

-- The pull leaves out changes superseded by a later change of the same entity (ChangeFeed.pull):
-- this index answers "is there a later change of this entity" without scanning the scope.
CREATE INDEX change_feed_entity ON change_feed(scope, entity_type, entity_id, seq);
