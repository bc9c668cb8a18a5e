import { afterEach, beforeEach, expect, test } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { AppStatus, OrderPage, OrderQuery, SyncStatus } from './api';
import { App } from './App';

const status: AppStatus = {
  signedIn: true,
  locked: false,
  sessionExpired: false,
  merchantEmail: null,
  demo: true,
  demoStarting: false,
  platformUrl: 'http://127.0.0.1:8787',
  merchantName: 'سارا نیک‌پور',
  storeName: 'فروشگاه گلبرگ',
  lastSyncAt: '2025-11-20T10:30:00Z',
  orderCount: 2,
  customerCount: 2,
};

const page: OrderPage = {
  orders: [
    {
      id: 1,
      orderNumber: 'PK-1042',
      status: 'shipped',
      paymentStatus: 'paid',
      customerId: 7,
      customerName: 'مریم احمدی',
      mobile: '+989121234567',
      mobileDisplay: '0912 123 4567',
      province: 'فارس',
      city: 'شیراز',
      shippingMethod: 'پست پیشتاز',
      finalTotal: 12_500_000, // Rials → 1,250,000 Toman
      itemCount: 3,
      createdAt: '2025-03-21T08:00:00Z', // 1 Farvardin 1404
    },
    {
      id: 2,
      orderNumber: 'PK-1041',
      status: 'pending_payment',
      paymentStatus: 'unpaid',
      customerId: null,
      customerName: 'علی رضایی',
      mobile: null,
      mobileDisplay: null,
      province: null,
      city: null,
      shippingMethod: null,
      finalTotal: 990_000,
      itemCount: 1,
      createdAt: '2025-03-20T08:00:00Z',
    },
  ],
  nextAfter: null,
};

const options = { provinces: [{ name: 'فارس', cities: ['شیراز'] }], shippingMethods: ['پست پیشتاز'], firstDate: '2025-03-20', lastDate: '2025-03-21' };

let queries: OrderQuery[] = [];

beforeEach(() => {
  localStorage.clear();
  queries = [];
  mockIPC((cmd, args) => {
    if (cmd === 'app_status') return status;
    if (cmd === 'list_orders') {
      queries.push((args as { query: OrderQuery }).query);
      return page;
    }
    if (cmd === 'count_orders') return 2;
    if (cmd === 'order_filter_options') return options;
    if (cmd.startsWith('plugin:event|')) return 0;
    throw { code: 'unknown_command', message: cmd };
  });
});

afterEach(() => {
  cleanup();
  clearMocks();
});

test('renders cached orders in Persian with Toman amounts, then switches to English', async () => {
  render(<App />);

  const rows = await screen.findAllByTestId('order-row');
  expect(rows).toHaveLength(2);
  expect(rows[0].dataset.orderNumber).toBe('PK-1042');
  expect(document.documentElement.dir).toBe('rtl');
  expect(document.body.dataset.ready).toBe('true');
  expect(queries[0]).toMatchObject({ limit: 200, after: null, sort: 'date', direction: 'desc' });

  // Persian digits, Persian thousands separator, Toman = Rials / 10, Jalali date.
  expect(rows[0].textContent).toContain('۱٬۲۵۰٬۰۰۰ تومان');
  expect(rows[0].textContent).toContain('ارسال‌شده');
  expect(rows[0].textContent).toContain('فروردین');
  expect(rows[0].textContent).toContain('۱۴۰۴');
  await waitFor(() => expect(screen.getByTestId('order-count').dataset.count).toBe('2'));
  expect(screen.getByTestId('order-count').textContent).toContain('۲');

  fireEvent.click(screen.getByTestId('lang-toggle'));

  await waitFor(() => expect(document.documentElement.dir).toBe('ltr'));
  expect(document.documentElement.lang).toBe('en');
  expect(localStorage.getItem('pishkhan.lang')).toBe('en');
  const row = screen.getAllByTestId('order-row')[0];
  expect(row.textContent).toContain('1,250,000 Toman');
  expect(row.textContent).toContain('Shipped');
  expect(row.textContent).toContain('March 21, 2025');
  expect(screen.getByTestId('sync-button').textContent).toContain('Sync');
});

