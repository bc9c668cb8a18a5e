import type { AppError } from '../api';
import { errorText } from '../i18n';
import { useLang } from '../lang';

export function ErrorMessage({ error, onDismiss }: { error: AppError; onDismiss?: () => void }) {
  const { t } = useLang();
  return (
    <div className="alert alert--error" role="alert" data-testid="error-message" data-code={error.code}>
      <span className="alert__icon" aria-hidden="true">!</span>
      <span className="alert__text" title={error.message}>
        {errorText(t, error)}
      </span>
      {onDismiss && (
        <button type="button" className="alert__close" onClick={onDismiss} aria-label={t.dismiss}>
          ×
        </button>
      )}
    </div>
  );
}
