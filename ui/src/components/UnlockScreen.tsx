// Shown instead of the app while this computer's data is sealed with a passphrase not entered
// yet in this run (`AppStatus.locked`): the passphrase opens it; a forgotten one leaves only
// signing out, which erases this computer's data of the account.
import { useRef, useState, type FormEvent } from 'react';
import { api, type AppError, type AppStatus } from '../api';
import { useLang } from '../lang';
import { ConfirmDialog } from './ConfirmDialog';
import { ErrorMessage } from './ErrorMessage';
import { LangToggle } from './LangToggle';
import { charCount, MIN_PASSPHRASE } from './Welcome';

interface Props {
  status: AppStatus;
  /** The status after a successful unlock (no longer locked). */
  onUnlocked: (status: AppStatus) => void;
  /** The status after "forgot the passphrase": signed out, this computer's data erased. */
  onSignedOut: (status: AppStatus) => void;
}

export function UnlockScreen({ status, onUnlocked, onSignedOut }: Props) {
  const { t, fmt } = useLang();
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  /** Refused here, before asking Rust: too short to be any passphrase Pishkhan accepted. */
  const [tooShort, setTooShort] = useState(false);
  const [confirmErase, setConfirmErase] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  /** Back to the field with what was typed selected, so typing again replaces it. */
  const refocus = () =>
    setTimeout(() => {
      input.current?.focus();
      input.current?.select();
    }, 0);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || passphrase === '') return;
    setError(null);
    if (charCount(passphrase) < MIN_PASSPHRASE) {
      setTooShort(true);
      refocus();
      return;
    }
    setTooShort(false);
    setBusy(true);
    try {
      const s = await api.unlock(passphrase);
      if (s.locked) throw { code: 'wrong_passphrase', message: '' } satisfies AppError;
      onUnlocked(s);
    } catch (err) {
      setError(err as AppError);
      setBusy(false);
      refocus();
    }
  };

  const erase = async () => {
    setConfirmErase(false);
    setBusy(true);
    setError(null);
    try {
      onSignedOut(await api.signOut(true));
    } catch (err) {
      setError(err as AppError);
      setBusy(false);
      refocus();
    }
  };

  return (
    <div className="welcome" data-testid="unlock-screen">
      <div className="welcome__top">
        <LangToggle />
      </div>
      <div className="card unlock">
        <div className="brand-mark brand-mark--large" aria-hidden="true">پ</div>
        <h1 className="unlock__title">{t.unlockTitle}</h1>
        <p className="muted">{t.unlockHint}</p>
        {status.platformUrl && (
          <dl className="unlock__platform">
            <dt className="field__label">{t.platformUrl}</dt>
            <dd>
              <bdi dir="ltr" data-testid="unlock-platform">
                {status.platformUrl}
              </bdi>
            </dd>
          </dl>
        )}
        <form className="form unlock__form" onSubmit={(e) => void submit(e)} noValidate data-testid="unlock-form">
          <label className="field">
            <span className="field__label">{t.passphrase}</span>
            <input
              ref={input}
              className="input"
              type="password"
              name="passphrase"
              data-testid="unlock-passphrase"
              autoComplete="current-password"
              autoFocus
              aria-invalid={tooShort || error?.code === 'wrong_passphrase'}
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
            />
          </label>
          {error && (
            <ErrorMessage
              error={error}
              onDismiss={() => {
                setError(null);
                refocus();
              }}
            />
          )}
          {tooShort && (
            <div className="alert alert--error" role="alert" data-testid="unlock-too-short">
              <span className="alert__icon" aria-hidden="true">!</span>
              <span className="alert__text">{t.passphraseTooShort(fmt.num(MIN_PASSPHRASE))}</span>
            </div>
          )}
          <button
            type="submit"
            className="btn btn--primary btn--block"
            data-testid="unlock-button"
            disabled={busy || passphrase === ''}
          >
            {busy ? t.unlocking : t.unlock}
          </button>
        </form>
        <button type="button" className="link small" data-testid="unlock-forgot" disabled={busy} onClick={() => setConfirmErase(true)}>
          {t.unlockForgot}
        </button>
      </div>
      {confirmErase && (
        <ConfirmDialog
          testid="unlock-erase-confirm"
          title={t.unlockForgotTitle}
          onCancel={() => {
            setConfirmErase(false);
            refocus();
          }}
          actions={
            <>
              <button
                type="button"
                className="btn btn--secondary"
                data-testid="unlock-erase-cancel"
                onClick={() => {
                  setConfirmErase(false);
                  refocus();
                }}
              >
                {t.cancel}
              </button>
              <button type="button" className="btn btn--danger" data-testid="unlock-erase-yes" onClick={() => void erase()}>
                {t.unlockForgotConfirm}
              </button>
            </>
          }
        >
          <p>{t.unlockForgotBody}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
