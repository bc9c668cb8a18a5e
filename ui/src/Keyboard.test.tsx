// The native menu (`menu` events), its shortcuts caught in the page, the menu's language, and
// the keyboard on the main flows: the orders list's rows (one Tab stop, arrows, Enter), Escape
// back from an order with the focus returned to its row, a note added with Ctrl+Enter, and
// dialogs that keep the focus inside and give it back when they close.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import type { AppStatus } from './api';
import { App } from './App';
import { installDevMock } from './dev/mockBackend';
import { emptyStoreAnswer, signedInStatus } from './test/emptyStore';

const WAIT = { timeout: 5000 };

let calls: Array<[string, unknown]> = [];
let status: AppStatus = signedInStatus;
let menuFails = false;
const callsOf = (cmd: string) => calls.filter(([c]) => c === cmd).map(([, a]) => a);

/** Signed in on an empty store, with the commands the menu reaches answered. */
function emptyStore() {
  mockIPC(
    async (cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === 'app_status') return status;
      if (cmd === 'set_menu_language') {
        if (menuFails) throw { code: 'menu_failed', message: 'no menu here' };
        return null;
      }
      if (cmd === 'sync_now') {
        await new Promise((r) => setTimeout(r, 30));
        return { ordersUpserted: 0, ordersDeleted: 0, customersUpserted: 0, customersDeleted: 0, pages: 1, durationMs: 10, pushed: 0, conflicts: 0, rejected: 0, newOrders: [], newOrderCount: 0, kycStatusChanged: null };
      }
      if (cmd === 'list_customers') return { customers: [], nextAfter: null };
      if (cmd === 'count_customers') return 0;
      if (cmd === 'dashboard') throw { code: 'storage', message: 'not in this test' };
      if (cmd === 'preferences') return { syncIntervalMinutes: 0, notifyNewOrders: false };
      if (cmd === 'store_settings') return { emailOnNewOrder: true, smsOnNewOrder: false, pending: false, lastError: null };
      if (cmd === 'diagnostics_preview') return [];
      const answer = emptyStoreAnswer(cmd);
      if (answer !== undefined) return answer;
      return null;
    },
    { shouldMockEvents: true },
  );
}

beforeEach(() => {
  localStorage.clear();
  calls = [];
  status = signedInStatus;
  menuFails = false;
});

afterEach(() => {
  cleanup();
  clearMocks();
  localStorage.clear();
});

const current = () => document.querySelector('[aria-current=page]')?.getAttribute('data-testid');

test('menu items navigate and sync, each once even when the shortcut reaches the page too', async () => {
  emptyStore();
  render(<App />);
  await screen.findByTestId('sync-status');
  expect(current()).toBe('nav-orders');

  for (const [id, nav] of [
    ['customers', 'nav-customers'],
    ['dashboard', 'nav-dashboard'],
    ['settings', 'nav-settings'],
    ['privacy', 'nav-privacy'],
    ['orders', 'nav-orders'],
  ] as const) {
    await act(() => emit('menu', id));
    await waitFor(() => expect(current()).toBe(nav));
  }

  // An id the page does not know does nothing.
  await act(() => emit('menu', 'format-disk'));
  expect(current()).toBe('nav-orders');

  // Sync from the menu, and its Ctrl+R arriving in the page as well: one sync.
  await act(() => emit('menu', 'sync'));
  fireEvent.keyDown(window, { key: 'r', code: 'KeyR', ctrlKey: true });
  await waitFor(() => expect(callsOf('sync_now')).toHaveLength(1));
  await new Promise((r) => setTimeout(r, 100));
  expect(callsOf('sync_now')).toHaveLength(1);
});

