-- Edits sent by apps, applied exactly once, and the store's notification outbox.

-- Every mutation id a store's apps sent, with the answer given the first time: a repeated id
-- (a retry after a lost answer) gets the same answer and changes nothing.
CREATE TABLE applied_mutations (
    store_id    INTEGER NOT NULL REFERENCES stores(id),
    mutation_id TEXT NOT NULL,
    order_id    INTEGER NOT NULL,
    answer      TEXT NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (store_id, mutation_id)
) WITHOUT ROWID;

-- The order version at which each editable part of an order last changed, so a mutation based
-- on an older version conflicts only when the part it edits moved since.
CREATE TABLE order_field_versions (
    order_id INTEGER NOT NULL,
    field    TEXT NOT NULL,
    version  INTEGER NOT NULL,
    PRIMARY KEY (order_id, field)
) WITHOUT ROWID;

-- Messages the platform owes the store for new orders: an email for every order (always on),
-- an SMS when the store turned SMS-on-new-order on. A real platform would hand these to its
-- mail and SMS providers; this one keeps them for the admin API and the tests.
CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    store_id   INTEGER NOT NULL REFERENCES stores(id),
    order_id   INTEGER NOT NULL,
    channel    TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    recipient  TEXT NOT NULL,
    body       TEXT NOT NULL,
    status     TEXT NOT NULL DEFAULT 'queued',
    created_at TEXT NOT NULL
);
CREATE INDEX notifications_by_store ON notifications(store_id, id);

-- Where the store's SMS notifications go: the owner's mobile (+989XXXXXXXXX).
ALTER TABLE stores ADD COLUMN owner_mobile TEXT;
