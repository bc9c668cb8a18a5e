import type { SyncProgress } from '../api';
import { useLang } from '../lang';

/** Sync progress from the `sync-progress` event; indeterminate until an estimate arrives. */
export function ProgressBar({ progress, compact }: { progress: SyncProgress | null; compact?: boolean }) {
  const { t, fmt } = useLang();
  const done = progress?.done ?? false;
  const estimate = progress?.totalEstimate ?? null;
  const pct = done
    ? 100
    : estimate && estimate > 0 && progress
      ? Math.min(100, Math.round((progress.rows / estimate) * 100))
      : null;
  const label = progress
    ? estimate
      ? t.progressOf(fmt.num(progress.rows), fmt.num(estimate))
      : t.progressRows(fmt.num(progress.rows), fmt.num(progress.pages))
    : t.syncing;
  return (
    <div className={`progress ${compact ? 'progress--compact' : ''}`}>
      <div
        className={`progress__track ${pct === null ? 'progress__track--indeterminate' : ''}`}
        data-testid="sync-progress"
        data-state={done ? 'done' : 'running'}
        data-rows={progress?.rows ?? 0}
        role="progressbar"
        aria-label={t.syncing}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct ?? undefined}
      >
        <div className="progress__fill" style={pct === null ? undefined : { width: `${pct}%` }} />
      </div>
      <span className="progress__label">{label}</span>
    </div>
  );
}
