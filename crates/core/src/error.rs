//! The core's one error type. Each error has a stable `code` (what the UI translates and
//! scripts branch on) and a sentence in English and in Persian that says what happened and
//! what to do. Messages never carry personal data: no names, phones, emails or tokens.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("cannot reach the platform at {url}: {reason}")]
    PlatformUnreachable { url: String, reason: String },
    #[error("the email or password is wrong")]
    WrongCredentials,
    #[error("not signed in")]
    NotSignedIn,
    #[error("the session has ended (signed out elsewhere or expired)")]
    SessionExpired,
    #[error("the platform refused the request ({status} {code}): {message}")]
    Platform {
        status: u16,
        code: String,
        message: String,
    },
    #[error("the platform sent an answer that cannot be read: {0}")]
    MalformedResponse(String),
    #[error("invalid input: {0}")]
    InvalidInput(String),
    /// Input with a specific problem to explain in both languages.
    #[error("invalid input: {en}")]
    Invalid { en: String, fa: String },
    #[error("no order numbered {0} in the cache")]
    OrderNotFound(String),
    /// An edit the order workflow does not allow (the same rule the platform applies).
    #[error("edit refused ({code}): {en}")]
    Refused {
        code: String,
        en: String,
        fa: String,
    },
    #[error("the sync was cancelled")]
    Cancelled,
    #[error("{0} edits have not reached the platform yet")]
    EditsWaiting(u64),
    #[error("no customer with id {0} in the cache")]
    CustomerNotFound(i64),
    #[error("the export could not be written: {0}")]
    ExportFailed(String),
    #[error("a sync is already running")]
    SyncInProgress,
    #[error("the upload is paused")]
    UploadPaused,
    #[error("the merchant has no store on this platform")]
    NoStore,
    /// No OS keychain answers (no Secret Service on a bare Linux session, or it timed out).
    #[error("no keychain is available: {0}")]
    KeychainUnavailable(String),
    #[error("the keychain refused: {0}")]
    KeychainFailed(String),
    /// The secrets are sealed with a passphrase that has not been given in this run.
    #[error("Pishkhan is locked")]
    Locked,
    #[error("the passphrase is wrong")]
    WrongPassphrase,
    /// The keychain entry or sealed file of a signed-in account is gone or unreadable.
    #[error("the secrets of this account are missing")]
    SecretsMissing,
    /// The cache file does not open with the account's key (another key, or not a cache).
    #[error("the local data cannot be opened with this account's key")]
    CacheUnreadable,
    #[error("local storage failed: {0}")]
    Storage(#[from] sqlx::Error),
    #[error("local storage migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
    /// An ID card photo refused (`kyc::image`): the problem carries its own code and messages.
    #[error("image refused: {0}")]
    Image(crate::kyc::image::ImageProblem),
}

