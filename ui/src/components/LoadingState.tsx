// Skeleton rows shown while the first data of a screen is on its way.
import { useLang } from '../lang';

export function LoadingState({ rows = 6 }: { rows?: number }) {
  const { t } = useLang();
  return (
    <div className="skeleton" data-testid="loading-state" aria-label={t.loading} role="status">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="skeleton__row" />
      ))}
    </div>
  );
}
