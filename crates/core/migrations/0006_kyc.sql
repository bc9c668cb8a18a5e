-- The merchant's identity verification on this computer: the form as typed so far, the
-- prepared ID card images, their resumable uploads, a submission waiting to be sent, and the
-- platform's last answer. A signed-in account has one verification, so each table holds at
-- most one row (per document for the images and uploads).

-- The form as the merchant typed it (pishkhan_api::KycForm as JSON, not yet normalised).
CREATE TABLE kyc_draft (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    form       TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);

-- An ID card image after the pipeline (oriented, stripped, downscaled JPEG) and its preview.
CREATE TABLE kyc_images (
    document    TEXT PRIMARY KEY CHECK (document IN ('idFront', 'idBack')),
    jpeg        BLOB NOT NULL,
    preview     BLOB NOT NULL,
    sha256      TEXT NOT NULL,
    width       INTEGER NOT NULL,
    height      INTEGER NOT NULL,
    sharpness   REAL NOT NULL,
    blurry      INTEGER NOT NULL,
    prepared_at INTEGER NOT NULL
);

-- The tus upload of an image: its URL on the platform and the offset the platform last
-- confirmed. Tied to the image by its SHA-256: another image starts another upload.
CREATE TABLE kyc_uploads (
    document  TEXT PRIMARY KEY CHECK (document IN ('idFront', 'idBack')),
    sha256    TEXT NOT NULL,
    length    INTEGER NOT NULL,
    url       TEXT,
    upload_id TEXT,
    "offset"  INTEGER NOT NULL DEFAULT 0,
    complete  INTEGER NOT NULL DEFAULT 0
);

-- A submission waiting to reach the platform (made offline, or while its images upload).
-- `submission_key` makes a retried submission count once on the platform.
CREATE TABLE kyc_outbox (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    submission_key TEXT NOT NULL,
    -- The normalised form (pishkhan_api::KycForm as JSON).
    form           TEXT NOT NULL,
    queued_at      INTEGER NOT NULL,
    -- The merchant paused the upload: nothing is sent until they resume.
    paused         INTEGER NOT NULL DEFAULT 0,
    attempts       INTEGER NOT NULL DEFAULT 0,
    -- The last failure as {code, message, messageFa} JSON; `refused` when the platform
    -- will not take it as it is (the merchant must change something and submit again).
    last_error     TEXT,
    refused        INTEGER NOT NULL DEFAULT 0
);

-- The platform's last answer (pishkhan_api::KycVerification as JSON).
CREATE TABLE kyc_verification (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    doc        TEXT NOT NULL,
    fetched_at INTEGER NOT NULL
);
