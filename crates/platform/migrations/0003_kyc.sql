-- Identity verification (KYC): the ID card images received with tus, each merchant's
-- verification as it stands, every submission and every reviewer decision.

-- One tus upload. Its bytes live in `<data_dir>/uploads/<id>`, not here. `received` is the
-- offset HEAD answers: it is written only after the bytes up to it were fsynced, so after a
-- crash it may lag behind the file (the next PATCH cuts the file back to it) but never runs
-- ahead of it.
CREATE TABLE uploads (
    id           TEXT PRIMARY KEY,       -- 32 lowercase hex characters
    merchant_id  INTEGER NOT NULL REFERENCES merchants(id),
    document     TEXT NOT NULL CHECK (document IN ('idFront', 'idBack')),
    -- The declared media type, replaced by the one the bytes turned out to be on completion.
    filetype     TEXT,
    -- `Upload-Metadata` as the client sent it (HEAD repeats it, as tus requires).
    metadata     TEXT NOT NULL,
    length       INTEGER NOT NULL CHECK (length > 0),
    received     INTEGER NOT NULL DEFAULT 0 CHECK (received >= 0 AND received <= length),
    -- The whole file's SHA-256 (lowercase hex) as the client declared it at creation.
    sha256       TEXT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'receiving'
                 CHECK (state IN ('receiving', 'complete', 'failed')),
    -- Why a failed upload failed: `upload_corrupt` or `upload_type_not_supported`.
    failure      TEXT,
    created_at   TEXT NOT NULL,
    completed_at TEXT
);
CREATE INDEX uploads_open ON uploads(merchant_id, document, state, created_at);

-- Where each merchant's verification stands; no row means nothing was submitted yet. The form
-- and documents it refers to are those of the submission with the same revision.
CREATE TABLE kyc_verifications (
    merchant_id  INTEGER PRIMARY KEY REFERENCES merchants(id),
    status       TEXT NOT NULL
                 CHECK (status IN ('submitted', 'in_review', 'verified', 'rejected', 'info_requested')),
    revision     INTEGER NOT NULL CHECK (revision >= 1),
    -- JSON array of KycReason: what to fix, when rejected or more information is requested.
    reasons      TEXT NOT NULL DEFAULT '[]',
    submitted_at TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

-- Every submission, kept: revision N is the Nth. The submission key makes a retried POST count
-- once (a key already used by the merchant is answered with the current state).
CREATE TABLE kyc_submissions (
    merchant_id    INTEGER NOT NULL REFERENCES merchants(id),
    revision       INTEGER NOT NULL,
    submission_key TEXT NOT NULL,
    -- The normalised KycForm, JSON.
    form           TEXT NOT NULL,
    id_front       TEXT NOT NULL REFERENCES uploads(id),
    id_back        TEXT NOT NULL REFERENCES uploads(id),
    submitted_at   TEXT NOT NULL,
    PRIMARY KEY (merchant_id, revision),
    UNIQUE (merchant_id, submission_key)
);

-- Every reviewer decision, kept for the record.
CREATE TABLE kyc_reviews (
    id          INTEGER PRIMARY KEY,
    merchant_id INTEGER NOT NULL REFERENCES merchants(id),
    revision    INTEGER NOT NULL,
    action      TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    reasons     TEXT NOT NULL DEFAULT '[]',
    reviewed_at TEXT NOT NULL
);
CREATE INDEX kyc_reviews_by_merchant ON kyc_reviews(merchant_id, id);
