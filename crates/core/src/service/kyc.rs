//! Identity verification as the faces see it: check a field, keep the draft, attach an ID card
//! image, submit (queued), send, pause and resume, and follow the platform's answer.
//!
//! Submitting only queues; `kyc_send` does the network part and may be left to the next sync
//! (the app runs it in the background and polls `kyc_state`; the CLI waits for it).

use std::path::Path;
use std::sync::atomic::Ordering;

use pishkhan_api::{KycDocument, KycField, KycForm, KycVerification};

use super::Pishkhan;
use crate::error::{CoreError, Result};
use crate::kyc::draft::{self, DraftImage};
use crate::kyc::form::{self, FieldCheck, FormCheck};
use crate::kyc::image;
use crate::kyc::submission::{self, document_names, KycState};
use crate::kyc::upload::UploadProgress;
use crate::sync::AuthorizedClient;

/// The side of the preview shown beside the form, in pixels.
const PREVIEW_SIDE: u32 = 480;

impl Pishkhan {
    /// Checks one field as typed (no network, no storage).
    pub fn kyc_check_field(&self, field: KycField, value: &str) -> FieldCheck {
        form::check_field(field, value, form::tehran_today())
    }

    /// Checks the whole form.
    pub fn kyc_check_form(&self, form: &KycForm) -> FormCheck {
        form::check_form(form, form::tehran_today())
    }

    /// Everything the verification screen shows.
    pub async fn kyc_state(&self) -> Result<KycState> {
        self.session().await?;
        submission::state(&self.account_db().await?).await
    }

    /// How far the uploads have come (cheap enough to poll).
    pub async fn kyc_upload_progress(&self) -> Result<Vec<UploadProgress>> {
        self.session().await?;
        crate::kyc::upload::progress(&self.account_db().await?).await
    }

    /// Keeps the form as typed, for the next run.
    pub async fn kyc_save_draft(&self, form: &KycForm) -> Result<()> {
        self.session().await?;
        draft::save_form(&self.account_db().await?, form).await
    }

    /// Prepares the photo at `path` (checked, oriented, stripped, downscaled) and keeps it as
    /// the draft's `document`. The image work runs on blocking threads.
    pub async fn kyc_attach_image(&self, document: KycDocument, path: &Path) -> Result<DraftImage> {
        self.session().await?;
        let cache = self.account_db().await?;
        let state = submission::state(&cache).await?;
        if !state.editable_documents.contains(&document) {
            let (en, fa) = document_names(document);
            return Err(CoreError::invalid(
                format!("The photo of the card's {en} cannot be changed now: only what the reviewer asked for can be"),
                format!("تصویر {fa} کارت را اکنون نمی‌توان تغییر داد: فقط آنچه بررسی‌کننده خواسته است تغییرپذیر است"),
            ));
        }
        let prepared = image::prepare_file(path).await?;
        let (prepared, preview) = tokio::task::spawn_blocking(move || {
            let preview = image::preview_jpeg(&prepared, PREVIEW_SIDE);
            (prepared, preview)
        })
        .await
        .map_err(|e| CoreError::InvalidInput(format!("the image work stopped: {e}")))?;
        let preview = preview?;
        draft::save_image(&cache, document, &prepared, &preview).await?;
        tracing::info!(
            document = document.as_str(),
            width = prepared.width,
            height = prepared.height,
            blurry = prepared.blurry,
            "ID card image prepared"
        );
        draft::images(&cache)
            .await?
            .into_iter()
            .find(|i| i.document == document)
            .ok_or_else(|| CoreError::InvalidInput("the image was not kept".into()))
    }

    pub async fn kyc_remove_image(&self, document: KycDocument) -> Result<()> {
        self.session().await?;
        draft::remove_image(&self.account_db().await?, document).await
    }

    /// Saves `form` as the draft, checks it and queues it for sending. Nothing goes over the
    /// network here: call [`Self::kyc_send`] (or let the next sync do it).
    pub async fn kyc_submit(&self, form: &KycForm) -> Result<KycState> {
        self.session().await?;
        let cache = self.account_db().await?;
        draft::save_form(&cache, form).await?;
        let checked = self.kyc_check_form(form);
        submission::queue(&cache, &checked).await?;
        self.record_diagnostic(crate::monitoring::kyc_submitted());
        self.kyc_pause.store(false, Ordering::SeqCst);
        submission::state(&cache).await
    }

    /// Sends a queued submission now: uploads the images the platform lacks, resuming, then
    /// posts the form. Answers the platform's verification, or none when nothing was waiting
    /// (or another send is already running).
    pub async fn kyc_send(
        &self,
        report: &(dyn Fn(UploadProgress) + Send + Sync),
    ) -> Result<Option<KycVerification>> {
        let Ok(_sending) = self.kyc_sending.try_lock() else {
            return Ok(None);
        };
        let api = self.api().await?;
        let cache = self.account_db().await?;
        submission::send(&cache, &api, &self.kyc_pause, report).await
    }

    /// Pauses the upload (the chunk in flight finishes) or resumes it.
    pub async fn kyc_pause(&self, paused: bool) -> Result<()> {
        self.session().await?;
        self.kyc_pause.store(paused, Ordering::SeqCst);
        submission::set_paused(&self.account_db().await?, paused).await
    }

    /// Asks the platform where the verification stands, and keeps the answer.
    pub async fn kyc_refresh(&self) -> Result<KycVerification> {
        let api = self.api().await?;
        submission::refresh(&self.account_db().await?, &api).await
    }

    /// The verification part of a sync: send what is queued, then fetch the status. A failure
    /// here is kept with the submission and logged; it does not fail the orders' sync.
    pub(crate) async fn kyc_sync(
        &self,
        cache: &crate::cache::Cache,
        api: &AuthorizedClient,
    ) -> Option<KycVerification> {
        if let Ok(_sending) = self.kyc_sending.try_lock() {
            if let Err(e) = submission::send(cache, api, &self.kyc_pause, &|_| {}).await {
                tracing::warn!(
                    code = e.code(),
                    "identity verification not sent during sync"
                );
            }
        }
        match submission::refresh(cache, api).await {
            Ok(v) => Some(v),
            Err(e) => {
                tracing::warn!(code = e.code(), "identity verification status not fetched");
                None
            }
        }
    }
}
