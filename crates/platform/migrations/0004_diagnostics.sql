-- Diagnostic events apps send while their merchant has "share diagnostics" on
-- (POST /api/v1/diagnostics). Deliberately without the sender: no merchant, store or session
-- column, and the events themselves carry no identifier (crates/api/src/diagnostics.rs).
CREATE TABLE diagnostic_events (
    id          INTEGER PRIMARY KEY,
    -- The event's kind (`sync_finished`, ...), for counting without reading the JSON.
    kind        TEXT NOT NULL,
    -- The DiagnosticEvent as JSON, written back from the checked type (never the raw body).
    event       TEXT NOT NULL,
    received_at TEXT NOT NULL
);
CREATE INDEX diagnostic_events_by_kind ON diagnostic_events(kind, id);
