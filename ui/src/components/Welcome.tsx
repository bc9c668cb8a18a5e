import { useState, type FormEvent } from 'react';
import type { AppError, SignInRequest } from '../api';
import { useLang } from '../lang';
import { ErrorMessage } from './ErrorMessage';
import { LangToggle } from './LangToggle';

interface Props {
  error: AppError | null;
  busy: boolean;
  onSignIn: (req: SignInRequest) => void;
  onDemo: () => void;
  onDismissError: () => void;
}

export function Welcome({ error, busy, onSignIn, onDemo, onDismissError }: Props) {
  const { t } = useLang();
  const [platformUrl, setPlatformUrl] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSignIn({ platformUrl: platformUrl.trim(), email: email.trim(), password });
  };

  return (
    <div className="welcome">
      <div className="welcome__top">
        <LangToggle />
      </div>
      <div className="welcome__card card">
        <section className="welcome__hero">
          <div className="brand-mark brand-mark--large" aria-hidden="true">پ</div>
          <h1 className="welcome__title">{t.appName}</h1>
          <p className="welcome__tagline">{t.tagline}</p>
          <ul className="welcome__features">
            {t.features.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        </section>

        <section className="welcome__form">
          <button
            type="button"
            className="btn btn--primary btn--large btn--block"
            data-testid="demo-button"
            onClick={onDemo}
            disabled={busy}
          >
            {t.tryDemo}
          </button>
          <p className="muted small center">{t.tryDemoHint}</p>

          <div className="divider">
            <span>{t.or}</span>
          </div>

          <form data-testid="signin-form" onSubmit={submit} className="form" noValidate>
            <h2 className="form__title">{t.signInTitle}</h2>
            <label className="field">
              <span className="field__label">{t.platformUrl}</span>
              <input
                className="input"
                type="text"
                inputMode="url"
                dir="ltr"
                name="platformUrl"
                data-testid="signin-url"
                placeholder="https://"
                autoComplete="url"
                value={platformUrl}
                onChange={(e) => setPlatformUrl(e.target.value)}
              />
            </label>
            <label className="field">
              <span className="field__label">{t.email}</span>
              <input
                className="input"
                type="text"
                inputMode="email"
                dir="ltr"
                name="email"
                data-testid="signin-email"
                autoComplete="username"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            </label>
            <label className="field">
              <span className="field__label">{t.password}</span>
              <input
                className="input"
                type="password"
                dir="ltr"
                name="password"
                data-testid="signin-password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </label>
            {error && <ErrorMessage error={error} onDismiss={onDismissError} />}
            <button type="submit" className="btn btn--secondary btn--block" data-testid="signin-submit" disabled={busy}>
              {busy ? t.signingIn : t.signIn}
            </button>
          </form>
        </section>
      </div>
    </div>
  );
}