test('translates error codes inline', async () => {
  clearMocks();
  mockIPC((cmd) => {
    if (cmd === 'app_status') return { ...status, signedIn: false };
    if (cmd === 'sign_in') throw { code: 'wrong_credentials', message: '401 from platform' };
    if (cmd.startsWith('plugin:event|')) return 0;
    return null;
  });
  render(<App />);
  const form = await screen.findByTestId('signin-form');
  const inputs = form.querySelectorAll('input');
  fireEvent.change(inputs[0], { target: { value: 'https://shop.example' } });
  fireEvent.change(inputs[1], { target: { value: 'a@b.ir' } });
  fireEvent.change(inputs[2], { target: { value: 'x' } });
  fireEvent.submit(form);
  const err = await screen.findByTestId('error-message');
  expect(err.textContent).toContain('ایمیل یا رمز عبور درست نیست');
});

test('sync shows the progress bar fed by sync-progress and refreshes the list', async () => {
  clearMocks();
  const { emit } = await import('@tauri-apps/api/event');
  let release: () => void = () => {};
  let listCalls = 0;
  mockIPC(
    async (cmd) => {
      if (cmd === 'app_status') return status;
      if (cmd === 'list_orders') {
        listCalls++;
        return page;
      }
      if (cmd === 'count_orders') return 2;
      if (cmd === 'order_filter_options') return options;
      if (cmd === 'sync_now') {
        await new Promise<void>((r) => (release = r));
        return { ordersUpserted: 2, ordersDeleted: 0, customersUpserted: 2, customersDeleted: 0, pages: 1, durationMs: 1200 };
      }
      return null;
    },
    { shouldMockEvents: true },
  );
  render(<App />);
  await screen.findAllByTestId('order-row');
  const before = listCalls;
  fireEvent.click(screen.getByTestId('sync-button'));
  await screen.findByTestId('sync-progress');
  await emit('sync-progress', { pages: 1, rows: 1, totalEstimate: 2, done: false });
  await waitFor(() => expect(screen.getByTestId('sync-progress').getAttribute('aria-valuenow')).toBe('50'));
  release();
  await waitFor(() => expect(listCalls).toBeGreaterThan(before));
  await waitFor(() => expect(screen.getByRole('status').textContent).toContain('همگام‌سازی انجام شد'));
});

test('locked: the unlock screen instead of the orders, nothing else asked of Rust; the right passphrase opens the app', async () => {
  clearMocks();
  let locked = true;
  const cmds: string[] = [];
  mockIPC((cmd, args) => {
    if (cmd.startsWith('plugin:event|')) return 0;
    cmds.push(cmd);
    if (cmd === 'app_status') return locked ? { ...status, locked: true, merchantName: null, storeName: null } : status;
    if (cmd === 'unlock') {
      if ((args as { passphrase: string }).passphrase !== 'گل‌های بهاری ۱۴۰۵') {
        throw { code: 'wrong_passphrase', message: 'the passphrase is wrong' };
      }
      locked = false;
      return status;
    }
    // Everything else fails while locked, as the Rust side does.
    if (locked) throw { code: 'locked', message: 'Pishkhan is locked' };
    if (cmd === 'list_orders') return page;
    if (cmd === 'count_orders') return 2;
    if (cmd === 'order_filter_options') return options;
    if (cmd === 'sync_status') throw { code: 'storage', message: 'not in this test' };
    return null;
  });
  render(<App />);
  const field = (await screen.findByTestId('unlock-passphrase')) as HTMLInputElement;
  expect(screen.getByTestId('unlock-platform').textContent).toBe('http://127.0.0.1:8787');
  expect(screen.queryByTestId('order-row')).toBeNull();
  expect(screen.queryByTestId('sync-button')).toBeNull();
  expect(document.body.dataset.ready).toBe('true');

  fireEvent.change(field, { target: { value: 'not the passphrase' } });
  fireEvent.submit(screen.getByTestId('unlock-form'));
  expect((await screen.findByTestId('error-message')).dataset.code).toBe('wrong_passphrase');
  expect(screen.getByTestId('unlock-screen')).toBeTruthy();
  expect(screen.queryByTestId('order-row')).toBeNull();
  // Only the status and the two unlock attempts: no list, count or sync status while locked
  // (the native menu's language is the window's, not the data's: asked for at any time).
  expect(cmds.filter((c) => c !== 'app_status' && c !== 'set_menu_language')).toEqual(['unlock']);

  fireEvent.change(field, { target: { value: 'گل‌های بهاری ۱۴۰۵' } });
  fireEvent.submit(screen.getByTestId('unlock-form'));
  const rows = await screen.findAllByTestId('order-row');
  expect(rows).toHaveLength(2);
  expect(screen.queryByTestId('unlock-screen')).toBeNull();
  expect(screen.queryByTestId('error-message')).toBeNull();
  expect(cmds).not.toContain('locked');
  await waitFor(() => expect(cmds).toContain('sync_status'));
});

