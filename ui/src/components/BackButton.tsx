// The one "back" button of detail screens, with the arrow pointing the reading direction's way.
import { useLang } from '../lang';

export function BackButton({ onBack }: { onBack: () => void }) {
  const { lang, t } = useLang();
  return (
    <button type="button" className="btn btn--ghost btn--small" data-testid="back-button" onClick={onBack}>
      <span aria-hidden="true">{lang === 'fa' ? '→' : '←'}</span>
      {t.back}
    </button>
  );
}
