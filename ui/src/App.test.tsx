import { afterEach, beforeEach, expect, test } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { AppStatus, OrderPage, OrderQuery } from './api';
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
  // Only the status and the two unlock attempts: no list, count or sync status while locked.
  expect(cmds.filter((c) => c !== 'app_status')).toEqual(['unlock']);

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
