//! `pishkhan kyc`: identity verification from the command line, with the same checks, image
//! pipeline, queue and upload the app uses.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Subcommand;
use pishkhan_api::{
    KycDocument, KycField, KycForm, KycReason, KycStatus, KycSubject, KycVerification,
};
use pishkhan_core::kyc::form::{self, field_names, FieldCheck};
use pishkhan_core::kyc::image;
use pishkhan_core::kyc::submission::KycState;
use pishkhan_core::{CoreError, Pishkhan};

use crate::print_json;

#[derive(Subcommand)]
pub enum KycCommand {
    /// Check values as the verification form does; exit code 0 only when every one given is
    /// valid. Persian or Arabic digits are fine.
    Validate {
        #[arg(long)]
        national_code: Option<String>,
        #[arg(long)]
        sheba: Option<String>,
        #[arg(long)]
        mobile: Option<String>,
        #[arg(long)]
        postal_code: Option<String>,
        /// Jalali, YYYY/MM/DD (the owner must be at least 18).
        #[arg(long)]
        birth_date: Option<String>,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        full_name: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Prepare an ID card photo exactly as the app does before sending it: checked, oriented,
    /// stripped of all metadata, at most 2000 px, JPEG.
    PrepareImage {
        input: PathBuf,
        output: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Submit the verification: the form (JSON with fullName, storeName, email, mobile,
    /// address, postalCode, sheba, birthDate, nationalCode) and the card's two sides. After a
    /// rejection, give only the images the reviewer asked for.
    Submit {
        #[arg(long)]
        form: PathBuf,
        #[arg(long)]
        id_front: Option<PathBuf>,
        #[arg(long)]
        id_back: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Where the verification stands (asks the platform when it can).
    Status {
        #[arg(long)]
        json: bool,
    },
}

pub async fn run(app: &Pishkhan, command: KycCommand) -> Result<(), CoreError> {
    match command {
        KycCommand::Validate {
            national_code,
            sheba,
            mobile,
            postal_code,
            birth_date,
            email,
            full_name,
            json,
        } => validate(
            [
                (KycField::NationalCode, national_code),
                (KycField::Sheba, sheba),
                (KycField::Mobile, mobile),
                (KycField::PostalCode, postal_code),
                (KycField::BirthDate, birth_date),
                (KycField::Email, email),
                (KycField::FullName, full_name),
            ],
            json,
        ),
        KycCommand::PrepareImage {
            input,
            output,
            json,
        } => prepare_image(&input, &output, json).await,
        KycCommand::Submit {
            form,
            id_front,
            id_back,
            json,
        } => submit(app, &form, id_front, id_back, json).await,
        KycCommand::Status { json } => status(app, json).await,
    }
}

fn validate(given: [(KycField, Option<String>); 7], json: bool) -> Result<(), CoreError> {
    let today = form::tehran_today();
    let checks: Vec<FieldCheck> = given
        .into_iter()
        .filter_map(|(field, value)| value.map(|v| form::check_field(field, &v, today)))
        .collect();
    if checks.is_empty() {
        return Err(CoreError::invalid(
            "Give at least one value to check, e.g. --national-code 0499370899",
            "دست‌کم یک مقدار برای بررسی بدهید، مانند ‎--national-code 0499370899",
        ));
    }
    if json {
        print_json(&checks)?;
    } else {
        for c in &checks {
            print_check(c);
        }
    }
    let bad = checks.iter().filter(|c| !c.ok).count();
    if bad > 0 {
        return Err(CoreError::invalid(
            format!("{bad} of {} values are not valid", checks.len()),
            format!("{bad} مقدار از {} مقدار معتبر نیست", checks.len()),
        ));
    }
    Ok(())
}

fn print_check(c: &FieldCheck) {
    let (name, _) = field_names(c.field);
    if c.ok {
        let mut line = format!(
            "{name}: valid  {}",
            c.display
                .as_deref()
                .or(c.normalized.as_deref())
                .unwrap_or("")
        );
        if let Some(bank) = &c.bank {
            line.push_str(&format!("  ({} / {})", bank.name_en, bank.name_fa));
        }
        if let Some(op) = &c.operator {
            line.push_str(&format!("  ({} / {})", op.name_en, op.name_fa));
        }
        println!("{line}");
    } else if let Some(e) = &c.error {
        println!(
            "{name}: NOT valid ({})\n  {}.\n  {}.",
            e.code, e.message, e.message_fa
        );
        if let Some(bank) = &c.bank {
            println!("  bank: {} / {}", bank.name_en, bank.name_fa);
        }
    }
    if let Some(w) = &c.warning {
        println!("  warning: {}. / {}.", w.message, w.message_fa);
    }
}

async fn prepare_image(input: &Path, output: &Path, json: bool) -> Result<(), CoreError> {
    let prepared = image::prepare_file(input).await?;
    // Written under a temporary name and renamed: a failure leaves no half image behind.
    let dir = output
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let temp = dir.join(format!(
        ".{}.part",
        output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "image".into())
    ));
    let bytes = prepared.jpeg.clone();
    let (t, o) = (temp.clone(), output.to_path_buf());
    tokio::task::spawn_blocking(move || -> std::io::Result<()> {
        let mut f = std::fs::File::create(&t)?;
        f.write_all(&bytes)?;
        f.sync_all()?;
        std::fs::rename(&t, &o)
    })
    .await
    .map_err(|e| CoreError::InvalidInput(format!("writing the image stopped: {e}")))?
    .inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })?;
    if json {
        print_json(&serde_json::json!({
            "width": prepared.width,
            "height": prepared.height,
            "bytes": prepared.jpeg.len(),
            "sha256": prepared.sha256,
            "sharpness": prepared.sharpness,
            "blurry": prepared.blurry,
            "source": {
                "format": prepared.source.format,
                "width": prepared.source.width,
                "height": prepared.source.height,
                "bytes": prepared.source.bytes,
            },
        }))?;
    } else {
        println!(
            "Wrote {}: {}×{} JPEG, {} bytes, no metadata (from a {}×{} {}).",
            output.display(),
            prepared.width,
            prepared.height,
            prepared.jpeg.len(),
            prepared.source.width,
            prepared.source.height,
            prepared.source.format
        );
        println!("SHA-256: {}", prepared.sha256);
        if prepared.blurry {
            println!("Warning: the photo looks blurred; a sharper one is less likely to be rejected.\nهشدار: عکس تار به نظر می‌رسد؛ عکس واضح‌تر کمتر رد می‌شود.");
        }
    }
    Ok(())
}

async fn submit(
    app: &Pishkhan,
    form_path: &Path,
    id_front: Option<PathBuf>,
    id_back: Option<PathBuf>,
    json: bool,
) -> Result<(), CoreError> {
    let text = tokio::fs::read_to_string(form_path).await?;
    let form: KycForm = serde_json::from_str(&text).map_err(|e| {
        CoreError::invalid(
            format!(
                "The form file is not the expected JSON ({}); see `pishkhan kyc submit --help`",
                pishkhan_core::error::json_error(&e)
            ),
            "فایل فرم JSON مورد انتظار نیست؛ راهنمای `pishkhan kyc submit --help` را ببینید",
        )
    })?;
    let checked = app.kyc_check_form(&form);
    if !checked.ok {
        for c in checked.fields.iter().filter(|c| !c.ok) {
            print_check(c);
        }
    }
    for (document, path) in [
        (KycDocument::IdFront, id_front),
        (KycDocument::IdBack, id_back),
    ] {
        if let Some(path) = path {
            let image = app.kyc_attach_image(document, &path).await?;
            if image.blurry && !json {
                eprintln!("Warning: the {} photo looks blurred.", document.as_str());
            }
        }
    }
    app.kyc_submit(&form).await?;
    let sent = app
        .kyc_send(&|p| {
            eprint!(
                "\ruploading {}: {}/{} bytes",
                p.document.as_str(),
                p.sent,
                p.total
            );
            let _ = std::io::stderr().flush();
        })
        .await;
    eprintln!();
    match sent {
        Ok(_) => {}
        Err(e @ CoreError::PlatformUnreachable { .. }) => {
            eprintln!(
                "Not sent now: {}\nThe submission is kept and will be sent with the next `pishkhan sync`.\nدرخواست نگه داشته شد و با همگام‌سازی بعدی فرستاده می‌شود.",
                e.message_en()
            );
        }
        Err(e) => return Err(e),
    }
    let state = app.kyc_state().await?;
    if json {
        print_json(&state)?;
    } else {
        print_state(&state);
    }
    Ok(())
}

async fn status(app: &Pishkhan, json: bool) -> Result<(), CoreError> {
    if let Err(e) = app.kyc_refresh().await {
        match e {
            CoreError::PlatformUnreachable { .. } => {
                eprintln!("{}\nShowing the last known status.", e.message_en())
            }
            other => return Err(other),
        }
    }
    let state = app.kyc_state().await?;
    if json {
        print_json(&state)
    } else {
        print_state(&state);
        Ok(())
    }
}

fn status_words(s: KycStatus) -> (&'static str, &'static str) {
    match s {
        KycStatus::NotSubmitted => ("not submitted", "فرستاده نشده"),
        KycStatus::Submitted => (
            "submitted, waiting for review",
            "فرستاده شد، در انتظار بررسی",
        ),
        KycStatus::InReview => ("in review", "در حال بررسی"),
        KycStatus::Verified => ("verified", "تأیید شد"),
        KycStatus::Rejected => ("rejected", "رد شد"),
        KycStatus::InfoRequested => ("more information requested", "اطلاعات بیشتر خواسته شد"),
    }
}

fn print_state(state: &KycState) {
    let v: &KycVerification = &state.verification;
    let (en, fa) = status_words(v.status);
    println!("Verification: {en} ({fa}), submission {}", v.revision);
    for r in &v.reasons {
        println!("  - {}", reason_line(r));
    }
    if let Some(q) = &state.queued {
        let what = if q.refused {
            "refused by the platform: change it and submit again"
        } else if q.paused {
            "paused"
        } else {
            "waiting to be sent"
        };
        println!("Queued submission: {what}");
        if let Some(e) = &q.last_error {
            println!("  last attempt: {}\n  {}", e.message, e.message_fa);
        }
        for u in &state.uploads {
            println!(
                "  {}: {}/{} bytes{}",
                u.document.as_str(),
                u.sent,
                u.total,
                if u.complete { " (complete)" } else { "" }
            );
        }
    }
}

fn reason_line(r: &KycReason) -> String {
    let subject = match r.subject {
        KycSubject::Field(f) => field_names(f).0.to_string(),
        KycSubject::Document(d) => format!(
            "ID card {}",
            pishkhan_core::kyc::submission::document_names(d).0
        ),
    };
    let code = serde_json::to_value(r.code)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    match &r.note {
        Some(note) => format!("{subject}: {code} — {note}"),
        None => format!("{subject}: {code}"),
    }
}
