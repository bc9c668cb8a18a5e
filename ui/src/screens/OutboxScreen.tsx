// The merchant's edits that have not reached the platform: conflicts first (they wait for a
// decision), then the ones waiting to be sent, then the edits the platform refused lately.
import { useEffect, useState } from 'react';
import { api, toAppError, type AppError, type OutboxEntry, type RejectedEdit } from '../api';
import { EmptyState } from '../components/EmptyState';
import { ErrorMessage } from '../components/ErrorMessage';
import { LoadingState } from '../components/LoadingState';
import { ConflictActions } from '../components/WaitingEdit';
import { errorText } from '../i18n';
import { useLang } from '../lang';
import { describeChange, useSync } from '../lib/sync';

interface Props {
  reloadKey: number;
  onOpenOrder: (id: number) => void;
}

export function OutboxScreen({ reloadKey, onOpenOrder }: Props) {
  const { t } = useLang();
  const sync = useSync();
  const [entries, setEntries] = useState<OutboxEntry[] | null>(null);
  const [rejected, setRejected] = useState<RejectedEdit[]>([]);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    let alive = true;
    Promise.all([api.outbox(), api.rejectedEdits()])
      .then(([o, r]) => {
        if (!alive) return;
        setEntries(o);
        setRejected(r);
      })
      .catch((e) => alive && setError(toAppError(e)));
    return () => {
      alive = false;
    };
  }, [reloadKey, sync.version]);

  const conflicts = entries?.filter((e) => e.state === 'conflict') ?? [];
  const pending = entries?.filter((e) => e.state === 'pending') ?? [];
  return (
    <section className="outbox" data-testid="outbox">
      <div className="card section">
        <h2 className="section__title">{t.outboxTitle}</h2>
        <p className="muted small">{t.outboxHint}</p>
        {error && <ErrorMessage error={error} onDismiss={() => setError(null)} />}
        {entries === null ? (
          <LoadingState rows={3} />
        ) : entries.length === 0 ? (
          <EmptyState title={t.outboxEmpty} hint="" />
        ) : (
          <>
            {conflicts.length > 0 && (
              <>
                <h3 className="outbox__heading">{t.conflictsTitle}</h3>
                <ul className="outbox__list">
                  {conflicts.map((e) => (
                    <EntryRow key={e.mutationId} entry={e} onOpenOrder={onOpenOrder} onResolved={sync.refresh} onError={setError} />
                  ))}
                </ul>
              </>
            )}
            {pending.length > 0 && (
              <>
                <h3 className="outbox__heading">{t.waitingTitle}</h3>
                <ul className="outbox__list">
                  {pending.map((e) => (
                    <EntryRow key={e.mutationId} entry={e} onOpenOrder={onOpenOrder} onResolved={sync.refresh} onError={setError} />
                  ))}
                </ul>
              </>
            )}
          </>
        )}
      </div>
      <div className="card section">
        <h2 className="section__title">{t.rejectedTitle}</h2>
        <p className="muted small">{t.rejectedHint}</p>
        {rejected.length === 0 ? (
          <p className="muted small">{t.noRejected}</p>
        ) : (
          <ul className="outbox__list">
            {rejected.map((r) => (
              <RejectedRow key={r.mutationId} edit={r} onOpenOrder={onOpenOrder} />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function OrderLink({ id, number, onOpenOrder }: { id: number; number: string | null; onOpenOrder: (id: number) => void }) {
  const { t, fmt } = useLang();
  return (
    <button type="button" className="link" data-testid="outbox-order-link" data-id={id} onClick={() => onOpenOrder(id)}>
      {t.orderTitle(fmt.digits(number ?? String(id)))}
    </button>
  );
}

function EntryRow({
  entry,
  onOpenOrder,
  onResolved,
  onError,
}: {
  entry: OutboxEntry;
  onOpenOrder: (id: number) => void;
  onResolved: () => void;
  onError: (e: AppError) => void;
}) {
  const { t, fmt } = useLang();
  const conflict = entry.state === 'conflict';
  const fields = entry.conflictFields.map((f) => t.fields[f]).join(t.langCode === 'fa' ? '، ' : ', ');
  return (
    <li
      className={`outbox-entry outbox-entry--${entry.state}`}
      data-testid="outbox-entry"
      data-state={entry.state}
      data-order-id={entry.orderId}
      data-mutation-id={entry.mutationId}
    >
      <div className="outbox-entry__head">
        <OrderLink id={entry.orderId} number={entry.orderNumber} onOpenOrder={onOpenOrder} />
        <span className={`chip ${conflict ? 'chip--conflict' : 'chip--pending'}`}>{conflict ? t.editConflict : t.editPending}</span>
      </div>
      <div>{describeChange(t, fmt, entry.change)}</div>
      <div className="muted small">
        {t.savedAt(fmt.dateTime(entry.createdAt))}
        {entry.attempts > 0 && ` · ${t.attempts(fmt.num(entry.attempts))}`}
        {entry.lastError && (
          <>
            {' · '}
            <span data-testid="outbox-last-error" data-code={entry.lastError}>
              {errorText(t, { code: entry.lastError, message: entry.lastError })}
            </span>
          </>
        )}
      </div>
      {conflict && (
        <>
          <div className="small">{t.editConflictHint(fields)}</div>
          <ConflictActions entry={entry} onResolved={onResolved} onError={onError} />
        </>
      )}
    </li>
  );
}

function RejectedRow({ edit, onOpenOrder }: { edit: RejectedEdit; onOpenOrder: (id: number) => void }) {
  const { t, fmt, lang } = useLang();
  return (
    <li className="outbox-entry outbox-entry--rejected" data-testid="rejected-edit" data-code={edit.code} data-order-id={edit.orderId}>
      <div className="outbox-entry__head">
        <OrderLink id={edit.orderId} number={edit.orderNumber} onOpenOrder={onOpenOrder} />
        <span className="muted small">{fmt.dateTime(edit.at)}</span>
      </div>
      <div>{describeChange(t, fmt, edit.change)}</div>
      <div className="rejected-reason">{lang === 'fa' ? edit.messageFa || edit.message : edit.message}</div>
    </li>
  );
}