test('locked and the passphrase forgotten: confirm, sign out discarding edits, back to sign-in', async () => {
  clearMocks();
  const signOuts: unknown[] = [];
  mockIPC((cmd, args) => {
    if (cmd.startsWith('plugin:event|')) return 0;
    if (cmd === 'app_status') return { ...status, locked: true };
    if (cmd === 'sign_out') {
      signOuts.push(args);
      return { ...status, signedIn: false, locked: false };
    }
    throw { code: 'locked', message: 'Pishkhan is locked' };
  });
  render(<App />);
  fireEvent.click(await screen.findByTestId('unlock-forgot'));
  fireEvent.click(screen.getByTestId('unlock-erase-yes'));
  await screen.findByTestId('signin-form');
  expect(signOuts).toEqual([{ discardEdits: true }]);
});

/** The sign-in form filled in; returns the requests sign_in received. */
async function signInWithoutKeychain() {
  clearMocks();
  const requests: Array<Record<string, unknown>> = [];
  mockIPC((cmd, args) => {
    if (cmd.startsWith('plugin:event|')) return 0;
    if (cmd === 'app_status') return { ...status, signedIn: false };
    if (cmd === 'sign_in') {
      const { request } = args as { request: Record<string, unknown> };
      requests.push(request);
      if (!request.passphrase) {
        throw { code: 'keychain_unavailable', message: 'no keychain is available', messageFa: 'جاکلیدی در دسترس نیست' };
      }
      return { ...status, demo: false };
    }
    if (cmd === 'list_orders') return page;
    if (cmd === 'count_orders') return 2;
    if (cmd === 'order_filter_options') return options;
    return null;
  });
  render(<App />);
  await screen.findByTestId('signin-form');
  fireEvent.change(screen.getByTestId('signin-url'), { target: { value: 'https://shop.example' } });
  fireEvent.change(screen.getByTestId('signin-email'), { target: { value: 'a@b.ir' } });
  fireEvent.change(screen.getByTestId('signin-password'), { target: { value: 'x' } });
  return requests;
}

test('sign-in with no keychain: the error, then the passphrase fields; short or unequal passphrases never leave the form', async () => {
  const requests = await signInWithoutKeychain();
  expect(screen.queryByTestId('passphrase-input')).toBeNull();
  fireEvent.submit(screen.getByTestId('signin-form'));
  const err = await screen.findByTestId('error-message');
  expect(err.dataset.code).toBe('keychain_unavailable');
  expect(err.textContent).toContain('جاکلیدی');
  expect(requests).toEqual([{ platformUrl: 'https://shop.example', email: 'a@b.ir', password: 'x' }]);
  const pass = (await screen.findByTestId('passphrase-input')) as HTMLInputElement;
  const repeat = screen.getByTestId('passphrase-repeat-input') as HTMLInputElement;
  expect(pass.type).toBe('password');
  expect(repeat.type).toBe('password');
  expect(screen.getByTestId('no-keychain').textContent).toContain('جاکلیدی');
  expect(screen.getByLabelText('عبارت عبور')).toBe(pass);
  expect(screen.getByLabelText('تکرار عبارت عبور')).toBe(repeat);
  await waitFor(() => expect(document.activeElement).toBe(pass));
  // Dismissing the error leaves the fields.
  fireEvent.click(screen.getByLabelText('بستن'));
  expect(screen.getByTestId('passphrase-input')).toBe(pass);

  // Seven characters (a ZWNJ counts as one, as in Rust): too short.
  fireEvent.change(pass, { target: { value: 'گل‌بهار' } });
  fireEvent.change(repeat, { target: { value: 'گل‌بهار' } });
  fireEvent.submit(screen.getByTestId('signin-form'));
  expect(screen.getByTestId('passphrase-error').textContent).toContain('۸');
  // Long enough, but the repeat differs.
  fireEvent.change(pass, { target: { value: 'گل‌های بهاری ۱۴۰۵' } });
  fireEvent.change(repeat, { target: { value: 'گل‌های بهاری ۱۴۰۴' } });
  fireEvent.submit(screen.getByTestId('signin-form'));
  expect(screen.getByTestId('passphrase-error').textContent).toContain('یکی نیستند');
  expect(document.activeElement).toBe(repeat);
  expect(requests).toHaveLength(1);

  // Equal: sent with the request, and the app opens.
  fireEvent.change(repeat, { target: { value: 'گل‌های بهاری ۱۴۰۵' } });
  expect(screen.queryByTestId('passphrase-error')).toBeNull();
  fireEvent.submit(screen.getByTestId('signin-form'));
  await screen.findAllByTestId('order-row');
  expect(requests).toHaveLength(2);
  expect(requests[1]).toEqual({ platformUrl: 'https://shop.example', email: 'a@b.ir', password: 'x', passphrase: 'گل‌های بهاری ۱۴۰۵' });
});

