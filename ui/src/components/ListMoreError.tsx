// Under a long list whose next page (or a page scrolled back to) could not be fetched: what
// happened, and a retry. The list does not retry by itself, so a failing page is asked for
// once per press, not in a loop.
import type { AppError } from '../api';
import { useLang } from '../lang';
import { ErrorMessage } from './ErrorMessage';

export function ListMoreError({ error, onRetry }: { error: AppError; onRetry: () => void }) {
  const { t } = useLang();
  return (
    <div className="list-error" data-testid="list-more-error">
      <ErrorMessage error={error} />
      <button type="button" className="btn btn--secondary btn--small" data-testid="list-more-retry" onClick={onRetry}>
        {t.retry}
      </button>
    </div>
  );
}
