-- Sanwu local store, schema 6: residents' photos on a staff PC (docs/tickets.md, ADR 0029).

-- A ticket's photo as the server gave it to a staff account (the re-encoded JPEG, no metadata),
-- fetched when the ticket was first opened so it shows offline afterwards. Per account like
-- ticket_cache: a photo leaves the PC with the ticket when a pull no longer lists it for that
-- account or no longer says it has a photo the account may see.
CREATE TABLE ticket_photo_cache (
    owner      VARCHAR(64) NOT NULL,
    code       VARCHAR(12) NOT NULL,
    image      BLOB NOT NULL,
    fetched_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (owner, code)
);
