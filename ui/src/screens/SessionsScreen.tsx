// Where the merchant is signed in: every session the platform knows of (this app on other
// computers, browsers), with when it signed in and was last active. Any session but this
// computer's own can be signed out here (this computer's is the top bar's "Sign out").
// The list lives on the platform: offline, it cannot be shown.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, toAppError, type AppError, type SessionInfo } from '../api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { EmptyState } from '../components/EmptyState';
import { ErrorMessage } from '../components/ErrorMessage';
import { LoadingState } from '../components/LoadingState';
import { detailedErrorText, type Dict } from '../i18n';
import { useLang } from '../lang';
import type { Fmt } from '../lib/format';
import { clientLabel, parseUserAgent, truncateRaw } from '../lib/userAgent';

interface Props {
  reloadKey: number;
  /** Errors the whole app must hear of (a lost sign-in); the rest are shown here. */
  onError?: (e: AppError) => void;
}

/** Relative times ("5 minutes ago") are redrawn this often. */
const TICK_MS = 60_000;

/** The app or browser of a session, ready to show, plus the raw User-Agent for a tooltip. */
function clientOf(t: Dict, fmt: Fmt, s: SessionInfo): { label: string; raw: string | null; known: boolean } {
  const c = parseUserAgent(s.userAgent);
  // The version's digits follow the merchant's choice, as codes do elsewhere.
  if (c) return { label: fmt.digits(clientLabel(c, t.appName)), raw: s.userAgent, known: true };
  if (s.userAgent?.trim()) return { label: truncateRaw(s.userAgent), raw: s.userAgent, known: false };
  return { label: t.sessionUnknown, raw: null, known: false };
}

