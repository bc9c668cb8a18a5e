import { afterEach, beforeEach, expect, test } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { AppStatus, ExportFormat, OrderQuery, OrderSummary } from '../api';
import { App } from '../App';

const status: AppStatus = {
  signedIn: true,
  locked: false,
  sessionExpired: false,
  merchantEmail: null,
  demo: false,
  demoStarting: false,
  platformUrl: 'http://127.0.0.1:8787',
  merchantName: 'سارا',
  storeName: 'فروشگاه گلبرگ',
  lastSyncAt: '2025-11-20T10:30:00Z',
  orderCount: 1_000_000,
  customerCount: 10,
};

function order(i: number): OrderSummary {
  return {
    id: i,
    orderNumber: String(100000 + i),
    status: 'delivered',
    paymentStatus: 'paid',
    customerId: 1,
    customerName: `مشتری ${i}`,
    mobile: null,
    mobileDisplay: null,
    province: 'فارس',
    city: 'شیراز',
    shippingMethod: 'پست پیشتاز',
    finalTotal: 1_000_000 + i,
    itemCount: 1,
    createdAt: '2025-03-21T08:00:00Z',
  };
}

let queries: OrderQuery[];
let counts: OrderQuery[];
let exports: Array<{ query: OrderQuery; format: ExportFormat }>;
let exportAnswer: { path: string; rows: number } | null;

beforeEach(() => {
  localStorage.clear();
  queries = [];
  counts = [];
  exports = [];
  exportAnswer = { path: '/home/sara/orders.csv', rows: 1234 };
  mockIPC((cmd, args) => {
    const a = args as { query: OrderQuery; format: ExportFormat };
    switch (cmd) {
      case 'app_status':
        return status;
      case 'order_filter_options':
        return {
          provinces: [
            { name: 'فارس', cities: ['شیراز', 'مرودشت'] },
            { name: 'تهران', cities: ['تهران'] },
          ],
          shippingMethods: ['پست پیشتاز', 'پیک موتوری'],
          firstDate: '2024-01-01',
          lastDate: '2025-11-20',
        };
      case 'count_orders':
        counts.push(a.query);
        return 1_000_000;
      case 'list_orders': {
        // A million orders, served 200 at a time by keyset.
        queries.push(a.query);
        const start = a.query.after ? Number(a.query.after) : 0;
        const n = a.query.limit ?? 100;
        return { orders: Array.from({ length: n }, (_, k) => order(start + k + 1)), nextAfter: String(start + n) };
      }
      case 'export_orders':
        exports.push(a);
        return exportAnswer;
      default:
        if (cmd.startsWith('plugin:event|')) return 0;
        throw { code: 'unknown_command', message: cmd };
    }
  });
});

afterEach(() => {
  cleanup();
  clearMocks();
});

test('the list renders only a window of rows and loads the next page by keyset while scrolling', async () => {
  render(<App />);
  await screen.findAllByTestId('order-row');
  expect(queries).toHaveLength(1);
  expect(queries[0]).toMatchObject({ limit: 200, after: null });
  // 200 rows loaded, a 600 px viewport of 60 px rows: only a window is in the DOM.
  const rendered = screen.getAllByTestId('order-row').length;
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(40);
  await waitFor(() => expect(screen.getByTestId('order-count').dataset.count).toBe('1000000'));

  const list = screen.getByTestId('orders-list');
  await act(async () => {
    list.scrollTop = 200 * 60 - 600;
    fireEvent.scroll(list);
  });
  await waitFor(() => expect(queries).toHaveLength(2));
  expect(queries[1]).toMatchObject({ limit: 200, after: '200' });
  await waitFor(() => expect(screen.getAllByTestId('order-row').some((r) => r.dataset.id === '190')).toBe(true));
  expect(screen.getAllByTestId('order-row').length).toBeLessThan(40);
  expect(screen.getAllByTestId('order-row')[0].dataset.id).not.toBe('1');
});

