// The sync notices of the signed-in frame (Shell): a running sync's progress, "synced", a failed
// sync with its retry button, and the app's error notice.
//
// Where they go, and why: NONE of them takes layout space. They sit in a fixed overlay in the
// bottom inline-end corner (bottom-left in Persian, bottom-right in English; `.toasts` in
// styles.css), rendered outside <main>, so a notice coming or going never moves the screen's
// content under the pointer. They used to stand above the content, and a background sync
// starting between aiming and clicking pushed the order screen's status buttons down onto
// "ship" / "cancel order".
//
// Persistent notices (errors with a decision) are in the overlay too rather than in the flow:
// none of them is reliably the result of the merchant's own action — a failed attempt is as
// often the background sync's (offline, platform errors), and the app's error notice also
// carries failures of screens reloading after a background sync, of a lost session, of a store
// switch. Reserving their space in the flow was the alternative; their height varies (one line
// to five at this width), so a reserve would either jump anyway or waste the space for good.
// Instead `.content` keeps a constant strip free at its end (--toast-reserve, one line's notice)
// and scrolls focused controls above it (scroll-padding): once scrolled, a one-line notice hides
// nothing. A longer alert can still cover the corner of a screen-filling list (the orders list's
// last visible row) until it is dismissed (×) or the next sync succeeds.
//
// Inside the overlay, what takes clicks stays still: the alerts (retry, dismiss) are at the
// bottom, nearest the corner; progress and "synced" stack above them, so a progress card
// coming or going moves no alert. (An alert appearing during a sync — rare: a failed attempt is
// shown only after it — lifts the progress card and its stop button.) Only the cards take
// clicks (`pointer-events`), and popups and dialogs stay above the overlay.
//
// Accessibility: the status area (progress, "synced") is a polite live region and the alert
// area holds `role="alert"` notices; both containers are always on the page, so what appears in
// them is announced. Nothing here takes the focus when it appears; in the DOM the overlay comes
// right after the top bar, so Tab reaches its buttons after the top bar's and before the
// screen's (the skip link jumps past it). A notice going away while it had the focus hands the
// focus to the screen's content (#main-content), where the next Tab continues, instead of
// leaving it nowhere.
import { useEffect, useLayoutEffect, useRef, useState, type FocusEvent } from 'react';
import type { AppError, SyncProgress, SyncReport } from '../api';
import { errorText } from '../i18n';
import { useLang } from '../lang';
import { isOnline, useSync } from '../lib/sync';
import { ErrorMessage } from './ErrorMessage';
import { ProgressBar } from './ProgressBar';

/** How long "synced" stays (the top bar keeps the last sync's time). */
export const SYNCED_NOTICE_MS = 8000;

export interface SyncNoticesProps {
  syncing: boolean;
  progress: SyncProgress | null;
  showProgress: boolean;
  report: SyncReport | null;
  error: AppError | null;
  onSync: () => void;
  onCancelSync: () => void;
  onDismiss: () => void;
}

export function SyncNotices({ syncing, progress, showProgress, report, error, onSync, onCancelSync, onDismiss }: SyncNoticesProps) {
  const { t, fmt } = useLang();
  const sync = useSync();
  const lastError = sync.status?.lastError ?? null;
  const lastAttemptAt = sync.status?.lastAttemptAt ?? null;
  const online = isOnline(sync.status);

  // "Synced" goes by itself after a while: a report seen long enough is remembered here.
  const [expired, setExpired] = useState<SyncReport | null>(null);
  useEffect(() => {
    if (!report || syncing) return;
    const timer = setTimeout(() => setExpired(report), SYNCED_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [report, syncing]);

  // A failed attempt can be put away; the next failed attempt shows again.
  const attemptKey = lastError ? `${lastAttemptAt ?? ''}|${lastError.code}` : null;
  const [dismissedAttempt, setDismissedAttempt] = useState<string | null>(null);

  const showFailed = lastError !== null && !syncing && !showProgress && error?.code !== lastError.code && attemptKey !== dismissedAttempt;
  const showSynced = report !== null && report !== expired && !error && !syncing && !lastError;

  // The focus inside the overlay, kept so that a notice removed with it can hand it on.
  const region = useRef<HTMLDivElement>(null);
  const focused = useRef<HTMLElement | null>(null);
  const onFocus = (e: FocusEvent<HTMLDivElement>) => {
    if (e.target instanceof HTMLElement) focused.current = e.target;
  };
  const onBlur = (e: FocusEvent<HTMLDivElement>) => {
    const to = e.relatedTarget;
    if (to instanceof Node && region.current?.contains(to)) return;
    const from = e.target;
    if (!(from instanceof HTMLElement)) return;
    // Blurred but still on the page: the merchant moved on (or the window lost the focus).
    // Removed: the layout effect below has handled it already.
    queueMicrotask(() => {
      if (focused.current === from && from.isConnected) focused.current = null;
    });
  };
  useLayoutEffect(() => {
    const had = focused.current;
    if (!had || had.isConnected) return;
    focused.current = null;
    const at = document.activeElement;
    if (at && at !== document.body) return;
    document.getElementById('main-content')?.focus({ preventScroll: true });
  });

  return (
    <div className="toasts no-print" data-testid="sync-notices" ref={region} onFocus={onFocus} onBlur={onBlur}>
      <div className="toasts__status" role="status" aria-live="polite">
        {showProgress && (
          <div className="card toast sync-progress" data-testid="sync-progress-card">
            <ProgressBar progress={progress} />
            {!progress?.done && (
              <button type="button" className="btn btn--ghost btn--small" data-testid="cancel-sync" onClick={onCancelSync}>
                {t.cancelSync}
              </button>
            )}
          </div>
        )}
        {showSynced && (
          <div className="alert alert--success toast" data-testid="sync-done">
            <span className="alert__icon" aria-hidden="true">✓</span>
            <span className="alert__text">
              {t.syncDone(fmt.num(report.ordersUpserted), fmt.num(report.durationMs / 1000, { maximumFractionDigits: 1 }))}
              {report.pushed > 0 && ` ${t.syncPushed(fmt.num(report.pushed))}`}
              {report.conflicts > 0 && ` ${t.syncConflicts(fmt.num(report.conflicts))}`}
              {report.rejected > 0 && ` ${t.syncRejected(fmt.num(report.rejected))}`}
            </span>
          </div>
        )}
      </div>
      <div className="toasts__alerts">
        {error && <ErrorMessage error={error} onDismiss={onDismiss} />}
        {showFailed && (
          <div className="alert alert--error toast" role="alert" data-testid="sync-error" data-code={lastError.code} data-online={online}>
            <span className="alert__icon" aria-hidden="true">!</span>
            <span className="alert__text">
              {lastAttemptAt && <span className="muted">{t.syncFailedAt(fmt.dateTime(lastAttemptAt))} </span>}
              {errorText(t, lastError)}
            </span>
            <button type="button" className="btn btn--secondary btn--small" data-testid="retry-sync" onClick={onSync}>
              {t.retry}
            </button>
            <button
              type="button"
              className="alert__close"
              data-testid="sync-error-dismiss"
              aria-label={t.dismiss}
              onClick={() => setDismissedAttempt(attemptKey)}
            >
              ×
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
