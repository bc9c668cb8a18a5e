// Shown instead of the app once the platform has ended this computer's session
// (`AppStatus.sessionExpired`: signed out from another device, or the refresh token expired).
// The cache and the unsent edits stay on this computer; signing in again to the same account
// keeps them and the next sync sends the edits. Signing out instead erases them (asked first
// when edits wait).
import type { AppError, AppStatus, SignInRequest } from '../api';
import { useLang } from '../lang';
import { LangToggle } from './LangToggle';
import { SignInForm } from './Welcome';

interface Props {
  status: AppStatus;
  /** Edits not on the platform yet (waiting or in conflict); null when unknown. */
  unsent: number | null;
  error: AppError | null;
  busy: boolean;
  onSignIn: (req: SignInRequest) => void;
  onDismissError: () => void;
  /** Sign out and erase this computer's data (the app asks first when edits wait). */
  onSignOut: () => void;
}

export function SessionExpiredScreen({ status, unsent, error, busy, onSignIn, onDismissError, onSignOut }: Props) {
  const { t, fmt } = useLang();
  return (
    <div className="welcome" data-testid="session-expired">
      <div className="welcome__top">
        <LangToggle />
      </div>
      <div className="card unlock">
        <div className="brand-mark brand-mark--large" aria-hidden="true">پ</div>
        <h1 className="unlock__title">{t.sessionExpiredTitle}</h1>
        <p>{t.sessionExpiredWhy}</p>
        <p className="muted" data-testid="session-expired-kept" data-count={unsent ?? ''}>
          {t.sessionExpiredKept(unsent, fmt.num(unsent ?? 0))}
        </p>
        <SignInForm
          error={error}
          busy={busy}
          onSignIn={onSignIn}
          onDismissError={onDismissError}
          initialPlatformUrl={status.platformUrl ?? ''}
          initialEmail={status.merchantEmail ?? ''}
          focusFirstEmpty
          primary
        />
        <button type="button" className="link small" data-testid="session-expired-sign-out" disabled={busy} onClick={onSignOut}>
          {t.eraseData}
        </button>
      </div>
    </div>
  );
}
