// Sync notices never move the screen: they are an overlay outside <main> (SyncNotices.tsx), not
// a block inserted above the content. jsdom lays nothing out, so the layout is checked twice:
// the DOM (the content's wrapper and its neighbours are the same nodes with and without a sync,
// the notices are in the overlay, outside the content) and the stylesheet (the overlay is fixed,
// in the inline-end corner, and takes clicks only on its notices).
import { afterEach, expect, test, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { AppError, AppStatus, SyncProgress, SyncReport, SyncStatus } from '../api';
import { dicts, type Lang } from '../i18n';
import { LangContext } from '../lang';
import { makeFmt } from '../lib/format';
import { SyncContext } from '../lib/sync';
import css from '../styles.css?raw';
import { signedInStatus } from '../test/emptyStore';
import { Shell } from './Shell';
import { SYNCED_NOTICE_MS } from './SyncNotices';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const status: AppStatus = {
  ...signedInStatus,
  lastSyncAt: '2025-11-20T10:30:00Z',
  orderCount: 2,
  customerCount: 2,
};

const syncStatus = (over: Partial<SyncStatus> = {}): SyncStatus => ({
  syncing: false,
  lastSyncAt: '2025-11-20T10:30:00Z',
  pendingEdits: 0,
  conflicts: 0,
  lastError: null,
  lastAttemptAt: null,
  ...over,
});

const offline = syncStatus({
  lastAttemptAt: '2025-11-20T10:40:00Z',
  lastError: { code: 'platform_unreachable', message: 'unreachable', messageFa: 'سکو در دسترس نیست' },
});

const report: SyncReport = {
  ordersUpserted: 1200,
  ordersDeleted: 0,
  customersUpserted: 0,
  customersDeleted: 0,
  pages: 6,
  durationMs: 2500,
  newOrders: [],
  newOrderCount: 0,
  pushed: 0,
  conflicts: 0,
  rejected: 0,
  kycStatusChanged: null,
};

interface State {
  lang?: Lang;
  sync?: SyncStatus;
  syncing?: boolean;
  progress?: SyncProgress | null;
  showProgress?: boolean;
  report?: SyncReport | null;
  error?: AppError | null;
}

const handlers = { onSync: vi.fn(), onCancelSync: vi.fn(), onDismiss: vi.fn() };

/** The shell around an order screen's action buttons, in one state of syncing. */
function frame(s: State = {}): ReactNode {
  const lang = s.lang ?? 'fa';
  const prefs = { lang, digits: lang === 'fa' ? ('fa' as const) : ('latin' as const), currency: 'toman' as const };
  return (
    <LangContext.Provider
      value={{ lang, t: dicts[lang], prefs, fmt: makeFmt(prefs), toggle: () => {}, setLang: () => {}, setDigits: () => {}, setCurrency: () => {} }}
    >
      <SyncContext.Provider value={{ status: s.sync ?? syncStatus(), version: 0, refresh: () => {} }}>
        <Shell
          status={status}
          section="orders"
          onNavigate={() => {}}
          syncing={s.syncing ?? false}
          progress={s.progress ?? null}
          showProgress={s.showProgress ?? false}
          report={s.report ?? null}
          error={s.error ?? null}
          onSync={handlers.onSync}
          onCancelSync={handlers.onCancelSync}
          onSignOut={() => {}}
          onDismiss={handlers.onDismiss}
        >
          <section data-testid="screen">
            <button type="button" data-testid="status-option">mark shipped</button>
            <button type="button" data-testid="cancel-order">cancel order</button>
          </section>
        </Shell>
      </SyncContext.Provider>
    </LangContext.Provider>
  );
}

/** The content, its wrapper's neighbours and the first thing in it: what must not change. */
function layout() {
  const main = document.getElementById('main-content')!;
  return {
    main,
    column: Array.from(main.parentElement!.children),
    first: main.firstElementChild,
    contentChildren: Array.from(main.children),
    button: screen.getByTestId('cancel-order'),
  };
}

/** The very same nodes (toEqual would compare DOM nodes by their markup only). */
function expectSameLayout(now: ReturnType<typeof layout>, before: ReturnType<typeof layout>) {
  expect(now.main).toBe(before.main);
  expect(now.first).toBe(before.first);
  expect(now.button).toBe(before.button);
  for (const key of ['column', 'contentChildren'] as const) {
    expect(now[key].length, key).toBe(before[key].length);
    now[key].forEach((node, i) => expect(node, `${key}[${i}]`).toBe(before[key][i]));
  }
}

test('a sync running in the background: its progress is in the overlay, the content stays where it was (fa)', () => {
  const { rerender } = render(frame());
  const before = layout();
  expect(before.first).toBe(screen.getByTestId('screen'));
  const notices = screen.getByTestId('sync-notices');
  expect(notices.contains(before.main)).toBe(false);
  expect(before.main.contains(notices)).toBe(false);
  expect(notices.textContent).toBe('');

  rerender(frame({ syncing: true, showProgress: true, progress: { pages: 1, rows: 1200, totalEstimate: null, done: false } }));
  // Same nodes, same neighbours, nothing inserted in the flow before the screen.
  expectSameLayout(layout(), before);
  expect(screen.getByTestId('sync-notices')).toBe(notices);

  // The progress: in the overlay, in a polite live region, Persian digits.
  const bar = screen.getByTestId('sync-progress');
  expect(notices.contains(bar)).toBe(true);
  expect(before.main.contains(bar)).toBe(false);
  const live = bar.closest('[role="status"]')!;
  expect(live.getAttribute('aria-live')).toBe('polite');
  expect(notices.contains(live)).toBe(true);
  expect(live.textContent).toContain('۱٬۲۰۰');
  // Nothing took the focus; the stop button is there for the keyboard.
  expect(document.activeElement).toBe(document.body);
  fireEvent.click(screen.getByTestId('cancel-sync'));
  expect(handlers.onCancelSync).toHaveBeenCalled();

  // Done, lingering, then gone: still the same content.
  rerender(frame({ showProgress: true, progress: { pages: 6, rows: 1200, totalEstimate: null, done: true }, report }));
  expect(screen.queryByTestId('cancel-sync')).toBeNull();
  expect(screen.getByTestId('sync-done').closest('[role="status"]')).toBe(live);
  rerender(frame({ report }));
  expect(screen.queryByTestId('sync-progress')).toBeNull();
  expectSameLayout(layout(), before);
});

test('a failed background sync: an alert in the overlay, retry reachable by Tab after the top bar, dismissable (en)', () => {
  const { rerender } = render(frame({ lang: 'en' }));
  const before = layout();
  rerender(frame({ lang: 'en', sync: offline }));
  expectSameLayout(layout(), before);

  const notices = screen.getByTestId('sync-notices');
  const alert = screen.getByTestId('sync-error');
  expect(alert.getAttribute('role')).toBe('alert');
  expect(notices.contains(alert)).toBe(true);
  expect(before.main.contains(alert)).toBe(false);
  expect(alert.dataset.code).toBe('platform_unreachable');
  expect(alert.dataset.online).toBe('false');

  // Tab order: the top bar's buttons, then the notice's, then the screen's.
  const retry = screen.getByTestId('retry-sync');
  expect(retry.textContent).toBe('Try again');
  const follows = (a: Element, b: Element) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  expect(follows(screen.getByTestId('sign-out'), retry)).toBe(true);
  expect(follows(retry, screen.getByTestId('status-option'))).toBe(true);
  expect(retry.tabIndex).toBe(0);
  fireEvent.click(retry);
  expect(handlers.onSync).toHaveBeenCalled();

  // Put away with the focus on it: the focus goes on to the content, not nowhere.
  const close = screen.getByTestId('sync-error-dismiss');
  expect(close.getAttribute('aria-label')).toBe('Dismiss');
  close.focus();
  fireEvent.click(close);
  expect(screen.queryByTestId('sync-error')).toBeNull();
  expect(document.activeElement).toBe(before.main);
  expectSameLayout(layout(), before);

  // The next failed attempt shows again.
  rerender(frame({ lang: 'en', sync: { ...offline, lastAttemptAt: '2025-11-20T10:45:00Z' } }));
  expect(screen.getByTestId('sync-error')).toBeTruthy();
});

test('the app\'s error notice is in the overlay too, as an alert', () => {
  render(frame({ error: { code: 'sync_cancelled', message: 'cancelled', messageFa: 'همگام‌سازی لغو شد' } }));
  const err = screen.getByTestId('error-message');
  expect(err.getAttribute('role')).toBe('alert');
  expect(screen.getByTestId('sync-notices').contains(err)).toBe(true);
  expect(document.getElementById('main-content')!.firstElementChild).toBe(screen.getByTestId('screen'));
});

test('"synced" goes by itself', () => {
  vi.useFakeTimers();
  render(frame({ report }));
  expect(screen.getByTestId('sync-done').textContent).toContain('۱٬۲۰۰');
  act(() => vi.advanceTimersByTime(SYNCED_NOTICE_MS + 10));
  expect(screen.queryByTestId('sync-done')).toBeNull();
});

/** The declarations of the first rule whose selector is exactly `selector`. */
function rule(selector: string): string {
  const at = css.search(new RegExp(`(^|\\n)${selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\{`));
  expect(at, selector).toBeGreaterThanOrEqual(0);
  return css.slice(css.indexOf('{', at) + 1, css.indexOf('}', at));
}

test('the stylesheet: a fixed overlay in the inline-end corner, clicks only on the notices, room kept at the content\'s end', () => {
  const toasts = rule('.toasts');
  expect(toasts).toMatch(/position: fixed;/);
  expect(toasts).toMatch(/inset-block-end: \d+px;/);
  expect(toasts).toMatch(/inset-inline-end: \d+px;/);
  expect(toasts).not.toMatch(/\b(left|right):/);
  expect(toasts).toMatch(/pointer-events: none;/);
  expect(toasts).toMatch(/width: min\(400px/);
  expect(rule('.toasts__status > *, .toasts__alerts > *')).toMatch(/pointer-events: auto;/);
  // Under popups and dialogs.
  const z = Number(/z-index: (\d+);/.exec(toasts)![1]);
  expect(z).toBeLessThan(Number(/z-index: (\d+);/.exec(rule('.menu'))![1]));
  expect(z).toBeLessThan(50);
  const content = rule('.content');
  expect(content).toMatch(/padding: 18px 24px var\(--toast-reserve\);/);
  expect(content).toMatch(/scroll-padding-block-end: var\(--toast-reserve\);/);
  // The old in-flow block is gone.
  expect(css).not.toMatch(/\.notices\b/);
});