test('shortcuts in the page do what the menu does (Persian layout too) and keep Ctrl+R from the webview', async () => {
  emptyStore();
  render(<App />);
  await screen.findByTestId('sync-status');

  const key = (init: KeyboardEventInit) => {
    const e = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });
    act(() => {
      document.body.dispatchEvent(e);
    });
    return e;
  };
  // Ctrl+2 typed on a Persian layout: the key is «۲», the physical key is Digit2.
  key({ key: '۲', code: 'Digit2', ctrlKey: true });
  await waitFor(() => expect(current()).toBe('nav-customers'));
  key({ key: 'F1', code: 'F1' });
  await waitFor(() => expect(current()).toBe('nav-privacy'));
  key({ key: ',', code: 'Comma', ctrlKey: true });
  await waitFor(() => expect(current()).toBe('nav-settings'));
  key({ key: '3', code: 'Digit3', metaKey: true });
  await waitFor(() => expect(current()).toBe('nav-dashboard'));
  key({ key: '1', code: 'Digit1', ctrlKey: true });
  await waitFor(() => expect(current()).toBe('nav-orders'));
  const reload = key({ key: 'ق', code: 'KeyR', ctrlKey: true });
  expect(reload.defaultPrevented).toBe(true);
  await waitFor(() => expect(callsOf('sync_now')).toHaveLength(1));
  // Not shortcuts: a plain digit, Ctrl+Shift+1.
  key({ key: '2', code: 'Digit2' });
  key({ key: '!', code: 'Digit1', ctrlKey: true, shiftKey: true });
  await new Promise((r) => setTimeout(r, 50));
  expect(current()).toBe('nav-orders');
});

test('signed out, locked or asked to sign in again: the menu and shortcuts change nothing', async () => {
  for (const s of [
    { ...signedInStatus, signedIn: false },
    { ...signedInStatus, locked: true },
    { ...signedInStatus, sessionExpired: true },
  ]) {
    status = s;
    calls = [];
    emptyStore();
    const { unmount } = render(<App />);
    await waitFor(() => expect(document.body.dataset.ready).toBe('true'));
    await screen.findByTestId(s.locked ? 'unlock-form' : 'signin-form', {}, WAIT);
    await act(() => emit('menu', 'settings'));
    await act(() => emit('menu', 'sync'));
    fireEvent.keyDown(window, { key: '2', code: 'Digit2', ctrlKey: true });
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByTestId('settings')).toBeNull();
    expect(screen.queryByTestId('sync-status')).toBeNull();
    expect(callsOf('sync_now')).toEqual([]);
    unmount();
    clearMocks();
  }
});

test('the native menu follows the UI language, and its failure is ignored', async () => {
  menuFails = true;
  emptyStore();
  render(<App />);
  await screen.findByTestId('sync-status');
  await waitFor(() => expect(callsOf('set_menu_language')).toEqual([{ lang: 'fa' }]));
  fireEvent.click(screen.getByTestId('lang-toggle'));
  await waitFor(() => expect(callsOf('set_menu_language')).toEqual([{ lang: 'fa' }, { lang: 'en' }]));
  await new Promise((r) => setTimeout(r, 30));
  expect(screen.queryByTestId('error-message')).toBeNull();
});

// ---- The keyboard on the orders list and an order (over the dev mock backend: 60 orders).

// jsdom neither scrolls nor has Element.scrollTo: the virtualizer's scrolling (to a row not
// rendered yet) is done here as a browser does it, moving scrollTop and firing `scroll`.
Element.prototype.scrollTo = function (this: Element, opts?: ScrollToOptions | number) {
  const top = typeof opts === 'object' ? (opts.top ?? this.scrollTop) : this.scrollTop;
  this.scrollTop = top;
  this.dispatchEvent(new Event('scroll'));
} as Element['scrollTo'];
// …and lays nothing out: a scroll container is as tall as its children say (inline heights).
Object.defineProperty(HTMLElement.prototype, 'scrollHeight', {
  configurable: true,
  get(this: HTMLElement) {
    return Array.from(this.children).reduce((sum, c) => sum + (parseFloat((c as HTMLElement).style.height) || 0), 0);
  },
});

function devStore() {
  installDevMock(new URLSearchParams('?lang=en&orders=60&noseed'));
}

const focused = () => document.activeElement as HTMLElement;
const press = (key: string, init: KeyboardEventInit = {}) => fireEvent.keyDown(focused(), { key, ...init });

