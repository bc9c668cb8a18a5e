// DEV ONLY — a fake Rust side for screenshots and UI work in a browser. Never imported in
// production builds (see main.tsx). Also reused by the unit test for sample data.
import { mockIPC } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import type { AppStatus, OrderPage, OrderQuery, OrderStatus, OrderSummary, PaymentStatus } from '../api';

const NAMES = ['مریم احمدی', 'علی رضایی', 'زهرا محمدی', 'حسین کریمی', 'فاطمه حسینی', 'رضا موسوی', 'نرگس جعفری', 'امیر قاسمی'];
const PLACES: Array<[string, string]> = [
  ['تهران', 'تهران'],
  ['اصفهان', 'اصفهان'],
  ['شیراز', 'فارس'],
  ['مشهد', 'خراسان رضوی'],
  ['تبریز', 'آذربایجان شرقی'],
  ['رشت', 'گیلان'],
];
const STATUSES: OrderStatus[] = ['pending_payment', 'processing', 'shipped', 'delivered', 'cancelled', 'refunded'];

export function sampleOrders(n: number): OrderSummary[] {
  const base = Date.parse('2025-11-20T10:30:00Z');
  return Array.from({ length: n }, (_, i) => {
    const status = STATUSES[(i * 7) % STATUSES.length];
    const paymentStatus: PaymentStatus =
      status === 'pending_payment' ? 'unpaid' : status === 'refunded' ? 'refunded' : 'paid';
    const [city, province] = PLACES[i % PLACES.length];
    return {
      id: i + 1,
      orderNumber: `PK-${String(10480 - i)}`,
      status,
      paymentStatus,
      customerName: NAMES[i % NAMES.length],
      mobile: `+98912${String(1000000 + i * 7919).slice(0, 7)}`,
      mobileDisplay: `0912 ${String(1000000 + i * 7919).slice(0, 3)} ${String(1000000 + i * 7919).slice(3, 7)}`,
      province,
      city,
      finalTotal: (1_250_000 + ((i * 3_370_000) % 48_000_000)) * 10,
      itemCount: 1 + (i % 5),
      createdAt: new Date(base - i * 5.3 * 3600_000).toISOString(),
    };
  });
}

export function installDevMock(params: URLSearchParams) {
  const lang = params.get('lang');
  if (lang === 'en' || lang === 'fa') localStorage.setItem('pishkhan.lang', lang);
  const all = sampleOrders(params.has('empty') ? 0 : 240);
  let status: AppStatus = {
    signedIn: !params.has('signedout'),
    demo: true,
    demoStarting: params.has('starting'),
    platformUrl: 'http://127.0.0.1:8787',
    merchantName: 'سارا نیک‌پور',
    storeName: 'فروشگاه گلبرگ',
    lastSyncAt: new Date(Date.now() - 12 * 60_000).toISOString(),
    orderCount: all.length,
    customerCount: 87,
  };
  const list = (q: OrderQuery): OrderPage => {
    const s = (q.search ?? '').trim();
    const rows = all.filter(
      (o) =>
        (!q.status || o.status === q.status) &&
        (!s || o.orderNumber.includes(s) || o.customerName.includes(s) || (o.city ?? '').includes(s)),
    );
    const start = q.after ? rows.findIndex((o) => String(o.id) === q.after) + 1 : 0;
    const page = rows.slice(start, start + (q.limit ?? 100));
    const last = page[page.length - 1];
    return {
      orders: page,
      nextAfter: last && start + page.length < rows.length ? String(last.id) : null,
      total: rows.length,
    };
  };
  const fakeSync = async () => {
    for (let p = 1; p <= 5; p++) {
      await new Promise((r) => setTimeout(r, 400));
      await emit('sync-progress', { pages: p, rows: p * 48, totalEstimate: 240, done: p === 5 });
    }
  };
  mockIPC(
    async (cmd, payload) => {
      const args = (payload ?? {}) as Record<string, unknown>;
      switch (cmd) {
        case 'app_status': {
          const code = params.get('statuserror');
          if (code) {
            params.delete('statuserror');
            throw { code, message: 'mocked failure' };
          }
          return status;
        }
        case 'list_orders':
          return list(args.query as OrderQuery);
        case 'sign_in':
          if (params.has('fail')) throw { code: 'wrong_credentials', message: 'bad password' };
          status = { ...status, signedIn: true };
          return status;
        case 'start_demo':
          await fakeSync();
          status = { ...status, signedIn: true, demoStarting: false };
          return status;
        case 'sync_now':
          await fakeSync();
          status = { ...status, lastSyncAt: new Date().toISOString() };
          return { ordersUpserted: 240, ordersDeleted: 0, customersUpserted: 87, customersDeleted: 0, pages: 5, durationMs: 2140 };
        case 'sign_out':
          status = { ...status, signedIn: false };
          return status;
        default:
          throw { code: 'unknown_command', message: cmd };
      }
    },
    { shouldMockEvents: true },
  );
  if (params.has('bgsync')) {
    // A sync started by the Rust side (no done event): the bar stays up.
    setTimeout(() => void emit('sync-progress', { pages: 3, rows: 144, totalEstimate: 240, done: false }), 300);
  }
  if (status.demoStarting) {
    void fakeSync().then(async () => {
      status = { ...status, demoStarting: false };
      await emit('status-changed');
    });
  }
}
