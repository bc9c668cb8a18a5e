-- The reference platform's own database. Orders and customers keep their whole wire document
-- in `doc` (JSON), with the columns the platform filters on beside it. Every change takes the
-- next number of `change_seq`, inside the same write transaction, which is what makes the
-- change feed gap-free: SQLite has one writer at a time, so numbers are handed out in commit
-- order.

CREATE TABLE merchants (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL
);

CREATE TABLE stores (
    id                INTEGER PRIMARY KEY,
    merchant_id       INTEGER NOT NULL REFERENCES merchants(id),
    name              TEXT NOT NULL,
    sms_on_new_order  INTEGER NOT NULL DEFAULT 0,
    next_order_number INTEGER NOT NULL DEFAULT 100001
);
CREATE INDEX stores_merchant ON stores(merchant_id);

CREATE TABLE sessions (
    id                INTEGER PRIMARY KEY,
    merchant_id       INTEGER NOT NULL REFERENCES merchants(id),
    access_hash       TEXT NOT NULL UNIQUE,
    refresh_hash      TEXT NOT NULL UNIQUE,
    access_expires_at TEXT NOT NULL,
    signed_in_at      TEXT NOT NULL,
    last_seen_at      TEXT NOT NULL,
    user_agent        TEXT,
    device_name       TEXT,
    revoked_at        TEXT
);
CREATE INDEX sessions_merchant ON sessions(merchant_id);

CREATE TABLE change_counter (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    value INTEGER NOT NULL
);
INSERT INTO change_counter (id, value) VALUES (1, 0);

CREATE TABLE orders (
    id           INTEGER PRIMARY KEY,
    store_id     INTEGER NOT NULL REFERENCES stores(id),
    order_number TEXT NOT NULL,
    customer_id  INTEGER,
    status       TEXT NOT NULL,
    change_seq   INTEGER NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0,
    doc          TEXT
);
CREATE UNIQUE INDEX orders_feed ON orders(store_id, change_seq);
CREATE UNIQUE INDEX orders_number ON orders(store_id, order_number);

CREATE TABLE customers (
    id         INTEGER PRIMARY KEY,
    store_id   INTEGER NOT NULL REFERENCES stores(id),
    change_seq INTEGER NOT NULL,
    deleted    INTEGER NOT NULL DEFAULT 0,
    doc        TEXT
);
CREATE UNIQUE INDEX customers_feed ON customers(store_id, change_seq);
