-- The schema offline order review needs: a column (and index) for every filter and sort of the
-- orders list, a full-text index for the search box, invoice lines for the dashboard's top
-- products, and the filter choices (places, shipping methods) kept as sync writes orders.
--
-- The cache is a copy of the platform, so this migration rebuilds it instead of converting it:
-- the old tables go, the cursor is forgotten, and the next sync is a full one.

DROP TABLE orders;
DROP TABLE customers;
DELETE FROM sync_state;

CREATE TABLE orders (
    id              INTEGER PRIMARY KEY,
    order_number    TEXT NOT NULL,
    status          TEXT NOT NULL,
    -- The status's place in the workflow (pending payment = 0 … refunded = 5), for sorting.
    status_rank     INTEGER NOT NULL,
    payment_status  TEXT NOT NULL,
    -- The name of the first shipping item's rate ("پست پیشتاز").
    shipping_method TEXT,
    customer_id     INTEGER,
    customer_name   TEXT NOT NULL,
    mobile          TEXT,
    province        TEXT,
    city            TEXT,
    final_total     INTEGER NOT NULL,
    item_count      INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL,
    doc             TEXT NOT NULL
);
-- Each index ends (implicitly) with the rowid, so `ORDER BY <key> DESC, id DESC` and keyset
-- positions `(key, id) < (?, ?)` walk them without sorting.
CREATE INDEX orders_by_date ON orders(created_at);
CREATE INDEX orders_by_total ON orders(final_total);
CREATE INDEX orders_by_status ON orders(status_rank, created_at);
CREATE INDEX orders_by_province ON orders(province, created_at);
CREATE INDEX orders_by_city ON orders(city, created_at);
CREATE INDEX orders_by_customer ON orders(customer_id, created_at);
CREATE INDEX orders_by_number ON orders(order_number);

-- Invoice lines, for top products.
CREATE TABLE order_items (
    order_id  INTEGER NOT NULL,
    name      TEXT NOT NULL,
    quantity  INTEGER NOT NULL,
    total     INTEGER NOT NULL
);
CREATE INDEX order_items_by_order ON order_items(order_id);

-- Search: normalised text (see `pishkhan_iran::normalize::for_search`) of each order, keyed
-- by the order id. Contentless: the index holds only tokens, the text lives nowhere else.
CREATE VIRTUAL TABLE order_search USING fts5(
    text, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);

CREATE TABLE customers (
    id          INTEGER PRIMARY KEY,
    full_name   TEXT NOT NULL,
    mobile      TEXT,
    email       TEXT,
    city        TEXT,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    version     INTEGER NOT NULL,
    doc         TEXT NOT NULL
);
CREATE INDEX customers_by_date ON customers(created_at);

CREATE VIRTUAL TABLE customer_search USING fts5(
    text, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);

-- Choices for the list's filters. Rows are added as orders arrive and never removed: a place
-- no cached order has any more simply filters to an empty list.
CREATE TABLE places (
    province TEXT NOT NULL,
    city     TEXT NOT NULL,
    PRIMARY KEY (province, city)
) WITHOUT ROWID;

CREATE TABLE shipping_methods (
    name TEXT PRIMARY KEY
) WITHOUT ROWID;
