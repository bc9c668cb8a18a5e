// The signed-in frame: sidebar navigation, top bar (last sync, sync, language, sign out) and the
// sync notices (an overlay: SyncNotices).
import type { ReactNode } from 'react';
import type { AppError, AppStatus } from '../api';
import { useLang } from '../lang';
import { isOnline, useSync } from '../lib/sync';
import { LangToggle } from './LangToggle';
import { StoreSwitcher } from './StoreSwitcher';
import { SyncNotices, type SyncNoticesProps } from './SyncNotices';

export type Section = 'orders' | 'customers' | 'dashboard' | 'outbox' | 'kyc' | 'sessions' | 'privacy' | 'settings';

/** What the shell shows of the sync is what `SyncNotices` shows (its props are passed through). */
interface Props extends SyncNoticesProps {
  status: AppStatus;
  section: Section;
  onNavigate: (s: Section) => void;
  onSignOut: () => void;
  /** After a switch to another of the merchant's stores (absent: no switcher). */
  onStoreSwitched?: (status: AppStatus) => void;
  onStoreError?: (e: AppError) => void;
  children: ReactNode;
}

const ICONS: Record<Section, ReactNode> = {
  orders: <path d="M6 3h12l2 4v13a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7l2-4zM4 7h16M9 11h6" />,
  customers: (
    <>
      <circle cx="9" cy="8" r="3.5" />
      <path d="M2.5 20c.8-3.5 3.4-5.5 6.5-5.5s5.7 2 6.5 5.5M16 4.5a3.5 3.5 0 0 1 0 7M18 14.5c2 .7 3.2 2.6 3.5 5.5" />
    </>
  ),
  dashboard: <path d="M4 20V10M10 20V4M16 20v-7M22 20H2" />,
  outbox: <path d="M4 13h4l1.5 3h5L16 13h4M4 13l2.5-8h11L20 13v6a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1v-6zM12 6v6M9.5 9.5 12 12l2.5-2.5" />,
  kyc: (
    <>
      <rect x="2.5" y="5" width="19" height="14" rx="2" />
      <circle cx="8.5" cy="11" r="2.2" />
      <path d="M5.5 16c.6-1.6 1.7-2.4 3-2.4s2.4.8 3 2.4M14 10h4.5M14 13h3" />
    </>
  ),
  sessions: (
    <>
      <rect x="2" y="4" width="14" height="10" rx="1.5" />
      <path d="M5.5 18h7M9 14v4" />
      <rect x="17" y="8" width="5" height="12" rx="1.2" />
    </>
  ),
  privacy: (
    <>
      <path d="M12 2.5 4.5 5.5v6c0 4.6 3.2 8.5 7.5 10 4.3-1.5 7.5-5.4 7.5-10v-6L12 2.5z" />
      <rect x="9" y="11" width="6" height="5" rx="1" />
      <path d="M10.2 11V9.5a1.8 1.8 0 0 1 3.6 0V11" />
    </>
  ),
  settings: (
    <>
      <circle cx="12" cy="12" r="3" />
      <path d="M12 2v3M12 19v3M4.9 4.9l2.1 2.1M17 17l2.1 2.1M2 12h3M19 12h3M4.9 19.1 7 17M17 7l2.1-2.1" />
    </>
  ),
};

