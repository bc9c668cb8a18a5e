// One of the merchant's edits still waiting for the platform: a pending banner, or — when the
// platform changed the same part of the order meanwhile — the conflict with its two ways out.
import { useState } from 'react';
import { api, toAppError, type AppError, type OutboxEntry } from '../api';
import { useLang } from '../lang';
import { describeChange } from '../lib/sync';

export function ConflictActions({
  entry,
  onResolved,
  onError,
}: {
  entry: OutboxEntry;
  onResolved: () => void;
  onError: (e: AppError) => void;
}) {
  const { t } = useLang();
  const [busy, setBusy] = useState(false);
  const run = async (f: (id: string) => Promise<unknown>) => {
    setBusy(true);
    try {
      await f(entry.mutationId);
      onResolved();
    } catch (e) {
      onError(toAppError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="edit-actions">
      <button
        type="button"
        className="btn btn--primary btn--small"
        data-testid="keep-mine"
        disabled={busy}
        onClick={() => void run(api.keepMyEdit)}
      >
        {t.keepMine}
      </button>
      <button
        type="button"
        className="btn btn--secondary btn--small"
        data-testid="take-platform"
        disabled={busy}
        onClick={() => void run(api.takePlatformVersion)}
      >
        {t.takePlatform}
      </button>
    </div>
  );
}

/** The banner on an order's page. */
export function WaitingEditBanner({
  entry,
  onResolved,
  onError,
}: {
  entry: OutboxEntry;
  onResolved: () => void;
  onError: (e: AppError) => void;
}) {
  const { t, fmt } = useLang();
  const what = describeChange(t, fmt, entry.change);
  if (entry.state === 'conflict') {
    const fields = entry.conflictFields.map((f) => t.fields[f]).join(t.langCode === 'fa' ? '، ' : ', ');
    return (
      <div
        className="alert alert--warning edit-banner"
        role="alert"
        data-testid="edit-conflict"
        data-mutation-id={entry.mutationId}
        data-fields={entry.conflictFields.join(' ')}
      >
        <span className="alert__icon" aria-hidden="true">!</span>
        <div className="alert__text">
          <strong>{t.editConflict}</strong>
          <div>{what}</div>
          <div className="small">{t.editConflictHint(fields)}</div>
          <div className="small muted">{t.conflictChoices}</div>
          <ConflictActions entry={entry} onResolved={onResolved} onError={onError} />
        </div>
      </div>
    );
  }
  return (
    <div className="alert alert--pending edit-banner" role="status" data-testid="edit-pending" data-mutation-id={entry.mutationId}>
      <span className="alert__icon" aria-hidden="true">⏳</span>
      <div className="alert__text">
        <strong>{t.editPending}</strong> · {what}
        <div className="small muted">
          {t.editPendingHint}
          {entry.attempts > 0 && ` (${t.attempts(fmt.num(entry.attempts))})`}
        </div>
      </div>
    </div>
  );
}