export function SessionsScreen({ reloadKey, onError }: Props) {
  const { t, fmt } = useLang();
  const [sessions, setSessions] = useState<SessionInfo[] | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [asking, setAsking] = useState<SessionInfo | null>(null);
  const [revoking, setRevoking] = useState(false);
  const [revokeError, setRevokeError] = useState<AppError | null>(null);
  const [revoked, setRevoked] = useState<{ id: number; label: string } | null>(null);
  const [now, setNow] = useState(() => Date.now());

  const onErrorRef = useRef(onError);
  onErrorRef.current = onError;
  const mounted = useRef(true);
  /** Bumped by every load: an older answer still on its way loses. */
  const seq = useRef(0);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const report = useCallback((e: AppError) => {
    if (e.code === 'not_signed_in') onErrorRef.current?.(e);
  }, []);

  const load = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const list = await api.sessions();
      if (!mounted.current || mine !== seq.current) return;
      setSessions(list);
      setLoadError(null);
    } catch (e) {
      if (!mounted.current || mine !== seq.current) return;
      const err = toAppError(e);
      setLoadError(err);
      report(err);
    } finally {
      if (mounted.current && mine === seq.current) {
        setLoading(false);
        setNow(Date.now());
      }
    }
  }, [report]);

  useEffect(() => {
    void load();
  }, [load, reloadKey]);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);

  const refresh = () => {
    setRevoked(null);
    setRevokeError(null);
    void load();
  };

  const ask = (s: SessionInfo) => {
    setRevoked(null);
    setRevokeError(null);
    setAsking(s);
  };

  const cancelAsk = useCallback(() => {
    if (!revoking) setAsking(null);
  }, [revoking]);

  const revoke = async () => {
    const s = asking;
    if (!s || revoking) return;
    setRevoking(true);
    try {
      await api.revokeSession(s.id);
      if (!mounted.current) return;
      setRevoked({ id: s.id, label: clientOf(t, fmt, s).label });
    } catch (e) {
      if (!mounted.current) return;
      const err = toAppError(e);
      setRevokeError(err);
      report(err);
    } finally {
      if (mounted.current) {
        setRevoking(false);
        setAsking(null);
      }
    }
    // Whatever happened, show the platform's list as it now is.
    if (mounted.current) await load();
  };

  let body;
  if (sessions === null) {
    body = loadError ? null : <LoadingState rows={3} />;
  } else if (sessions.length === 0) {
    body = loadError ? null : <EmptyState title={t.sessionsEmpty} hint={t.sessionsEmptyHint} />;
  } else {
    body = (
      <div className="sessions__scroll">
        <table className={`table sessions__table ${loadError ? 'table--stale' : ''}`}>
          <thead>
            <tr>
              <th>{t.sessionClient}</th>
              <th>{t.sessionDevice}</th>
              <th>{t.sessionSignedIn}</th>
              <th>{t.sessionLastSeen}</th>
              <th aria-label={t.sessionRevoke} />
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <SessionRow key={s.id} session={s} now={now} busy={revoking} onRevoke={() => ask(s)} />
            ))}
          </tbody>
        </table>
      </div>
    );
  }

  return (
    <section className="sessions" data-testid="sessions" aria-busy={loading}>
      <div className="card section">
        <div className="section__head">
          <h2 className="section__title">{t.sessionsTitle}</h2>
          <span className="toolbar__spacer" />
          <button
            type="button"
            className="btn btn--ghost btn--small"
            data-testid="sessions-refresh"
            disabled={loading || revoking}
            aria-busy={loading}
            onClick={refresh}
          >
            <svg className={loading ? 'spin' : ''} width="15" height="15" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" aria-hidden="true">
              <path d="M20 12a8 8 0 0 1-14.3 4.9M4 12a8 8 0 0 1 14.3-4.9" />
              <path d="M18.5 3v4.2h-4.2M5.5 21v-4.2h4.2" />
            </svg>
            {loading && sessions !== null ? t.sessionsRefreshing : t.sessionsRefresh}
          </button>
        </div>
        <p className="muted small sessions__hint">{t.sessionsHint}</p>
        {loadError && (
          <div className="list-error" data-testid="sessions-error" data-code={loadError.code}>
            {loadError.code === 'platform_unreachable' ? (
              <div className="alert alert--error" role="alert" data-code={loadError.code}>
                <span className="alert__icon" aria-hidden="true">!</span>
                <span className="alert__text" title={loadError.message}>
                  {t.sessionsOffline}
                </span>
              </div>
            ) : (
              <ErrorMessage error={loadError} />
            )}
            <button
              type="button"
              className="btn btn--secondary btn--small"
              data-testid="sessions-retry"
              disabled={loading}
              onClick={refresh}
            >
              {t.retry}
            </button>
          </div>
        )}
        {revokeError && (
          <div className="alert alert--error" role="alert" data-testid="session-revoke-error" data-code={revokeError.code}>
            <span className="alert__icon" aria-hidden="true">!</span>
            <span className="alert__text" title={revokeError.message}>
              {revokeError.code === 'platform_unreachable' ? t.sessionsOffline : detailedErrorText(t, revokeError)}
            </span>
            <button type="button" className="alert__close" onClick={() => setRevokeError(null)} aria-label={t.dismiss}>
              ×
            </button>
          </div>
        )}
        {revoked && (
          <div className="alert alert--success" role="status" data-testid="session-revoked" data-id={revoked.id}>
            <span className="alert__icon" aria-hidden="true">✓</span>
            <span className="alert__text">{t.sessionRevokedNotice(revoked.label)}</span>
            <button type="button" className="alert__close" onClick={() => setRevoked(null)} aria-label={t.dismiss}>
              ×
            </button>
          </div>
        )}
        {body}
      </div>
      {asking && (
        <ConfirmDialog
          testid="session-revoke-confirm"
          title={t.sessionRevokeTitle}
          onCancel={cancelAsk}
          actions={
            <>
              <button type="button" className="btn btn--ghost" data-testid="session-revoke-no" disabled={revoking} onClick={cancelAsk}>
                {t.cancel}
              </button>
              <button
                type="button"
                className="btn btn--danger"
                data-testid="session-revoke-yes"
                disabled={revoking}
                aria-busy={revoking}
                onClick={() => void revoke()}
              >
                {revoking ? t.sessionRevoking : t.sessionRevokeYes}
              </button>
            </>
          }
        >
          <p className="sessions__which">
            <bdi>{clientOf(t, fmt, asking).label}</bdi>
            {asking.deviceName && (
              <>
                {' — '}
                <bdi>{asking.deviceName}</bdi>
              </>
            )}
          </p>
          <p>{t.sessionRevokeBody}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function SessionRow({ session: s, now, busy, onRevoke }: { session: SessionInfo; now: number; busy: boolean; onRevoke: () => void }) {
  const { t, fmt } = useLang();
  const client = clientOf(t, fmt, s);
  const seen = fmt.ago(s.lastSeenAt, now);
  return (
    <tr
      className={`sessions__row ${s.current ? 'sessions__row--current' : ''} ${s.revoked ? 'sessions__row--revoked' : ''}`}
      data-testid="session-row"
      data-id={s.id}
      data-current={s.current ? 'true' : 'false'}
      data-revoked={s.revoked ? 'true' : 'false'}
    >
      <td>
        <div className="sessions__client">
          <bdi
            className={client.known ? 'sessions__name' : 'sessions__name sessions__name--raw'}
            data-testid="session-client"
            dir={client.raw && !client.known ? 'ltr' : undefined}
            title={client.raw ?? undefined}
          >
            {client.label}
          </bdi>
          {s.current && (
            <span className="chip chip--current" data-testid="session-current">
              {t.sessionCurrent}
            </span>
          )}
          {s.revoked && (
            <span className="chip" data-testid="session-signed-out">
              {t.sessionRevokedBadge}
            </span>
          )}
        </div>
      </td>
      <td data-testid="session-device">{s.deviceName ? <bdi>{s.deviceName}</bdi> : <span className="muted">{t.sessionUnknown}</span>}</td>
      <td data-testid="session-signed-in" data-value={s.signedInAt}>
        <time dateTime={s.signedInAt}>{fmt.dateTime(s.signedInAt)}</time>
      </td>
      <td data-testid="session-last-seen" data-value={s.lastSeenAt}>
        {seen && <div>{seen}</div>}
        <time dateTime={s.lastSeenAt} className={seen ? 'muted small' : undefined}>
          {fmt.dateTime(s.lastSeenAt)}
        </time>
      </td>
      <td className="sessions__action">
        {!s.current && !s.revoked && (
          <button type="button" className="btn btn--ghost btn--small sessions__revoke" data-testid="session-revoke" disabled={busy} onClick={onRevoke}>
            {t.sessionRevoke}
          </button>
        )}
      </td>
    </tr>
  );
}
