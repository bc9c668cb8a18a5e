-- Edits made in the app (often offline), kept until the platform has answered them.
--
-- `outbox` rows are sent in `seq` order, each with its mutation id (the platform applies an id
-- at most once) and the platform version of the order it was made on. A row leaves the outbox
-- only in the transaction that records the platform's answer, so no edit is lost or sent as a
-- different one, whatever is interrupted.
CREATE TABLE outbox (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    mutation_id  TEXT NOT NULL UNIQUE,
    order_id     INTEGER NOT NULL,
    base_version INTEGER NOT NULL,
    -- pishkhan_api::OrderChange as JSON.
    change       TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    -- pending: to send; conflict: the platform changed the same part meanwhile, waiting for
    -- the merchant to keep theirs or take the platform's.
    state        TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'conflict')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT,
    -- For a conflict: the fields that moved (JSON array).
    conflict     TEXT
);
CREATE INDEX outbox_by_order ON outbox(order_id, seq);

-- The platform's own copy of each order that has edits in the outbox. What the lists show is
-- this copy with the waiting edits applied on top, so a sync that brings the platform's newer
-- version never hides the merchant's edit, and a rejected edit rolls back to it.
CREATE TABLE order_base (
    order_id INTEGER PRIMARY KEY,
    doc      TEXT NOT NULL
);

-- What became of edits that left the outbox: applied, rejected (with the platform's reason)
-- or discarded (the merchant took the platform's version in a conflict).
CREATE TABLE edit_log (
    id           INTEGER PRIMARY KEY,
    mutation_id  TEXT NOT NULL,
    order_id     INTEGER NOT NULL,
    change       TEXT NOT NULL,
    outcome      TEXT NOT NULL CHECK (outcome IN ('applied', 'rejected', 'discarded')),
    code         TEXT,
    message      TEXT,
    message_fa   TEXT,
    at           INTEGER NOT NULL
);

-- The app's preferences on this computer (sync interval, new-order notifications).
CREATE TABLE preferences (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