test('the orders list is one Tab stop; arrows, Home and End move between rows; Enter opens; Escape comes back to that row', async () => {
  devStore();
  render(<App />);
  const rows = await screen.findAllByTestId('order-row', {}, WAIT);
  const list = screen.getByTestId('orders-list');
  // One row takes the Tab key; the others are reached with the arrows.
  expect(rows.filter((r) => r.tabIndex === 0)).toHaveLength(1);
  expect(rows[0].tabIndex).toBe(0);
  // Each row says what it is; the list says what it holds and how long it is.
  expect(rows[0].getAttribute('role')).toBe('button');
  expect(rows[0].getAttribute('aria-label')).toMatch(/^Order \S+, .+, .+, [\d,]+ Toman, \w+ \d+, \d{4}$/);
  expect(list.querySelector('[role=list]')?.getAttribute('aria-label')).toBe('Orders list');
  expect(rows[0].closest('[role=listitem]')?.getAttribute('aria-posinset')).toBe('1');

  rows[0].focus();
  press('ArrowDown');
  await waitFor(() => expect(focused().dataset.vindex).toBe('1'));
  press('ArrowDown');
  press('ArrowUp');
  await waitFor(() => expect(focused().dataset.vindex).toBe('1'));
  // The Tab stop moved with the focus.
  expect(screen.getAllByTestId('order-row').filter((r) => r.tabIndex === 0).map((r) => r.dataset.vindex)).toEqual(['1']);
  press('Home');
  await waitFor(() => expect(focused().dataset.vindex).toBe('0'));
  press('ArrowUp');
  expect(focused().dataset.vindex).toBe('0');
  // End: the last row, scrolled into existence first.
  press('End');
  await waitFor(() => expect(focused().dataset.vindex).toBe('59'));
  expect(list.scrollTop).toBeGreaterThan(0);
  press('Home');
  await waitFor(() => expect(focused().dataset.vindex).toBe('0'));

  press('ArrowDown');
  press('ArrowDown');
  await waitFor(() => expect(focused().dataset.vindex).toBe('2'));
  const number = focused().dataset.orderNumber;
  press('Enter');
  const detail = await screen.findByTestId('order-detail', {}, WAIT);
  expect(detail.dataset.orderNumber).toBe(number);
  // The new screen's content has the focus, so the next Tab continues there.
  await waitFor(() => expect(focused().id).toBe('main-content'));

  // Escape goes back, and the row that was opened has the focus again.
  fireEvent.keyDown(focused(), { key: 'Escape' });
  await screen.findAllByTestId('order-row');
  await waitFor(() => expect(focused().dataset.orderNumber).toBe(number));
  expect(focused().dataset.vindex).toBe('2');
});

test('a sync while an order is open reloads the list; coming back still focuses the row that was opened', async () => {
  devStore();
  render(<App />);
  const rows = await screen.findAllByTestId('order-row', {}, WAIT);
  rows[0].focus();
  press('ArrowDown');
  press('ArrowDown');
  press('ArrowDown');
  await waitFor(() => expect(focused().dataset.vindex).toBe('3'));
  press('Enter');
  await screen.findByTestId('order-detail', {}, WAIT);
  // The Rust side says the data changed (a background sync): every list is reloaded.
  await act(() => emit('status-changed'));
  fireEvent.click(screen.getByTestId('back-button'));
  await waitFor(() => expect(focused().dataset.vindex).toBe('3'), WAIT);
  // Only once: reaching the list again by the sidebar leaves the focus on the sidebar.
  fireEvent.click(screen.getByTestId('nav-customers'));
  const nav = screen.getByTestId('nav-orders');
  nav.focus();
  fireEvent.click(nav);
  await screen.findAllByTestId('order-row', {}, WAIT);
  await new Promise((r) => setTimeout(r, 100));
  expect(focused()).toBe(nav);
});