test('a passphrase can be chosen before any failure, in English too', async () => {
  localStorage.setItem('pishkhan.lang', 'en');
  const requests = await signInWithoutKeychain();
  const toggle = screen.getByLabelText('Protect with a passphrase instead of the system keychain') as HTMLInputElement;
  expect(toggle.checked).toBe(false);
  fireEvent.click(toggle);
  expect(screen.queryByTestId('no-keychain')).toBeNull();
  fireEvent.change(screen.getByLabelText('Passphrase'), { target: { value: 'correct horse' } });
  fireEvent.change(screen.getByLabelText('Repeat the passphrase'), { target: { value: 'correct horse' } });
  fireEvent.submit(screen.getByTestId('signin-form'));
  await screen.findAllByTestId('order-row');
  expect(requests).toEqual([{ platformUrl: 'https://shop.example', email: 'a@b.ir', password: 'x', passphrase: 'correct horse' }]);
});

const syncReport = {
  ordersUpserted: 1,
  ordersDeleted: 0,
  customersUpserted: 0,
  customersDeleted: 0,
  pages: 1,
  durationMs: 300,
  pushed: 0,
  conflicts: 0,
  rejected: 0,
  newOrders: [],
  newOrderCount: 0,
  kycStatusChanged: null,
};

const syncStatusOf = (over: Partial<SyncStatus> = {}): SyncStatus => ({
  lastSyncAt: '2025-11-20T10:30:00Z',
  pendingEdits: 0,
  conflicts: 0,
  lastError: null,
  lastAttemptAt: null,
  syncing: false,
  ...over,
});

