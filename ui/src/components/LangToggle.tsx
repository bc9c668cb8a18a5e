import { useLang } from '../lang';

export function LangToggle() {
  const { lang, t, toggle } = useLang();
  return (
    <button
      type="button"
      className="btn btn--ghost btn--small lang-toggle"
      data-testid="lang-toggle"
      data-lang={lang}
      lang={lang === 'fa' ? 'en' : 'fa'}
      onClick={toggle}
    >
      <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
        <circle cx="12" cy="12" r="9" />
        <path d="M3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9c-2.5-2.7-3.8-5.7-3.8-9S9.5 5.7 12 3z" />
      </svg>
      {t.switchLang}
    </button>
  );
}
