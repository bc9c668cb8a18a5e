-- The local cache of one store: a copy of the platform's orders and customers, rebuilt at any
-- time by a full sync. Each row keeps the record's whole wire document (`doc`) for detail
-- views, and the columns lists filter and sort on. Money is INTEGER Rials; instants are
-- INTEGER milliseconds since 1970 UTC.

CREATE TABLE orders (
    id             INTEGER PRIMARY KEY,
    order_number   TEXT NOT NULL,
    status         TEXT NOT NULL,
    payment_status TEXT NOT NULL,
    customer_id    INTEGER,
    customer_name  TEXT NOT NULL,
    mobile         TEXT,
    province       TEXT,
    city           TEXT,
    final_total    INTEGER NOT NULL,
    item_count     INTEGER NOT NULL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    version        INTEGER NOT NULL,
    -- Normalised (Persian letters, ASCII digits, lower case) text the search box matches.
    search_text    TEXT NOT NULL,
    doc            TEXT NOT NULL
);
CREATE INDEX orders_by_date ON orders(created_at DESC, id DESC);
CREATE INDEX orders_by_status_date ON orders(status, created_at DESC, id DESC);
CREATE INDEX orders_by_number ON orders(order_number);
CREATE INDEX orders_by_customer ON orders(customer_id);

CREATE TABLE customers (
    id          INTEGER PRIMARY KEY,
    full_name   TEXT NOT NULL,
    mobile      TEXT,
    email       TEXT,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    version     INTEGER NOT NULL,
    search_text TEXT NOT NULL,
    doc         TEXT NOT NULL
);

-- Where the change feed left off, and when the last sync finished.
CREATE TABLE sync_state (
    store_id       INTEGER PRIMARY KEY,
    cursor         TEXT,
    last_synced_at INTEGER
);