test('switching store: use_store, back to the orders list read afresh, then a sync', async () => {
  clearMocks();
  const calls: Array<[string, unknown]> = [];
  let current = 1;
  const stores = () => [
    { id: 1, name: 'فروشگاه گلبرگ', current: current === 1, cached: true },
    { id: 2, name: 'بازارچه', current: current === 2, cached: false },
  ];
  mockIPC((cmd, args) => {
    if (cmd.startsWith('plugin:event|')) return 0;
    calls.push([cmd, args]);
    if (cmd === 'app_status') return current === 1 ? status : { ...status, storeName: 'بازارچه', orderCount: 1 };
    if (cmd === 'stores') return stores();
    if (cmd === 'use_store') {
      current = (args as { storeId: number }).storeId;
      return { ...status, storeName: 'بازارچه', orderCount: 1 };
    }
    if (cmd === 'list_orders') {
      if (current === 1) return page;
      return { orders: [{ ...page.orders[0], id: 9, orderNumber: 'BZ-7' }], nextAfter: null };
    }
    if (cmd === 'count_orders') return current === 1 ? 2 : 1;
    if (cmd === 'order_filter_options') return options;
    if (cmd === 'list_customers') return { customers: [], nextAfter: null };
    if (cmd === 'count_customers') return 0;
    if (cmd === 'sync_status') return syncStatusOf();
    if (cmd === 'sync_now') return syncReport;
    return null;
  });
  render(<App />);
  await screen.findAllByTestId('order-row');
  // Somewhere else than the orders list when the switch happens.
  fireEvent.click(screen.getByTestId('nav-customers'));
  await waitFor(() => expect(screen.getByTestId('nav-customers').getAttribute('aria-current')).toBe('page'));
  const select = (await screen.findByTestId('store-switch')) as HTMLSelectElement;
  expect(select.value).toBe('1');

  fireEvent.change(select, { target: { value: '2' } });

  await waitFor(() => expect(calls.filter(([c]) => c === 'use_store').map(([, a]) => a)).toEqual([{ storeId: 2 }]));
  await waitFor(() => expect(screen.getByTestId('nav-orders').getAttribute('aria-current')).toBe('page'));
  // The other store's orders, not the first store's list kept in the list cache.
  await waitFor(() => expect(screen.getAllByTestId('order-row').map((r) => r.dataset.orderNumber)).toEqual(['BZ-7']));
  // The store switched to is brought up to date, after the switch.
  await waitFor(() => expect(calls.some(([c]) => c === 'sync_now')).toBe(true));
  const order = calls.map(([c]) => c);
  expect(order.indexOf('sync_now')).toBeGreaterThan(order.indexOf('use_store'));
  await waitFor(() => expect((screen.getByTestId('store-switch') as HTMLSelectElement).value).toBe('2'));
});

test('a failed store switch shows the error and stays', async () => {
  clearMocks();
  mockIPC((cmd) => {
    if (cmd.startsWith('plugin:event|')) return 0;
    if (cmd === 'app_status') return status;
    if (cmd === 'stores') return [
      { id: 1, name: 'فروشگاه گلبرگ', current: true, cached: true },
      { id: 2, name: 'بازارچه', current: false, cached: true },
    ];
    if (cmd === 'use_store') throw { code: 'storage', message: 'disk full' };
    if (cmd === 'list_orders') return page;
    if (cmd === 'count_orders') return 2;
    if (cmd === 'order_filter_options') return options;
    if (cmd === 'sync_status') return syncStatusOf();
    if (cmd === 'sync_now') throw new Error('no sync expected');
    return null;
  });
  render(<App />);
  fireEvent.change(await screen.findByTestId('store-switch'), { target: { value: '2' } });
  expect((await screen.findByTestId('error-message')).dataset.code).toBe('storage');
  expect(screen.getAllByTestId('order-row')).toHaveLength(2);
});

/** A merchant whose session the platform ended, with `unsent` edits kept; returns the calls. */
function expiredSession(unsent = 3) {
  clearMocks();
  let expired = true;
  const calls: Array<[string, unknown]> = [];
  mockIPC((cmd, args) => {
    if (cmd.startsWith('plugin:event|')) return 0;
    calls.push([cmd, args]);
    if (cmd === 'app_status') return { ...status, demo: false, sessionExpired: expired, merchantEmail: 'sara@golbarg.example' };
    if (cmd === 'sync_status') return syncStatusOf({ pendingEdits: expired ? unsent : 0 });
    if (cmd === 'sign_in') {
      expired = false;
      return { ...status, demo: false, merchantEmail: 'sara@golbarg.example' };
    }
    if (cmd === 'sync_now') return { ...syncReport, pushed: unsent };
    if (cmd === 'sign_out') {
      const { discardEdits } = args as { discardEdits: boolean };
      if (!discardEdits && unsent > 0) throw { code: 'edits_waiting', message: 'edits wait' };
      return { ...status, signedIn: false, platformUrl: null, merchantEmail: null };
    }
    if (expired) throw { code: 'unexpected', message: `${cmd} while the session is ended` };
    if (cmd === 'list_orders') return page;
    if (cmd === 'count_orders') return 2;
    if (cmd === 'order_filter_options') return options;
    if (cmd === 'stores') return [];
    return null;
  });
  return calls;
}