test('on an order: Ctrl+Enter in the note adds it; Escape in the note does not leave the page', async () => {
  devStore();
  render(<App />);
  fireEvent.click((await screen.findAllByTestId('order-row', {}, WAIT))[0]);
  await screen.findByTestId('order-detail', {}, WAIT);
  const note = screen.getByTestId('note-input') as HTMLTextAreaElement;
  expect(note.getAttribute('aria-label')).toBe('New internal note');
  expect(document.getElementById(note.getAttribute('aria-describedby')!)?.textContent).toBe('Ctrl+Enter adds it too.');
  const before = screen.queryAllByTestId('internal-note').length;
  note.focus();
  fireEvent.change(note, { target: { value: 'Call before sending' } });
  // Escape while typing: still here, nothing lost.
  fireEvent.keyDown(note, { key: 'Escape' });
  expect(screen.getByTestId('order-detail')).toBeTruthy();
  // Plain Enter is a new line, not a submission.
  fireEvent.keyDown(note, { key: 'Enter' });
  await new Promise((r) => setTimeout(r, 250));
  expect(screen.queryAllByTestId('internal-note')).toHaveLength(before);
  fireEvent.keyDown(note, { key: 'Enter', ctrlKey: true });
  await waitFor(() => expect(screen.queryAllByTestId('internal-note')).toHaveLength(before + 1), WAIT);
  expect(screen.queryAllByTestId('internal-note').some((n) => n.textContent?.includes('Call before sending'))).toBe(true);
  expect(note.value).toBe('');
});

test('a dialog keeps Tab and Shift+Tab inside, Escape closes it and the focus returns to its button', async () => {
  devStore();
  render(<App />);
  const rows = await screen.findAllByTestId('order-row', {}, WAIT);
  fireEvent.click(rows.find((r) => r.dataset.status === 'processing') ?? rows[0]);
  const cancel = await screen.findByTestId('cancel-order', {}, WAIT);
  cancel.focus();
  fireEvent.click(cancel);
  const dialog = await screen.findByTestId('confirm-dialog');
  expect(dialog.getAttribute('aria-modal')).toBe('true');
  expect(document.getElementById(dialog.getAttribute('aria-labelledby')!)?.textContent).toBe('Are you sure?');
  const no = screen.getByTestId('confirm-no');
  const yes = screen.getByTestId('confirm-yes');
  expect(focused()).toBe(no);
  // Tab from the last button wraps to the first, Shift+Tab from the first to the last.
  yes.focus();
  press('Tab');
  expect(focused()).toBe(no);
  press('Tab', { shiftKey: true });
  expect(focused()).toBe(yes);
  // Escape: closed, nothing done, the order page (not the list) still there.
  fireEvent.keyDown(yes, { key: 'Escape' });
  await waitFor(() => expect(screen.queryByTestId('confirm-dialog')).toBeNull());
  expect(screen.getByTestId('order-detail')).toBeTruthy();
  expect(focused()).toBe(cancel);
});

test('popups: Escape closes the date picker and the export menu and puts the focus back on their button', async () => {
  devStore();
  render(<App />);
  await screen.findAllByTestId('order-row', {}, WAIT);
  const from = screen.getByTestId('date-from');
  from.focus();
  fireEvent.click(from);
  const picker = await screen.findByTestId('date-picker');
  (picker.querySelector('[data-testid=picker-day]') as HTMLElement).focus();
  press('Escape');
  await waitFor(() => expect(screen.queryByTestId('date-picker')).toBeNull());
  expect(focused()).toBe(from);

  const exportButton = screen.getByTestId('export-button');
  exportButton.focus();
  fireEvent.click(exportButton);
  await screen.findByTestId('export-csv');
  // The menu takes the focus; the arrows move between its items.
  expect(focused()).toBe(screen.getByTestId('export-csv'));
  press('ArrowDown');
  expect(focused()).toBe(screen.getByTestId('export-xlsx'));
  press('ArrowDown');
  expect(focused()).toBe(screen.getByTestId('export-csv'));
  press('Escape');
  await waitFor(() => expect(screen.queryByTestId('export-csv')).toBeNull());
  expect(focused()).toBe(exportButton);
  // Escape on the list screen (nothing to go back to) changes nothing.
  press('Escape');
  expect(screen.getByTestId('orders-list')).toBeTruthy();
});

test('the skip link is the first stop and takes the focus past the sidebar to the content', async () => {
  emptyStore();
  render(<App />);
  await screen.findByTestId('sync-status');
  const skip = screen.getByTestId('skip-to-content');
  const focusable = document.querySelectorAll('button, input, select, textarea, [tabindex="0"]');
  expect(focusable[0]).toBe(skip);
  expect(skip.textContent).toBe('رفتن به محتوای اصلی');
  fireEvent.click(skip);
  expect(focused().id).toBe('main-content');
});
