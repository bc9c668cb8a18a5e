//! The verification draft kept between runs: the form as typed and the prepared ID card
//! images, in the local database next to the cache (so it is protected, and erased, with it).

use chrono::Utc;
use pishkhan_api::{KycDocument, KycForm};
use serde::Serialize;
use sqlx::Row;
use ts_rs::TS;

use crate::cache::Cache;
use crate::error::{json_error, CoreError, Result};
use crate::kyc::image::PreparedImage;

/// A prepared image as the form shows it (the bytes stay in the database).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DraftImage {
    pub document: KycDocument,
    pub width: u32,
    pub height: u32,
    /// Size of the JPEG that will be uploaded.
    #[ts(type = "number")]
    pub bytes: u64,
    pub sha256: String,
    /// The photo looks blurred: a warning, the merchant may still send it.
    pub blurry: bool,
    /// A small JPEG of the image as `data:image/jpeg;base64,…`.
    pub preview: String,
}

/// The image bytes that will be uploaded, with their hash.
pub(crate) struct ImageBytes {
    pub jpeg: Vec<u8>,
    pub sha256: String,
}

/// The form as last saved (all fields empty when nothing was).
pub async fn form(cache: &Cache) -> Result<KycForm> {
    let row: Option<(String,)> = sqlx::query_as("SELECT form FROM kyc_draft WHERE id = 1")
        .fetch_optional(cache.pool())
        .await?;
    match row {
        Some((json,)) => serde_json::from_str(&json).map_err(|e| {
            CoreError::MalformedResponse(format!("the saved draft: {}", json_error(&e)))
        }),
        None => Ok(KycForm::default()),
    }
}

/// Saves the form as typed (nothing is checked: a draft may be half done).
pub async fn save_form(cache: &Cache, form: &KycForm) -> Result<()> {
    let json = serde_json::to_string(form)
        .map_err(|e| CoreError::InvalidInput(format!("the draft cannot be saved: {e}")))?;
    sqlx::query(
        "INSERT INTO kyc_draft (id, form, updated_at) VALUES (1, ?1, ?2)
         ON CONFLICT (id) DO UPDATE SET form = excluded.form, updated_at = excluded.updated_at",
    )
    .bind(json)
    .bind(Utc::now().timestamp_millis())
    .execute(cache.pool())
    .await?;
    Ok(())
}

/// Keeps a prepared image (and its preview) as the draft's `document`.
pub async fn save_image(
    cache: &Cache,
    document: KycDocument,
    image: &PreparedImage,
    preview: &[u8],
) -> Result<()> {
    sqlx::query(
        "INSERT INTO kyc_images
           (document, jpeg, preview, sha256, width, height, sharpness, blurry, prepared_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (document) DO UPDATE SET
           jpeg = excluded.jpeg, preview = excluded.preview, sha256 = excluded.sha256,
           width = excluded.width, height = excluded.height, sharpness = excluded.sharpness,
           blurry = excluded.blurry, prepared_at = excluded.prepared_at",
    )
    .bind(document.as_str())
    .bind(&image.jpeg)
    .bind(preview)
    .bind(&image.sha256)
    .bind(image.width)
    .bind(image.height)
    .bind(image.sharpness)
    .bind(image.blurry)
    .bind(Utc::now().timestamp_millis())
    .execute(cache.pool())
    .await?;
    Ok(())
}

pub async fn remove_image(cache: &Cache, document: KycDocument) -> Result<()> {
    sqlx::query("DELETE FROM kyc_images WHERE document = ?1")
        .bind(document.as_str())
        .execute(cache.pool())
        .await?;
    Ok(())
}

/// The draft's images, front first.
pub async fn images(cache: &Cache) -> Result<Vec<DraftImage>> {
    use base64::Engine;
    let rows = sqlx::query(
        "SELECT document, width, height, length(jpeg) AS bytes, sha256, blurry, preview
         FROM kyc_images ORDER BY document DESC",
    )
    .fetch_all(cache.pool())
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let name: String = row.try_get("document")?;
        let Some(document) = KycDocument::parse(&name) else {
            continue;
        };
        let preview: Vec<u8> = row.try_get("preview")?;
        out.push(DraftImage {
            document,
            width: row.try_get("width")?,
            height: row.try_get("height")?,
            bytes: row.try_get::<i64, _>("bytes")?.max(0) as u64,
            sha256: row.try_get("sha256")?,
            blurry: row.try_get("blurry")?,
            preview: format!(
                "data:image/jpeg;base64,{}",
                base64::engine::general_purpose::STANDARD.encode(preview)
            ),
        });
    }
    out.sort_by_key(|i| i.document);
    Ok(out)
}

/// The bytes of a draft image, if there is one.
pub(crate) async fn image_bytes(
    cache: &Cache,
    document: KycDocument,
) -> Result<Option<ImageBytes>> {
    let row: Option<(Vec<u8>, String)> =
        sqlx::query_as("SELECT jpeg, sha256 FROM kyc_images WHERE document = ?1")
            .bind(document.as_str())
            .fetch_optional(cache.pool())
            .await?;
    Ok(row.map(|(jpeg, sha256)| ImageBytes { jpeg, sha256 }))
}