test('session ended: the sign-in-again screen, prefilled; signing in keeps the data and syncs the edits', async () => {
  const calls = expiredSession(3);
  render(<App />);
  const root = await screen.findByTestId('session-expired');
  expect(screen.queryByTestId('sync-button')).toBeNull();
  expect(screen.queryByTestId('order-row')).toBeNull();
  expect(screen.queryByTestId('demo-button')).toBeNull();
  expect(root.textContent).toContain('دستگاه دیگری');
  // How many edits wait, from the sync status.
  await waitFor(() => expect(screen.getByTestId('session-expired-kept').dataset.count).toBe('3'));
  expect(screen.getByTestId('session-expired-kept').textContent).toContain('۳ ویرایش');
  expect((screen.getByTestId('signin-url') as HTMLInputElement).value).toBe('http://127.0.0.1:8787');
  expect((screen.getByTestId('signin-email') as HTMLInputElement).value).toBe('sara@golbarg.example');
  const password = screen.getByTestId('signin-password') as HTMLInputElement;
  expect(document.activeElement).toBe(password);
  // Signing in again keeps how the data is protected: no passphrase choice here.
  expect(screen.queryByTestId('passphrase-toggle')).toBeNull();

  fireEvent.change(password, { target: { value: 'secret-1' } });
  fireEvent.submit(screen.getByTestId('signin-form'));

  await screen.findAllByTestId('order-row');
  expect(screen.queryByTestId('session-expired')).toBeNull();
  expect(calls.filter(([c]) => c === 'sign_in').map(([, a]) => a)).toEqual([
    { request: { platformUrl: 'http://127.0.0.1:8787', email: 'sara@golbarg.example', password: 'secret-1' } },
  ]);
  // The kept edits go at once.
  await waitFor(() => expect(calls.some(([c]) => c === 'sync_now')).toBe(true));
  expect(calls.findIndex(([c]) => c === 'sync_now')).toBeGreaterThan(calls.findIndex(([c]) => c === 'sign_in'));
  expect(calls.some(([c]) => c === 'sign_out')).toBe(false);
});

test('session ended, in English; signing out instead asks first while edits wait, and "cancel" keeps them', async () => {
  localStorage.setItem('pishkhan.lang', 'en');
  const calls = expiredSession(2);
  render(<App />);
  await screen.findByTestId('session-expired');
  await waitFor(() => expect(screen.getByTestId('session-expired-kept').textContent).toBe(
    'Your cached orders and 2 unsent edits are kept on this computer; the edits are sent once you are signed in.',
  ));
  fireEvent.click(screen.getByTestId('session-expired-sign-out'));
  const dialog = await screen.findByTestId('discard-edits-confirm');
  expect(screen.getByTestId('discard-edits-count').dataset.count).toBe('2');
  // Syncing first is impossible without a session: the safe answer goes back to signing in.
  expect(screen.queryByTestId('sync-first')).toBeNull();
  fireEvent.click(screen.getByTestId('sign-out-cancel'));
  expect(dialog.isConnected).toBe(false);
  expect(screen.getByTestId('session-expired')).toBeTruthy();
  expect(calls.filter(([c]) => c === 'sign_out').map(([, a]) => a)).toEqual([{ discardEdits: false }]);

  fireEvent.click(screen.getByTestId('session-expired-sign-out'));
  fireEvent.click(await screen.findByTestId('sign-out-anyway'));
  await screen.findByTestId('signin-form');
  await waitFor(() => expect(screen.queryByTestId('session-expired')).toBeNull());
  expect(screen.getByTestId('demo-button')).toBeTruthy();
  expect(calls.filter(([c]) => c === 'sign_out').map(([, a]) => a)).toEqual([{ discardEdits: false }, { discardEdits: false }, { discardEdits: true }]);
});

