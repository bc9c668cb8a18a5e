import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import {
  api,
  events,
  toAppError,
  type AppError,
  type AppStatus,
  type MenuCommand,
  type SignInRequest,
  type SyncProgress,
  type SyncReport,
  type SyncStatus,
} from './api';
import { applyLang, dicts, loadLang, saveLang, type Lang } from './i18n';
import { LangContext, type LangCtx } from './lang';
import { ConfirmDialog } from './components/ConfirmDialog';
import { ErrorMessage } from './components/ErrorMessage';
import { LangToggle } from './components/LangToggle';
import { ProgressBar } from './components/ProgressBar';
import { SessionExpiredScreen } from './components/SessionExpiredScreen';
import { Shell, type Section } from './components/Shell';
import { UnlockScreen } from './components/UnlockScreen';
import { Welcome } from './components/Welcome';
import { makeFmt } from './lib/format';
import {
  applyTheme,
  defaultDigits,
  loadCurrency,
  loadDigits,
  saveCurrency,
  saveDigits,
  useTheme,
  type Currency,
  type Digits,
} from './lib/prefs';
import { SyncContext, type SyncCtx } from './lib/sync';
import { ListCacheContext, type ListCache } from './lib/usePagedList';
import { CustomerDetailScreen } from './screens/CustomerDetailScreen';
import { CustomersScreen } from './screens/CustomersScreen';
import { DashboardScreen } from './screens/DashboardScreen';
import { KycScreen } from './screens/KycScreen';
import { OrderDetailScreen } from './screens/OrderDetailScreen';
import { OrdersScreen } from './screens/OrdersScreen';
import { OutboxScreen } from './screens/OutboxScreen';
import { PrintScreen, type PrintKind } from './screens/PrintScreen';
import { PrivacyScreen } from './screens/PrivacyScreen';
import { SessionsScreen } from './screens/SessionsScreen';
import { SettingsScreen } from './screens/SettingsScreen';

/** Where the merchant is; detail screens stack on top of a section. */
type Route =
  | { name: Section }
  | { name: 'order'; id: number }
  | { name: 'print'; id: number; kind: PrintKind }
  | { name: 'customer'; id: number };

function sectionOf(stack: Route[]): Section {
  return stack[0].name as Section;
}

const SIGNED_OUT: AppStatus = {
  signedIn: false,
  locked: false,
  sessionExpired: false,
  merchantEmail: null,
  demo: false,
  demoStarting: false,
  platformUrl: null,
  merchantName: null,
  storeName: null,
  lastSyncAt: null,
  orderCount: 0,
  customerCount: 0,
};

/**
 * `app_status` failures that mean this computer's data cannot be opened at all (keys missing
 * or not matching): the way out is signing out, which erases it.
 */
const UNREADABLE = new Set(['cache_unreadable', 'secrets_missing']);

/** How long a finished progress bar stays on screen. */
const PROGRESS_LINGER_MS = 1500;

/**
 * The native menu's shortcuts, also caught in the page. Where the menu's accelerator takes
 * the key first (GTK does, before the webview: tests/desktop_keyboard_e2e.rs presses them on the
 * X server's keyboard) the page never sees it; where the key reaches the page instead (keys
 * synthesised into the webview, as WebDriver's are; webviews that keep keys to themselves),
 * the page does what the menu item does. A key seen by both runs once (SAME_COMMAND_MS).
 * `KeyboardEvent.code`, so they work with a Persian keyboard layout too.
 */
function shortcutOf(e: KeyboardEvent): MenuCommand | null {
  if (e.altKey || e.shiftKey) return null;
  const mod = e.ctrlKey || e.metaKey;
  if (!mod) return e.key === 'F1' ? 'privacy' : null;
  switch (e.code) {
    case 'KeyR':
      return 'sync';
    case 'Digit1':
    case 'Numpad1':
      return 'orders';
    case 'Digit2':
    case 'Numpad2':
      return 'customers';
    case 'Digit3':
    case 'Numpad3':
      return 'dashboard';
    case 'Comma':
      return 'settings';
    default:
      return null;
  }
}