impl CoreError {
    /// The stable code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            CoreError::PlatformUnreachable { .. } => "platform_unreachable",
            CoreError::WrongCredentials => "wrong_credentials",
            CoreError::NotSignedIn => "not_signed_in",
            CoreError::SessionExpired => "session_expired",
            CoreError::Platform { .. } => "platform_error",
            CoreError::MalformedResponse(_) => "malformed_response",
            CoreError::InvalidInput(_) | CoreError::Invalid { .. } => "invalid_input",
            CoreError::OrderNotFound(_) => "order_not_found",
            CoreError::CustomerNotFound(_) => "customer_not_found",
            CoreError::Refused { .. } => "edit_refused",
            CoreError::Cancelled => "sync_cancelled",
            CoreError::EditsWaiting(_) => "edits_waiting",
            CoreError::ExportFailed(_) => "export_failed",
            CoreError::SyncInProgress => "sync_in_progress",
            CoreError::UploadPaused => "upload_paused",
            CoreError::NoStore => "no_store",
            CoreError::KeychainUnavailable(_) => "keychain_unavailable",
            CoreError::KeychainFailed(_) => "keychain_failed",
            CoreError::Locked => "locked",
            CoreError::WrongPassphrase => "wrong_passphrase",
            CoreError::SecretsMissing => "secrets_missing",
            CoreError::CacheUnreadable => "cache_unreadable",
            CoreError::Image(p) => p.code(),
            CoreError::Storage(_) | CoreError::Migration(_) | CoreError::Io(_) => "storage",
        }
    }

    /// What to tell a person, in English: what happened, then what to do.
    pub fn message_en(&self) -> String {
        match self {
            CoreError::PlatformUnreachable { .. } => format!("{self}. Check the address and your connection, then try again; the cached orders stay available."),
            CoreError::WrongCredentials => "The email or password is wrong. Check them and sign in again.".into(),
            CoreError::NotSignedIn => "You are not signed in. Sign in first (pishkhan login).".into(),
            CoreError::SessionExpired => "Your session has ended. Sign in again; nothing cached is lost.".into(),
            CoreError::Platform { .. } => format!("{self}. Try again later."),
            CoreError::MalformedResponse(_) => format!("{self}. Nothing was changed in the cache; try again later."),
            CoreError::InvalidInput(_) => format!("{self}. Correct it and try again."),
            CoreError::Invalid { en, .. } => format!("{en}."),
            CoreError::OrderNotFound(_) => format!("{self}. Check the number, or sync to fetch new orders."),
            CoreError::CustomerNotFound(_) => format!("{self}. Sync to fetch new customers."),
            CoreError::Refused { en, .. } => format!("{en}."),
            CoreError::Cancelled => "The sync was cancelled; what arrived so far is kept. Sync again when you like.".into(),
            CoreError::EditsWaiting(n) => format!("{n} of your edits have not reached the platform yet. Sync first, or sign out anyway to discard them."),
            CoreError::ExportFailed(_) => format!("{self}. Check free disk space, or save to another folder."),
            CoreError::SyncInProgress => "A sync is already running. Wait for it to finish.".into(),
            CoreError::UploadPaused => "The upload is paused; what was sent is kept. Resume it to send the rest.".into(),
            CoreError::NoStore => "This account has no store on the platform. Create a store there first.".into(),
            CoreError::KeychainUnavailable(_) => format!("{self}. Pishkhan keeps its keys only in the system's keychain or under a passphrase, never in a plain file: start a keychain (GNOME Keyring, KWallet) or sign in with a passphrase, which Pishkhan will ask for each time it starts (CLI: PISHKHAN_PASSPHRASE)."),
            CoreError::KeychainFailed(_) => format!("{self}. Unlock the keychain or allow Pishkhan to use it, then try again."),
            CoreError::Locked => "Pishkhan's data on this computer is locked with a passphrase. Enter the passphrase to open it (CLI: PISHKHAN_PASSPHRASE).".into(),
            CoreError::WrongPassphrase => "The passphrase is wrong; nothing was changed. Try again, or sign out to erase this computer's data and sign in afresh.".into(),
            CoreError::SecretsMissing => "The keys to this computer's Pishkhan data are missing from the keychain or damaged. Sign out and sign in again; the store is downloaded afresh.".into(),
            CoreError::CacheUnreadable => "The data on this computer cannot be opened with the key kept for it (another key, or not Pishkhan's file). Nothing was changed or deleted. Sign out and sign in again to download the store afresh.".into(),
            CoreError::Image(p) => p.message_en(),
            CoreError::Storage(_) | CoreError::Migration(_) | CoreError::Io(_) => {
                format!("{self}. Check free disk space and the data folder's permissions.")
            }
        }
    }

    /// What to tell a person, in Persian.
    pub fn message_fa(&self) -> String {
        match self {
            CoreError::PlatformUnreachable { .. } => "دسترسی به سکوی فروشگاه ممکن نشد. نشانی و اتصال اینترنت را بررسی و دوباره تلاش کنید؛ سفارش‌های ذخیره‌شده در دسترس می‌مانند.".into(),
            CoreError::WrongCredentials => "ایمیل یا گذرواژه نادرست است. آن‌ها را بررسی کنید و دوباره وارد شوید.".into(),
            CoreError::NotSignedIn => "وارد حساب نشده‌اید. ابتدا وارد شوید.".into(),
            CoreError::SessionExpired => "نشست شما پایان یافته است. دوباره وارد شوید؛ داده‌های ذخیره‌شده از دست نمی‌روند.".into(),
            CoreError::Platform { .. } => "سکوی فروشگاه درخواست را نپذیرفت. کمی بعد دوباره تلاش کنید.".into(),
            CoreError::MalformedResponse(_) => "پاسخ سکوی فروشگاه خوانا نبود. چیزی در حافظهٔ محلی تغییر نکرد؛ کمی بعد دوباره تلاش کنید.".into(),
            CoreError::InvalidInput(_) => "ورودی نادرست است. آن را اصلاح و دوباره تلاش کنید.".into(),
            CoreError::Invalid { fa, .. } => format!("{fa}."),
            CoreError::Refused { fa, .. } => format!("{fa}."),
            CoreError::EditsWaiting(n) => format!("{n} ویرایش شما هنوز به سکو نرسیده است. ابتدا همگام‌سازی کنید، یا با کنار گذاشتن آن‌ها خارج شوید."),
            CoreError::Cancelled => "همگام‌سازی لغو شد؛ آنچه رسیده بود نگه داشته شد. هر وقت خواستید دوباره همگام‌سازی کنید.".into(),
            CoreError::CustomerNotFound(_) => "این مشتری در حافظهٔ محلی نیست. همگام‌سازی کنید تا مشتریان تازه بیایند.".into(),
            CoreError::ExportFailed(_) => "فایل خروجی نوشته نشد. فضای خالی دیسک را بررسی کنید یا پوشهٔ دیگری برگزینید.".into(),
            CoreError::OrderNotFound(_) => "سفارشی با این شماره در حافظهٔ محلی نیست. شماره را بررسی یا همگام‌سازی کنید.".into(),
            CoreError::SyncInProgress => "همگام‌سازی در جریان است. تا پایان آن صبر کنید.".into(),
            CoreError::UploadPaused => "بارگذاری متوقف است؛ آنچه فرستاده شد نگه داشته شده است. برای فرستادن بقیه آن را ادامه دهید.".into(),
            CoreError::NoStore => "این حساب فروشگاهی روی سکو ندارد. ابتدا در سکو فروشگاه بسازید.".into(),
            CoreError::KeychainUnavailable(_) => "جاکلیدی سیستم در دسترس نیست. پیشخوان کلیدهایش را فقط در جاکلیدی سیستم یا زیر یک عبارت عبور نگه می‌دارد، نه در فایل ساده: یک جاکلیدی (GNOME Keyring یا KWallet) راه بیندازید یا با عبارت عبور وارد شوید؛ پیشخوان هر بار که باز می‌شود آن را می‌پرسد.".into(),
            CoreError::KeychainFailed(_) => "جاکلیدی سیستم درخواست را نپذیرفت. قفل آن را باز کنید یا به پیشخوان اجازه دهید و دوباره تلاش کنید.".into(),
            CoreError::Locked => "داده‌های پیشخوان روی این رایانه با عبارت عبور قفل است. برای باز کردن، عبارت عبور را وارد کنید.".into(),
            CoreError::WrongPassphrase => "عبارت عبور نادرست است؛ چیزی تغییر نکرد. دوباره تلاش کنید، یا خارج شوید تا داده‌های این رایانه پاک شود و از نو وارد شوید.".into(),
            CoreError::SecretsMissing => "کلیدهای داده‌های پیشخوان در جاکلیدی نیست یا آسیب دیده است. خارج شوید و دوباره وارد شوید؛ فروشگاه از نو دریافت می‌شود.".into(),
            CoreError::CacheUnreadable => "داده‌های این رایانه با کلید نگه‌داشته‌شده باز نمی‌شود. چیزی تغییر نکرد و پاک نشد. خارج شوید و دوباره وارد شوید تا فروشگاه از نو دریافت شود.".into(),
            CoreError::Image(p) => p.message_fa(),
            CoreError::Storage(_) | CoreError::Migration(_) | CoreError::Io(_) => {
                "ذخیره‌سازی محلی ناموفق بود. فضای خالی دیسک و دسترسی پوشهٔ داده را بررسی کنید.".into()
            }
        }
    }

    /// The shape the faces (Tauri commands, `--json` output) hand out.
    pub fn to_public(&self) -> PublicError {
        PublicError {
            code: self.code().to_string(),
            message: self.message_en(),
            message_fa: self.message_fa(),
        }
    }
}

