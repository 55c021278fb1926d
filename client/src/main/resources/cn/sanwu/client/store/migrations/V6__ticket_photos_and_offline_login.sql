-- Sanwu local store, schema 6: residents' photos and offline sign-in on a staff PC (docs/tickets.md, ADR 0029).

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

-- A verifier of the password each staff account last logged in with online on this PC
-- (PBKDF2-HMAC-SHA256, per-account salt): without a connection the window opens on the account's
-- cache only for the right password, so a colleague at the same PC cannot read that account's
-- tickets or queue steps to be sent in its name. No session token is kept (ADR 0029).
CREATE TABLE ticket_login (
    owner      VARCHAR(64) PRIMARY KEY,
    salt       VARBINARY(16) NOT NULL,
    iterations INT NOT NULL,
    verifier   VARBINARY(32) NOT NULL,
    saved_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