test('a sync refused with session_expired leads to the sign-in-again screen', async () => {
  clearMocks();
  let expired = false;
  mockIPC((cmd) => {
    if (cmd.startsWith('plugin:event|')) return 0;
    if (cmd === 'app_status') return { ...status, sessionExpired: expired, merchantEmail: 'sara@golbarg.example' };
    if (cmd === 'list_orders') return page;
    if (cmd === 'count_orders') return 2;
    if (cmd === 'order_filter_options') return options;
    if (cmd === 'sync_status') return syncStatusOf({ pendingEdits: 1, lastError: expired ? { code: 'session_expired', message: '', messageFa: '' } : null });
    if (cmd === 'sync_now') {
      // The Rust side notes the ended session before answering.
      expired = true;
      throw { code: 'session_expired', message: 'Your session has ended.' };
    }
    return null;
  });
  render(<App />);
  await screen.findAllByTestId('order-row');
  fireEvent.click(screen.getByTestId('sync-button'));
  await screen.findByTestId('session-expired');
  expect((screen.getByTestId('signin-email') as HTMLInputElement).value).toBe('sara@golbarg.example');
  // The screen explains it: no error notice on top.
  expect(screen.queryByTestId('error-message')).toBeNull();
  await waitFor(() => expect(screen.getByTestId('session-expired-kept').dataset.count).toBe('1'));
});

test('a background sync refused with session_expired leads there too', async () => {
  clearMocks();
  const { emit } = await import('@tauri-apps/api/event');
  let expired = false;
  mockIPC(
    (cmd) => {
      if (cmd === 'app_status') return { ...status, sessionExpired: expired, merchantEmail: 'sara@golbarg.example' };
      if (cmd === 'list_orders') return page;
      if (cmd === 'count_orders') return 2;
      if (cmd === 'order_filter_options') return options;
      if (cmd === 'sync_status') return syncStatusOf({ lastError: expired ? { code: 'session_expired', message: '', messageFa: '' } : null });
      return null;
    },
    { shouldMockEvents: true },
  );
  render(<App />);
  await screen.findAllByTestId('order-row');
  expired = true;
  await emit('sync-status');
  await screen.findByTestId('session-expired');
});

test('data that cannot be opened: the error, and signing out erases it after a question', async () => {
  clearMocks();
  let unreadable = true;
  const signOuts: unknown[] = [];
  mockIPC((cmd, args) => {
    if (cmd.startsWith('plugin:event|')) return 0;
    if (cmd === 'app_status') {
      if (unreadable) throw { code: 'cache_unreadable', message: 'the local data cannot be opened' };
      return { ...status, signedIn: false, platformUrl: null };
    }
    if (cmd === 'sign_out') {
      signOuts.push(args);
      unreadable = false;
      return { ...status, signedIn: false, platformUrl: null };
    }
    throw { code: 'cache_unreadable', message: 'the local data cannot be opened' };
  });
  render(<App />);
  expect((await screen.findByTestId('error-message')).dataset.code).toBe('cache_unreadable');
  const erase = screen.getByTestId('erase-unreadable');
  // Still offered once the error is dismissed: it is the way out.
  fireEvent.click(screen.getByLabelText('بستن'));
  expect(screen.queryByTestId('error-message')).toBeNull();
  expect(screen.getByTestId('erase-unreadable')).toBe(erase);

  // Asked first; "cancel" changes nothing.
  fireEvent.click(erase);
  fireEvent.click(await screen.findByTestId('erase-unreadable-cancel'));
  expect(screen.queryByTestId('erase-unreadable-confirm')).toBeNull();
  expect(signOuts).toEqual([]);

  fireEvent.click(erase);
  expect(screen.getByTestId('erase-unreadable-confirm').textContent).toContain('پاک');
  fireEvent.click(screen.getByTestId('erase-unreadable-yes'));
  await waitFor(() => expect(screen.queryByTestId('erase-unreadable')).toBeNull());
  expect(signOuts).toEqual([{ discardEdits: true }]);
  expect(screen.getByTestId('signin-form')).toBeTruthy();
  expect(screen.queryByTestId('error-message')).toBeNull();
});

test('secrets_missing offers the same way out; other status failures do not', async () => {
  clearMocks();
  let code = 'secrets_missing';
  mockIPC((cmd) => {
    if (cmd.startsWith('plugin:event|')) return 0;
    if (cmd === 'app_status') throw { code, message: 'x' };
    return null;
  });
  render(<App />);
  await screen.findByTestId('erase-unreadable');
  cleanup();
  code = 'storage';
  render(<App />);
  expect((await screen.findByTestId('error-message')).dataset.code).toBe('storage');
  expect(screen.queryByTestId('erase-unreadable')).toBeNull();
});