/// `{code, message, messageFa}`: an error as the UI and JSON output see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PublicError {
    pub code: String,
    pub message: String,
    pub message_fa: String,
}

/// Describes a JSON decoding failure by kind and position only: serde's own message can quote
/// the offending value, which may be a customer's name or phone.
pub fn json_error(e: &serde_json::Error) -> String {
    format!(
        "{:?} error at line {}, column {}",
        e.classify(),
        e.line(),
        e.column()
    )
}

impl From<pishkhan_api::workflow::Refusal> for CoreError {
    fn from(r: pishkhan_api::workflow::Refusal) -> Self {
        CoreError::Refused {
            code: r.code().to_string(),
            en: r.message_en(),
            fa: r.message_fa(),
        }
    }
}

impl From<crate::kyc::image::ImageProblem> for CoreError {
    fn from(p: crate::kyc::image::ImageProblem) -> Self {
        CoreError::Image(p)
    }
}

impl CoreError {
    /// The platform's own error code, when the platform refused a call.
    pub fn platform_code(&self) -> Option<&str> {
        match self {
            CoreError::Platform { code, .. } => Some(code),
            _ => None,
        }
    }

    /// Input with a problem explained in English and Persian (each a sentence without the
    /// final full stop).
    pub fn invalid(en: impl Into<String>, fa: impl Into<String>) -> CoreError {
        CoreError::Invalid {
            en: en.into(),
            fa: fa.into(),
        }
    }
}

pub type Result<T, E = CoreError> = std::result::Result<T, E>;
