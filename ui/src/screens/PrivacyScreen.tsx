// Privacy: what is kept about the merchant and their buyers, where and why — in the platform
// privacy policy's own categories — plus "Export my data" (one JSON file, written by Rust where
// the merchant chooses) and "Sign out and erase this computer's data" (the app's own sign-out,
// which removes the session, the cache with everything in it, and the log). And the
// "Diagnostics" switch (off by default) with exactly what it would send.
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { api, toAppError, type AppError, type DiagnosticEvent } from '../api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorMessage } from '../components/ErrorMessage';
import { useLang } from '../lang';

export type PrivacyCategory = 'owner' | 'sessions' | 'customers' | 'notifications' | 'monitoring' | 'device';

/** How long the app's log is kept (crates/core/src/logging.rs). */
const LOG_DAYS = 7;

interface Props {
  onOpenSessions: () => void;
  onOpenSettings?: () => void;
  /** The app's own sign-out (App.tsx): asks again when edits wait, then erases. */
  onSignOut: () => void;
  /** Errors the whole app must hear of (a lost sign-in); the rest are shown here. */
  onError?: (e: AppError) => void;
}

export function PrivacyScreen({ onOpenSessions, onOpenSettings, onSignOut, onError }: Props) {
  const { t, lang, fmt } = useLang();
  const [exporting, setExporting] = useState(false);
  const [exported, setExported] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [asking, setAsking] = useState(false);
  const mounted = useRef(true);
  const onErrorRef = useRef(onError);
  onErrorRef.current = onError;

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const exportData = async () => {
    if (exporting) return;
    setExporting(true);
    setError(null);
    setExported(null);
    try {
      const path = await api.privacyExport(lang);
      if (mounted.current && path) setExported(path);
    } catch (e) {
      const err = toAppError(e);
      if (mounted.current) setError(err);
      if (err.code === 'not_signed_in') onErrorRef.current?.(err);
    } finally {
      if (mounted.current) setExporting(false);
    }
  };

  const cancelAsk = useCallback(() => setAsking(false), []);
  const erase = () => {
    setAsking(false);
    onSignOut();
  };

  return (
    <section className="privacy" data-testid="privacy">
      <div className="card section">
        <h2 className="section__title">{t.privacyTitle}</h2>
        <p className="muted">{t.privacyIntro}</p>
        <p className="muted small privacy__promise">{t.privacyPromise}</p>
      </div>

      <div className="privacy__grid">
        <Category id="owner" title={t.privacyOwnerTitle}>
          <Facts what={t.privacyOwnerWhat} where={t.privacyOwnerWhere} why={t.privacyOwnerWhy} />
        </Category>
        <Category id="sessions" title={t.privacySessionsTitle}>
          <Facts what={t.privacySessionsWhat} where={t.privacySessionsWhere} why={t.privacySessionsWhy} />
          <button type="button" className="btn btn--secondary btn--small" data-testid="privacy-open-sessions" onClick={onOpenSessions}>
            {t.privacyOpenSessions}
          </button>
        </Category>
        <Category id="customers" title={t.privacyCustomersTitle}>
          <Facts what={t.privacyCustomersWhat} where={t.privacyCustomersWhere} why={t.privacyCustomersWhy} />
        </Category>
        <Category id="notifications" title={t.privacyNotificationsTitle}>
          <ul className="privacy__list">
            <li>{t.privacyNotificationsEmail}</li>
            <li>{t.privacyNotificationsSms}</li>
          </ul>
          {onOpenSettings && (
            <button type="button" className="btn btn--secondary btn--small" data-testid="privacy-open-settings" onClick={onOpenSettings}>
              {t.privacyOpenSettings}
            </button>
          )}
        </Category>
        <Category id="monitoring" title={t.privacyMonitoringTitle}>
          <p className="muted small">{t.privacyMonitoringPolicy}</p>
          <p className="privacy__plain" data-testid="privacy-no-monitoring">
            <span aria-hidden="true">✓ </span>
            {t.privacyMonitoringApp}
          </p>
        </Category>
        <Category id="device" title={t.privacyDeviceTitle}>
          <p>
            {t.privacyDeviceWhere} {t.privacyDeviceLog(fmt.num(LOG_DAYS))}
          </p>
          <p className="privacy__plain">{t.privacyDeviceErase}</p>
        </Category>
      </div>

      <Diagnostics onError={onError} />

      <div className="card section" data-testid="privacy-export-section">
        <h2 className="section__title">{t.privacyExportTitle}</h2>
        <p className="muted small">{t.privacyExportBody}</p>
        {error && (
          <div data-testid="privacy-error" data-code={error.code}>
            <ErrorMessage error={error} onDismiss={() => setError(null)} />
          </div>
        )}
        {exported && (
          <div className="alert alert--success" role="status" data-testid="privacy-exported">
            <span className="alert__icon" aria-hidden="true">✓</span>
            <span className="alert__text">
              {t.privacyExported} <bdi dir="ltr">{exported}</bdi>
            </span>
            <button type="button" className="alert__close" onClick={() => setExported(null)} aria-label={t.dismiss}>
              ×
            </button>
          </div>
        )}
        <div>
          <button
            type="button"
            className="btn btn--primary"
            data-testid="privacy-export"
            disabled={exporting}
            aria-busy={exporting}
            onClick={() => void exportData()}
          >
            {exporting ? t.privacyExporting : t.privacyExport}
          </button>
        </div>
      </div>

      <div className="card section">
        <h2 className="section__title">{t.privacyEraseTitle}</h2>
        <p className="muted small">{t.privacyEraseBody}</p>
        <div>
          <button type="button" className="btn btn--danger" data-testid="privacy-erase" onClick={() => setAsking(true)}>
            {t.privacyErase}
          </button>
        </div>
      </div>

      {asking && (
        <ConfirmDialog
          testid="privacy-erase-confirm"
          title={t.privacyEraseConfirmTitle}
          onCancel={cancelAsk}
          actions={
            <>
              <button type="button" className="btn btn--ghost" data-testid="privacy-erase-no" onClick={cancelAsk}>
                {t.cancel}
              </button>
              <button type="button" className="btn btn--danger" data-testid="privacy-erase-yes" onClick={erase}>
                {t.privacyEraseYes}
              </button>
            </>
          }
        >
          <p>{t.privacyEraseConfirmBody}</p>
          <p className="muted small">{t.privacyEraseConfirmEdits}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

/**
 * "Diagnostics": the `shareDiagnostics` preference (off unless the merchant turns it on), what it
 * sends and what it never does, and the events it would send now, as the JSON body they would
 * travel in. The preview is read whether or not the switch is on.
 */
function Diagnostics({ onError }: { onError?: (e: AppError) => void }) {
  const { t } = useLang();
  const [on, setOn] = useState<boolean | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [open, setOpen] = useState(false);
  const [events, setEvents] = useState<DiagnosticEvent[] | null>(null);
  const onErrorRef = useRef(onError);
  onErrorRef.current = onError;
  const previewId = useId();
  const hintId = useId();

  const fail = (e: unknown) => {
    const err = toAppError(e);
    setError(err);
    if (err.code === 'not_signed_in') onErrorRef.current?.(err);
  };

  useEffect(() => {
    let alive = true;
    api
      .preferences()
      .then((p) => alive && setOn(p.shareDiagnostics))
      .catch((e) => alive && fail(e));
    return () => {
      alive = false;
    };
  }, []);

  const loadPreview = useCallback(async () => {
    try {
      setEvents(await api.diagnosticsPreview());
    } catch (e) {
      fail(e);
    }
  }, []);

  const toggle = async (next: boolean) => {
    setSaving(true);
    setSaved(false);
    setError(null);
    setOn(next);
    try {
      // Read afresh, so a change made on the Settings page meanwhile is kept.
      const current = await api.preferences();
      await api.setPreferences({ ...current, shareDiagnostics: next });
      setSaved(true);
    } catch (e) {
      setOn(!next);
      fail(e);
    } finally {
      setSaving(false);
    }
  };

  const showPreview = () => {
    const next = !open;
    setOpen(next);
    if (next) void loadPreview();
  };

  return (
    <div className="card section" data-testid="diagnostics-section">
      <h2 className="section__title">{t.diagnosticsTitle}</h2>
      <p className="muted small" id={hintId}>
        {t.diagnosticsWhat}
      </p>
      <p className="privacy__plain small">
        <span aria-hidden="true">✓ </span>
        {t.diagnosticsNothingPersonal}
      </p>
      {error && (
        <div data-testid="diagnostics-error" data-code={error.code}>
          <ErrorMessage error={error} onDismiss={() => setError(null)} />
        </div>
      )}
      <label className="field field--check">
        <input
          type="checkbox"
          role="switch"
          data-testid="diagnostics-switch"
          disabled={on === null}
          aria-busy={saving}
          aria-describedby={hintId}
          checked={on ?? false}
          onChange={(e) => void toggle(e.target.checked)}
        />
        <span>{t.diagnosticsSwitch}</span>
      </label>
      <div role="status" className="muted small">
        {saving ? t.saving : saved ? t.prefsSaved : null}
      </div>
      <div>
        <button
          type="button"
          className="btn btn--secondary btn--small"
          data-testid="diagnostics-preview-toggle"
          aria-expanded={open}
          aria-controls={previewId}
          onClick={showPreview}
        >
          {open ? t.diagnosticsPreviewHide : t.diagnosticsPreviewShow}
        </button>
      </div>
      {open && (
        <div id={previewId} data-testid="diagnostics-preview" data-count={events?.length ?? 0}>
          <p className="muted small">{t.diagnosticsPreviewHint}</p>
          {events === null ? (
            <p className="muted small">{t.loading}</p>
          ) : events.length === 0 ? (
            <p className="muted small" data-testid="diagnostics-preview-empty">
              {t.diagnosticsPreviewEmpty}
            </p>
          ) : (
            <pre className="privacy__json" dir="ltr" tabIndex={0}>
              {JSON.stringify({ events }, null, 2)}
            </pre>
          )}
        </div>
      )}
    </div>
  );
}

function Category({ id, title, children }: { id: PrivacyCategory; title: string; children: ReactNode }) {
  return (
    <article className="card section privacy__category" data-testid="privacy-category" data-category={id} aria-labelledby={`privacy-${id}`}>
      <h3 className="privacy__title" id={`privacy-${id}`}>
        {title}
      </h3>
      {children}
    </article>
  );
}

function Facts({ what, where, why }: { what: string; where: string; why: string }) {
  const { t } = useLang();
  return (
    <dl className="privacy__facts">
      <dt>{t.privacyWhat}</dt>
      <dd>{what}</dd>
      <dt>{t.privacyWhere}</dt>
      <dd>{where}</dd>
      <dt>{t.privacyWhy}</dt>
      <dd>{why}</dd>
    </dl>
  );
}
