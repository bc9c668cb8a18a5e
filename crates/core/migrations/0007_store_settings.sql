-- The store's notification settings on this computer: the platform's value as last seen, and
-- the owner's choice made here until the platform has it (queued like any edit, so a change
-- made offline is not lost). One row: the cache belongs to one store.
CREATE TABLE store_settings (
    id                      INTEGER PRIMARY KEY CHECK (id = 1),
    -- SMS to the owner's mobile for every new order, as the platform last said.
    sms_on_new_order        INTEGER NOT NULL,
    -- The owner's choice not yet on the platform (NULL: nothing waits).
    wanted_sms_on_new_order INTEGER,
    -- Why the last attempt to send it failed ({code, message, messageFa} JSON).
    last_error              TEXT,
    updated_at              INTEGER NOT NULL
);