export function Shell(props: Props) {
  const { status, section, syncing, progress, showProgress, report, error } = props;
  const { t, fmt } = useLang();
  const sync = useSync();
  const waiting = (sync.status?.pendingEdits ?? 0) + (sync.status?.conflicts ?? 0);
  const nav: Array<[Section, string]> = [
    ['orders', t.navOrders],
    ['customers', t.navCustomers],
    ['dashboard', t.navDashboard],
    ['outbox', t.navOutbox],
    ['kyc', t.navKyc],
    ['sessions', t.navSessions],
    ['privacy', t.navPrivacy],
    ['settings', t.navSettings],
  ];
  return (
    <div className="app">
      {/* The first Tab stop: past the sidebar and the top bar, straight to the screen. */}
      <button
        type="button"
        className="skip-link no-print"
        data-testid="skip-to-content"
        onClick={() => document.getElementById('main-content')?.focus()}
      >
        {t.skipToContent}
      </button>
      <aside className="sidebar no-print">
        <div className="sidebar__brand">
          <div className="brand-mark" aria-hidden="true">پ</div>
          <span className="sidebar__name">{t.appName}</span>
        </div>
        <nav className="nav" aria-label={t.mainNav}>
          {nav.map(([s, label]) => (
            <button
              key={s}
              type="button"
              className={`nav__item ${section === s ? 'nav__item--active' : ''}`}
              data-testid={`nav-${s}`}
              aria-current={section === s ? 'page' : undefined}
              onClick={() => props.onNavigate(s)}
            >
              <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
                {ICONS[s]}
              </svg>
              {label}
              {s === 'outbox' && waiting > 0 && (
                <span className="nav__badge" data-testid="outbox-badge" data-count={waiting}>
                  {fmt.num(waiting)}
                </span>
              )}
            </button>
          ))}
        </nav>
      </aside>
      <div className="main">
        <header className="topbar no-print">
          <div className="topbar__brand">
            <div>
              <div className="topbar__store">
                {props.onStoreSwitched ? (
                  <StoreSwitcher status={status} onSwitched={props.onStoreSwitched} onError={props.onStoreError ?? (() => {})} />
                ) : (
                  (status.storeName ?? t.appName)
                )}
                {status.demo && <span className="badge badge--demo">{t.demoBadge}</span>}
              </div>
              <div className="topbar__merchant muted small">{status.merchantName ?? ''}</div>
            </div>
          </div>
          <div className="topbar__actions">
            <SyncIndicator status={status} onNavigate={props.onNavigate} />
            <button
              type="button"
              className="btn btn--primary"
              data-testid="sync-button"
              onClick={props.onSync}
              disabled={syncing}
              aria-busy={syncing}
            >
              <svg className={syncing ? 'spin' : ''} width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" aria-hidden="true">
                <path d="M20 12a8 8 0 0 1-14.3 4.9M4 12a8 8 0 0 1 14.3-4.9" />
                <path d="M18.5 3v4.2h-4.2M5.5 21v-4.2h4.2" />
              </svg>
              {syncing ? t.syncing : t.sync}
            </button>
            <LangToggle />
            <button type="button" className="btn btn--ghost btn--small" data-testid="sign-out" onClick={props.onSignOut}>
              {t.signOut}
            </button>
          </div>
        </header>
        {/* The sync notices: an overlay out of the layout, never above the content in the flow
            (a notice coming or going must not move what is under the pointer). Why and how:
            SyncNotices.tsx. Here, between the top bar and the content, for the Tab order. */}
        <SyncNotices
          syncing={syncing}
          progress={progress}
          showProgress={showProgress}
          report={report}
          error={error}
          onSync={props.onSync}
          onCancelSync={props.onCancelSync}
          onDismiss={props.onDismiss}
        />
        {/* Focusable from code only: where the focus goes when a screen replaces the one that had it. */}
        <main className="content" id="main-content" tabIndex={-1}>
          {props.children}
        </main>
      </div>
    </div>
  );
}

/** The header's sync area: online or not, last successful sync, edits waiting, conflicts. */
function SyncIndicator({ status, onNavigate }: { status: AppStatus; onNavigate: (s: Section) => void }) {
  const { t, fmt } = useLang();
  const sync = useSync();
  const online = isOnline(sync.status);
  const pending = sync.status?.pendingEdits ?? 0;
  const conflicts = sync.status?.conflicts ?? 0;
  const lastSyncAt = sync.status?.lastSyncAt ?? status.lastSyncAt;
  return (
    <div
      className="sync-status small"
      data-testid="sync-status"
      data-last-attempt={sync.status?.lastAttemptAt ?? ''}
      data-last-error={sync.status?.lastError?.code ?? ''}
    >
      <span
        className={`online-state ${online ? 'online-state--on' : 'online-state--off'}`}
        data-testid="online-state"
        data-online={online ? 'true' : 'false'}
        title={online ? t.online : t.offline}
      >
        <span className="online-state__dot" aria-hidden="true" />
        {online ? t.online : t.offline}
      </span>
      <div className="last-sync" data-testid="last-sync" data-value={status.lastSyncAt ?? ''}>
        <span className="muted">{t.lastSync}: </span>
        <span>{lastSyncAt ? fmt.dateTime(lastSyncAt) : t.never}</span>
      </div>
      <button
        type="button"
        className={`chip ${pending > 0 ? 'chip--pending' : ''}`}
        data-testid="pending-count"
        data-count={pending}
        onClick={() => onNavigate('outbox')}
      >
        {t.pendingEdits(fmt.num(pending))}
      </button>
      <button
        type="button"
        className="chip chip--conflict"
        data-testid="conflict-count"
        data-count={conflicts}
        hidden={conflicts === 0}
        onClick={() => onNavigate('outbox')}
      >
        {t.conflicts(fmt.num(conflicts))}
      </button>
    </div>
  );
}