test('filters, search and sort reach the query and survive a restart; clear filters resets them', async () => {
  const first = render(<App />);
  await screen.findAllByTestId('order-row');
  await screen.findByRole('option', { name: 'مرودشت', hidden: true }).catch(() => null);

  fireEvent.change(screen.getByTestId('status-filter'), { target: { value: 'shipped' } });
  fireEvent.change(screen.getByTestId('payment-filter'), { target: { value: 'paid' } });
  fireEvent.change(screen.getByTestId('shipping-filter'), { target: { value: 'پیک موتوری' } });
  await waitFor(() => expect(screen.getByTestId('province-filter').querySelectorAll('option').length).toBe(3));
  fireEvent.change(screen.getByTestId('province-filter'), { target: { value: 'فارس' } });
  fireEvent.change(screen.getByTestId('city-filter'), { target: { value: 'مرودشت' } });
  // Toman is the default currency: ۱۲۰٬۰۰۰ Toman = 1,200,000 Rials.
  fireEvent.change(screen.getByTestId('amount-min'), { target: { value: '۱۲۰٬۰۰۰' } });
  fireEvent.change(screen.getByTestId('search-input'), { target: { value: 'مریم' } });
  fireEvent.change(screen.getByTestId('sort-select'), { target: { value: 'amount' } });
  fireEvent.click(screen.getByTestId('sort-direction'));
  fireEvent.click(screen.getByTestId('date-from'));
  fireEvent.change(screen.getByTestId('picker-year'), { target: { value: '1404' } });
  fireEvent.change(screen.getByTestId('picker-month'), { target: { value: '1' } });
  fireEvent.click(screen.getAllByTestId('picker-day')[0]);

  const expected = {
    status: 'shipped',
    paymentStatus: 'paid',
    shippingMethod: 'پیک موتوری',
    province: 'فارس',
    city: 'مرودشت',
    minTotal: 1_200_000,
    maxTotal: null,
    search: 'مریم',
    sort: 'amount',
    direction: 'asc',
    fromDate: '2025-03-21',
    toDate: null,
  };
  await waitFor(() => expect(queries[queries.length - 1]).toMatchObject(expected));
  expect(counts[counts.length - 1]).toMatchObject(expected);
  expect(screen.getByTestId('sort-direction').dataset.direction).toBe('asc');
  expect(screen.getByTestId('date-from').textContent).toContain('۱۴۰۴/۰۱/۰۱');

  // Restart: a fresh App reads the same filters back and asks for the same page at once.
  first.unmount();
  queries = [];
  render(<App />);
  await screen.findAllByTestId('order-row');
  expect(queries[0]).toMatchObject({ ...expected, after: null, limit: 200 });
  expect((screen.getByTestId('status-filter') as HTMLSelectElement).value).toBe('shipped');
  expect((screen.getByTestId('search-input') as HTMLInputElement).value).toBe('مریم');
  expect((screen.getByTestId('amount-min') as HTMLInputElement).value).toBe('۱۲۰٬۰۰۰');

  fireEvent.click(screen.getByTestId('clear-filters'));
  await waitFor(() =>
    expect(queries[queries.length - 1]).toMatchObject({
      status: null,
      search: null,
      city: null,
      minTotal: null,
      fromDate: null,
      sort: 'amount',
      direction: 'asc',
    }),
  );
  expect((screen.getByTestId('search-input') as HTMLInputElement).value).toBe('');
});

test('export: the current query goes to Rust, success shows a notice, cancel shows nothing', async () => {
  render(<App />);
  await screen.findAllByTestId('order-row');
  fireEvent.change(screen.getByTestId('status-filter'), { target: { value: 'delivered' } });

  fireEvent.click(screen.getByTestId('export-button'));
  fireEvent.click(screen.getByTestId('export-xlsx'));
  const done = await screen.findByTestId('export-done');
  expect(exports[0].format).toBe('xlsx');
  expect(exports[0].query).toMatchObject({ status: 'delivered' });
  expect(exports[0].query.after ?? null).toBeNull();
  expect(done.dataset.path).toBe('/home/sara/orders.csv');
  expect(done.dataset.rows).toBe('1234');
  expect(done.textContent).toContain('۱٬۲۳۴ سفارش');
  expect(done.textContent).toContain('/home/sara/orders.csv');

  exportAnswer = null;
  fireEvent.click(screen.getByTestId('export-button'));
  fireEvent.click(screen.getByTestId('export-csv'));
  await waitFor(() => expect(exports).toHaveLength(2));
  await waitFor(() => expect(screen.queryByTestId('export-done')).toBeNull());
  expect(screen.queryByTestId('error-message')).toBeNull();
});
