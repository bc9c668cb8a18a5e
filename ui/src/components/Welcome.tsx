import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { AppError, SignInRequest } from '../api';
import { useLang } from '../lang';
import { ErrorMessage } from './ErrorMessage';
import { LangToggle } from './LangToggle';

/** The shortest passphrase the Rust side accepts, counted in characters (not UTF-16 units). */
export const MIN_PASSPHRASE = 8;

/** Characters as Rust counts them (`chars().count()`): a Persian letter or an emoji is one. */
export const charCount = (s: string) => Array.from(s).length;

interface Props {
  error: AppError | null;
  busy: boolean;
  onSignIn: (req: SignInRequest) => void;
  onDemo: () => void;
  onDismissError: () => void;
  /** Shown under the error while it stands (a way out of data that cannot be opened). */
  errorAction?: ReactNode;
}

export function Welcome({ error, busy, onSignIn, onDemo, onDismissError, errorAction }: Props) {
  const { t } = useLang();
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

          <SignInForm
            title={t.signInTitle}
            error={error}
            busy={busy}
            onSignIn={onSignIn}
            onDismissError={onDismissError}
            errorAction={errorAction}
            offerPassphrase
          />
        </section>
      </div>
    </div>
  );
}

interface FormProps {
  /** The form's heading (none when the screen around it has one). */
  title?: string;
  error: AppError | null;
  busy: boolean;
  onSignIn: (req: SignInRequest) => void;
  onDismissError: () => void;
  errorAction?: ReactNode;
  /** Prefilled when signing in again to a known account. */
  initialPlatformUrl?: string;
  initialEmail?: string;
  /**
   * The first empty field takes the focus on the first show: the password when the address and
   * the email are prefilled.
   */
  focusFirstEmpty?: boolean;
  /**
   * The choice of a passphrase instead of the keychain (a first sign-in). Signing in again to
   * the same account keeps how its data is protected: offered there only when the keychain
   * fails.
   */
  offerPassphrase?: boolean;
  /** The sign-in button as the screen's main action (it is the only way on). */
  primary?: boolean;
}

/** The platform address, email and password form (first sign-in, and signing in again). */
export function SignInForm({
  title,
  error,
  busy,
  onSignIn,
  onDismissError,
  errorAction,
  initialPlatformUrl = '',
  initialEmail = '',
  focusFirstEmpty = false,
  offerPassphrase = false,
  primary = false,
}: FormProps) {
  const { t, fmt } = useLang();
  const [platformUrl, setPlatformUrl] = useState(initialPlatformUrl);
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState('');
  // A passphrase instead of the system keychain: chosen, or offered after `keychain_unavailable`.
  const [protect, setProtect] = useState(false);
  const [noKeychain, setNoKeychain] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [passphraseError, setPassphraseError] = useState<string | null>(null);
  const urlRef = useRef<HTMLInputElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const passphraseRef = useRef<HTMLInputElement>(null);
  const repeatRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!focusFirstEmpty) return;
    const first = initialPlatformUrl === '' ? urlRef : initialEmail === '' ? emailRef : passwordRef;
    first.current?.focus();
    // Only on the first show: later renders must not pull the focus back.
  }, []);

  const keychainFailed = error?.code === 'keychain_unavailable';
  useEffect(() => {
    if (!keychainFailed) return;
    // Stays open when the error is dismissed: the merchant is asked for a passphrase now.
    setNoKeychain(true);
    setProtect(true);
  }, [keychainFailed]);
  // Once the section shows after the failure, its first field is where to type.
  useEffect(() => {
    if (noKeychain) passphraseRef.current?.focus();
  }, [noKeychain]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const req: SignInRequest = { platformUrl: platformUrl.trim(), email: email.trim(), password };
    if (protect) {
      if (charCount(passphrase) < MIN_PASSPHRASE) {
        setPassphraseError(t.passphraseTooShort(fmt.num(MIN_PASSPHRASE)));
        passphraseRef.current?.focus();
        return;
      }
      if (passphrase !== repeat) {
        setPassphraseError(t.passphraseMismatch);
        repeatRef.current?.focus();
        return;
      }
      req.passphrase = passphrase;
    }
    setPassphraseError(null);
    onSignIn(req);
  };

  return (
    <form data-testid="signin-form" onSubmit={submit} className="form" noValidate>
      {title && <h2 className="form__title">{title}</h2>}
      <label className="field">
        <span className="field__label">{t.platformUrl}</span>
        <input
          className="input"
          type="text"
          inputMode="url"
          dir="ltr"
          name="platformUrl"
          data-testid="signin-url"
          ref={urlRef}
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
          ref={emailRef}
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
          ref={passwordRef}
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {error && <ErrorMessage error={error} onDismiss={onDismissError} />}
      {errorAction}
      {(offerPassphrase || noKeychain) && (
        <label className="field field--check small">
          <input
            type="checkbox"
            data-testid="passphrase-toggle"
            checked={protect}
            onChange={(e) => {
              setProtect(e.target.checked);
              setPassphraseError(null);
            }}
          />
          <span>{t.passphraseToggle}</span>
        </label>
      )}
      {protect && (
        <fieldset className="passphrase" data-testid="passphrase-section">
          <legend className="form__title">{t.passphraseTitle}</legend>
          {noKeychain && (
            <p className="small" data-testid="no-keychain">
              {t.passphraseNoKeychain}
            </p>
          )}
          <p className="muted small">{t.passphraseHint}</p>
          <label className="field">
            <span className="field__label">{t.passphrase}</span>
            <input
              ref={passphraseRef}
              className="input"
              type="password"
              name="passphrase"
              data-testid="passphrase-input"
              autoComplete="new-password"
              aria-invalid={passphraseError !== null && charCount(passphrase) < MIN_PASSPHRASE}
              value={passphrase}
              onChange={(e) => {
                setPassphrase(e.target.value);
                setPassphraseError(null);
              }}
            />
          </label>
          <label className="field">
            <span className="field__label">{t.passphraseRepeat}</span>
            <input
              ref={repeatRef}
              className="input"
              type="password"
              name="passphraseRepeat"
              data-testid="passphrase-repeat-input"
              autoComplete="new-password"
              aria-invalid={passphraseError !== null && passphrase !== repeat}
              value={repeat}
              onChange={(e) => {
                setRepeat(e.target.value);
                setPassphraseError(null);
              }}
            />
          </label>
          {passphraseError && (
            <div className="alert alert--error" role="alert" data-testid="passphrase-error">
              <span className="alert__icon" aria-hidden="true">!</span>
              <span className="alert__text">{passphraseError}</span>
            </div>
          )}
        </fieldset>
      )}
      <button
        type="submit"
        className={`btn ${primary ? 'btn--primary' : 'btn--secondary'} btn--block`}
        data-testid="signin-submit"
        disabled={busy}
      >
        {busy ? t.signingIn : t.signIn}
      </button>
    </form>
  );
}
