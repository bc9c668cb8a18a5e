import { afterEach, beforeEach, expect, test } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { AppStatus, OrderPage, OrderQuery } from './api';
import { App } from './App';

const status: AppStatus = {
  signedIn: true,
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