/** A menu command and its shortcut arriving both (as on some systems) run once. */
const SAME_COMMAND_MS = 400;

export function App() {
  const [lang, setLang] = useState<Lang>(loadLang);
  const [digitsChoice, setDigitsChoice] = useState<Digits | null>(loadDigits);
  const [currency, setCurrencyState] = useState<Currency>(loadCurrency);
  const [stack, setStack] = useState<Route[]>([{ name: 'orders' }]);
  const [listCache] = useState<ListCache>(() => new Map());
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false); // sign-in / demo request in flight
  const [demoRequested, setDemoRequested] = useState(false);
  const [syncing, setSyncing] = useState(false);
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  const [lingering, setLingering] = useState(false);
  const [report, setReport] = useState<SyncReport | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const lingerTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [syncStatus, setSyncStatus] = useState<SyncStatus | null>(null);
  const [syncVersion, setSyncVersion] = useState(0);
  /** Edits that would be lost by signing out now (the sign-out question is open). */
  const [signOutWaiting, setSignOutWaiting] = useState<number | null>(null);
  /** `app_status` said this computer's data cannot be opened (see UNREADABLE). */
  const [unreadable, setUnreadable] = useState(false);
  /** The "sign out and erase" question for unreadable data is open. */
  const [confirmErase, setConfirmErase] = useState(false);

  useEffect(() => applyLang(lang), [lang]);
  // The native menu speaks the UI's language (Rust builds it in Persian first); a failure leaves
  // the menu as it was and changes nothing else.
  useEffect(() => {
    api.setMenuLanguage(lang).catch(() => {});
  }, [lang]);
  // main.tsx already put it on <html> before the first render; kept in step with the choice.
  const [theme] = useTheme();
  useLayoutEffect(() => applyTheme(theme), [theme]);

  const langCtx = useMemo<LangCtx>(() => {
    const prefs = { lang, digits: digitsChoice ?? defaultDigits(lang), currency };
    return {
      lang,
      t: dicts[lang],
      prefs,
      fmt: makeFmt(prefs),
      toggle: () =>
        setLang((l) => {
          const next: Lang = l === 'fa' ? 'en' : 'fa';
          saveLang(next);
          return next;
        }),
      setLang: (l: Lang) => {
        saveLang(l);
        setLang(l);
      },
      setDigits: (d: Digits) => {
        saveDigits(d);
        setDigitsChoice(d);
      },
      setCurrency: (c: Currency) => {
        saveCurrency(c);
        setCurrencyState(c);
      },
    };
  }, [lang, digitsChoice, currency]);

  const push = useCallback((r: Route) => setStack((st) => [...st, r]), []);
  const back = useCallback(() => setStack((st) => (st.length > 1 ? st.slice(0, -1) : st)), []);
  const navigate = useCallback((s: Section) => setStack([{ name: s }]), []);

  const refreshStatus = useCallback(async () => {
    try {
      const s = await api.appStatus();
      setStatus(s);
      setUnreadable(false);
      return s;
    } catch (e) {
      const err = toAppError(e);
      setError(err);
      if (UNREADABLE.has(err.code)) {
        // Nothing signed in can be shown: the welcome screen, with the error and a way out.
        setUnreadable(true);
        setStatus(SIGNED_OUT);
      } else {
        setStatus((prev) => prev ?? SIGNED_OUT);
      }
      return null;
    }
  }, []);

  // The sync status area: refetched on the Rust side's events and after every edit.
  const syncSeq = useRef(0);
  const refreshSync = useCallback(() => {
    setSyncVersion((v) => v + 1);
    const mine = ++syncSeq.current;
    api
      .syncStatus()
      .then((s) => mine === syncSeq.current && setSyncStatus(s))
      .catch(() => {
        /* the header keeps what it showed; screens report their own errors */
      });
  }, []);
  const syncCtx = useMemo<SyncCtx>(
    () => ({ status: syncStatus, version: syncVersion, refresh: refreshSync }),
    [syncStatus, syncVersion, refreshSync],
  );
  // Signed in and opened: while the data is sealed with a passphrase not entered yet (locked),
  // every command but unlock and sign-out fails, so nothing is fetched for the sync area.
  const open = (status?.signedIn ?? false) && !(status?.locked ?? false);
  const openRef = useRef(open);
  openRef.current = open;
  /** Runs a menu command (set below, once `sync` exists): the events effect calls the latest. */
  const commandRef = useRef<(id: MenuCommand) => void>(() => {});
  useEffect(() => {
    if (open) refreshSync();
    else setSyncStatus(null);
  }, [open, refreshSync]);

  const handleError = useCallback(
    (e: AppError) => {
      if (e.code === 'session_expired') {
        // The platform ended the session: the status now says so and the sign-in-again screen
        // explains it; the notice only in case the status does not.
        void refreshStatus().then((s) => {
          if (s && !s.sessionExpired) setError(e);
        });
        return;
      }
      setError(e);
      // A lost session sends the merchant back to the sign-in screen; locked data, to the
      // unlock screen.
      if (e.code === 'not_signed_in' || e.code === 'locked') void refreshStatus();
    },
    [refreshStatus],
  );

  // A sync of the Rust side's own (in the background) that the platform refused because it
  // ended the session: the status says so from now on.
  const lastSyncErrorCode = syncStatus?.lastError?.code;
  useEffect(() => {
    if (lastSyncErrorCode === 'session_expired' && openRef.current) void refreshStatus();
  }, [lastSyncErrorCode, refreshStatus]);

  // First status, then the ready flag the end-to-end tests wait for.
  useEffect(() => {
    void refreshStatus().finally(() => {
      document.body.dataset.ready = 'true';
    });
  }, [refreshStatus]);

  // Events from the Rust side.
  useEffect(() => {
    let alive = true;
    const unlisteners: Array<() => void> = [];
    const keep = (p: Promise<() => void>) =>
      p.then((un) => (alive ? unlisteners.push(un) : un())).catch(() => {});
    keep(
      events.onSyncProgress((p) => {
        setProgress(p);
        clearTimeout(lingerTimer.current);
        setLingering(true);
        if (p.done) lingerTimer.current = setTimeout(() => setLingering(false), PROGRESS_LINGER_MS);
      }),
    );
    keep(
      events.onStatusChanged(() => {
        void refreshStatus();
        setReloadKey((k) => k + 1);
        if (openRef.current) refreshSync();
      }),
    );
    keep(events.onSyncStatus(() => openRef.current && refreshSync()));
    keep(events.onMenu((id) => commandRef.current(id)));
    return () => {
      alive = false;
      unlisteners.forEach((un) => un());
      clearTimeout(lingerTimer.current);
    };
  }, [refreshStatus, refreshSync]);

  const signIn = async (req: SignInRequest) => {
    // Signing in again after the platform ended the session: the kept edits go at once.
    const again = status?.signedIn === true && status.sessionExpired;
    setBusy(true);
    setError(null);
    try {
      const s = await api.signIn(req);
      listCache.clear();
      setUnreadable(false);
      // Signed in again to the same account: back where the merchant was; another account's
      // data replaced this one's, so from its orders list.
      if (!again || s.platformUrl !== status?.platformUrl || s.merchantEmail !== status?.merchantEmail) {
        setStack([{ name: 'orders' }]);
      }
      setStatus(s);
      setReloadKey((k) => k + 1);
      if (again && s.signedIn && !s.locked && !s.sessionExpired) requestSync();
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  };

  const startDemo = async () => {
    setBusy(true);
    setDemoRequested(true);
    setError(null);
    setProgress(null);
    try {
      setStatus(await api.startDemo());
      setUnreadable(false);
      setReloadKey((k) => k + 1);
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
      setDemoRequested(false);
    }
  };

  const syncingRef = useRef(false);
  /** A sync was asked for while one ran: another follows it (a store switch, signing in again). */
  const syncAgain = useRef(false);
  const sync = async () => {
    if (syncingRef.current) return;
    syncingRef.current = true;
    setSyncing(true);
    setError(null);
    setReport(null);
    setProgress({ pages: 0, rows: 0, totalEstimate: null, done: false });
    setLingering(true);
    clearTimeout(lingerTimer.current);
    let stopped = false;
    try {
      const r = await api.syncNow();
      setReport(r);
      setProgress((p) => ({ pages: r.pages, rows: p?.rows ?? 0, totalEstimate: p?.totalEstimate ?? null, done: true }));
      await refreshStatus();
      setReloadKey((k) => k + 1);
    } catch (e) {
      const err = toAppError(e);
      // A failed attempt is shown by the sync status area (with its retry button); other
      // errors (a lost session, a cancelled sync) by the notice. When a background sync is
      // running, its own progress events keep the bar going.
      if (err.code !== 'platform_unreachable' && err.code !== 'platform_error' && err.code !== 'sync_in_progress') handleError(err);
      if (err.code !== 'sync_in_progress') {
        stopped = true;
        setProgress(null);
        setLingering(false);
      }
    } finally {
      refreshSync();
      syncingRef.current = false;
      setSyncing(false);
      clearTimeout(lingerTimer.current);
      if (!stopped) lingerTimer.current = setTimeout(() => setLingering(false), PROGRESS_LINGER_MS);
    }
    if (syncAgain.current) {
      syncAgain.current = false;
      void sync();
    }
  };

  // Menu commands and their shortcuts: only in the signed-in app, not on the sign-in, unlock,
  // sign-in-again or demo-preparing screens (there is nothing to go to yet).
  const usable = open && !(status?.sessionExpired ?? false) && !(status?.demoStarting ?? false) && !demoRequested;
  const lastCommand = useRef<{ id: MenuCommand | null; at: number }>({ id: null, at: 0 });
  commandRef.current = (id: MenuCommand) => {
    if (!usable) return;
    const now = Date.now();
    if (lastCommand.current.id === id && now - lastCommand.current.at < SAME_COMMAND_MS) return;
    lastCommand.current = { id, at: now };
    if (id === 'sync') void sync();
    else navigate(id);
  };
  const stackRef = useRef(stack);
  stackRef.current = stack;
  const usableRef = useRef(usable);
  usableRef.current = usable;

  // Keys in the page: the menu's shortcuts (see shortcutOf), and Escape to go back from a
  // detail screen when nothing else (a dialog, a popup, a field being typed in) takes it.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const id = shortcutOf(e);
      if (id) {
        // Always kept from the webview (Ctrl+R would reload the page), acted on when usable.
        e.preventDefault();
        commandRef.current(id);
        return;
      }
      if (e.key !== 'Escape' || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
      if (!usableRef.current || stackRef.current.length < 2 || document.querySelector('[aria-modal="true"]')) return;
      const target = e.target instanceof Element ? e.target : null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      e.preventDefault();
      back();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [back]);

  // A new screen whose predecessor had the focus (a row opened, Back pressed, signed in): the
  // focus goes to the top of the new screen's content, so the next Tab continues there rather
  // than from the top of the window. Focus that is somewhere (a sidebar item) stays.
  const top = stack[stack.length - 1];
  const screenKey = !usable
    ? `off:${status?.signedIn}:${status?.locked}:${status?.sessionExpired}`
    : `${stack.length}:${top.name}:${'id' in top ? top.id : ''}`;
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      const at = document.activeElement;
      if (!at || at === document.body) document.getElementById('main-content')?.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [screenKey]);

  /** A sync now, or right after the one running (which may have been for another store). */
  const requestSync = () => {
    if (syncingRef.current) syncAgain.current = true;
    else void sync();
  };

  /** After the store switcher moved to another store: its orders, from the top, then a sync. */
  const storeSwitched = (s: AppStatus) => {
    setError(null);
    setReport(null);
    setStatus(s);
    setStack([{ name: 'orders' }]);
    listCache.clear();
    setReloadKey((k) => k + 1);
    refreshSync();
    requestSync();
  };

  const cancelSync = async () => {
    try {
      await api.cancelSync();
    } catch (e) {
      handleError(toAppError(e));
    }
  };

  const signOut = async (discardEdits = false) => {
    setError(null);
    setReport(null);
    setSignOutWaiting(null);
    try {
      const s = await api.signOut(discardEdits);
      listCache.clear();
      setStack([{ name: 'orders' }]);
      setStatus(s);
    } catch (e) {
      const err = toAppError(e);
      if (err.code === 'edits_waiting') {
        // Ask first: how many edits would be lost comes from the outbox itself.
        let n = 0;
        try {
          const s = await api.syncStatus();
          n = s.pendingEdits + s.conflicts;
        } catch {
          /* the dialog still explains; without the number */
        }
        setSignOutWaiting(n);
      } else {
        handleError(err);
      }
    }
  };

  /** Unreadable data: signs out, erasing this computer's data, then reads the status afresh. */
  const eraseUnreadable = async () => {
    setConfirmErase(false);
    setBusy(true);
    setError(null);
    try {
      await api.signOut(true);
      listCache.clear();
      setStack([{ name: 'orders' }]);
      setReport(null);
      await refreshStatus();
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  };

  let screen;
  const t = dicts[lang];
  if (status === null) {
    screen = (
      <div className="center-screen">
        <div className="brand-mark brand-mark--large pulse" aria-hidden="true">پ</div>
        <div className="muted">{t.loading}</div>
      </div>
    );
  } else if (status.demoStarting || demoRequested) {
    screen = (
      <div className="center-screen">
        <div className="welcome__top">
          <LangToggle />
        </div>
        <div className="card preparing">
          <div className="brand-mark brand-mark--large pulse" aria-hidden="true">پ</div>
          <h1 className="preparing__title">{t.preparingDemo}</h1>
          <p className="muted">{t.preparingDemoHint}</p>
          <ProgressBar progress={progress} />
          {error && <ErrorMessage error={error} onDismiss={() => setError(null)} />}
        </div>
      </div>
    );
  } else if (!status.signedIn) {
    screen = (
      <Welcome
        error={error}
        busy={busy}
        onSignIn={signIn}
        onDemo={startDemo}
        onDismissError={() => setError(null)}
        errorAction={
          unreadable && (
            <button
              type="button"
              className="btn btn--danger btn--block"
              data-testid="erase-unreadable"
              disabled={busy}
              onClick={() => setConfirmErase(true)}
            >
              {t.eraseData}
            </button>
          )
        }
      />
    );
  } else if (status.locked) {
    screen = (
      <UnlockScreen
        status={status}
        onUnlocked={(s) => {
          // As after signing in: the screens load from the now opened cache.
          setError(null);
          setStatus(s);
          setReloadKey((k) => k + 1);
        }}
        onSignedOut={(s) => {
          setError(null);
          setReport(null);
          setStack([{ name: 'orders' }]);
          setStatus(s);
        }}
      />
    );
  } else if (status.sessionExpired) {
    screen = (
      <SessionExpiredScreen
        status={status}
        unsent={syncStatus ? syncStatus.pendingEdits + syncStatus.conflicts : null}
        error={error}
        busy={busy}
        onSignIn={signIn}
        onDismissError={() => setError(null)}
        onSignOut={() => void signOut(false)}
      />
    );
  } else {
    const route = stack[stack.length - 1];
    let body;
    switch (route.name) {
      case 'orders':
        body = <OrdersScreen status={status} reloadKey={reloadKey} onOpen={(id) => push({ name: 'order', id })} onError={handleError} />;
        break;
      case 'customers':
        body = <CustomersScreen reloadKey={reloadKey} onOpen={(id) => push({ name: 'customer', id })} onError={handleError} />;
        break;
      case 'dashboard':
        body = <DashboardScreen reloadKey={reloadKey} onOpenCustomer={(id) => push({ name: 'customer', id })} />;
        break;
      case 'outbox':
        body = <OutboxScreen reloadKey={reloadKey} onOpenOrder={(id) => push({ name: 'order', id })} />;
        break;
      case 'kyc':
        body = <KycScreen reloadKey={reloadKey} />;
        break;
      case 'sessions':
        body = <SessionsScreen reloadKey={reloadKey} onError={handleError} />;
        break;
      case 'privacy':
        body = (
          <PrivacyScreen
            onOpenSessions={() => navigate('sessions')}
            onOpenSettings={() => navigate('settings')}
            onSignOut={() => void signOut(false)}
            onError={handleError}
          />
        );
        break;
      case 'settings':
        body = <SettingsScreen status={status} />;
        break;
      case 'order':
        body = (
          <OrderDetailScreen
            key={route.id}
            id={route.id}
            reloadKey={reloadKey}
            onBack={back}
            onOpenCustomer={(id) => push({ name: 'customer', id })}
            onPrint={(kind) => push({ name: 'print', id: route.id, kind })}
          />
        );
        break;
      case 'print':
        body = <PrintScreen id={route.id} kind={route.kind} storeName={status.storeName} onBack={back} />;
        break;
      case 'customer':
        body = (
          <CustomerDetailScreen
            key={route.id}
            id={route.id}
            reloadKey={reloadKey}
            onBack={back}
            onOpenOrder={(id) => push({ name: 'order', id })}
          />
        );
        break;
    }
    screen = (
      <Shell
        status={status}
        section={sectionOf(stack)}
        onNavigate={navigate}
        syncing={syncing}
        progress={progress}
        showProgress={syncing || lingering}
        report={report}
        error={error}
        onSync={sync}
        onCancelSync={cancelSync}
        onSignOut={() => void signOut(false)}
        onDismiss={() => setError(null)}
        onStoreSwitched={storeSwitched}
        onStoreError={setError}
      >
        {body}
      </Shell>
    );
  }

  // Signing out would lose edits: asked from the app, or from the sign-in-again screen (where
  // syncing first is not possible: the safe answer there is to go back and sign in).
  const expired = status?.sessionExpired === true;
  const signOutQuestion = signOutWaiting !== null && (
    <ConfirmDialog
      testid="discard-edits-confirm"
      title={t.signOutTitle}
      onCancel={() => setSignOutWaiting(null)}
      actions={
        <>
          {expired ? (
            <button type="button" className="btn btn--primary" data-testid="sign-out-cancel" onClick={() => setSignOutWaiting(null)}>
              {t.cancel}
            </button>
          ) : (
            <button
              type="button"
              className="btn btn--primary"
              data-testid="sync-first"
              onClick={() => {
                setSignOutWaiting(null);
                void sync();
              }}
            >
              {t.syncFirst}
            </button>
          )}
          <button type="button" className="btn btn--danger" data-testid="sign-out-anyway" onClick={() => void signOut(true)}>
            {t.signOutAnyway}
          </button>
        </>
      }
    >
      <p data-testid="discard-edits-count" data-count={signOutWaiting}>
        {t.signOutBody(langCtx.fmt.num(signOutWaiting))}
      </p>
    </ConfirmDialog>
  );
  const eraseQuestion = confirmErase && (
    <ConfirmDialog
      testid="erase-unreadable-confirm"
      title={t.eraseTitle}
      onCancel={() => setConfirmErase(false)}
      actions={
        <>
          <button type="button" className="btn btn--secondary" data-testid="erase-unreadable-cancel" onClick={() => setConfirmErase(false)}>
            {t.cancel}
          </button>
          <button type="button" className="btn btn--danger" data-testid="erase-unreadable-yes" onClick={() => void eraseUnreadable()}>
            {t.eraseConfirm}
          </button>
        </>
      }
    >
      <p>{t.eraseBody}</p>
    </ConfirmDialog>
  );

  return (
    <LangContext.Provider value={langCtx}>
      <SyncContext.Provider value={syncCtx}>
        <ListCacheContext.Provider value={listCache}>
          {screen}
          {signOutQuestion}
          {eraseQuestion}
        </ListCacheContext.Provider>
      </SyncContext.Provider>
    </LangContext.Provider>
  );
}
