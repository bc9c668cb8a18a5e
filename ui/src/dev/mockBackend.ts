// DEV ONLY — a fake Rust side for screenshots and UI work in a browser. Never imported in
// production builds (see main.tsx); the data and command logic live in mockData.ts.
import { mockIPC } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import type { AppStatus, CustomerQuery, DashboardQuery, ExportFormat, OrderQuery, OrderStatus, Preferences } from '../api';
import { makeMockStore, mockCommands } from './mockData';
import { mockEdits } from './mockEdits';
import { mockKyc, type KycSeed } from './mockKyc';
import { mockSessions } from './mockSessions';
import { mockStoreSettings } from './mockStoreSettings';

export function installDevMock(params: URLSearchParams) {
  const lang = params.get('lang');
  if (lang === 'en' || lang === 'fa') localStorage.setItem('pishkhan.lang', lang);
  const store = makeMockStore(params.has('empty') ? 0 : Number(params.get('orders') ?? 3000));
  const cmds = mockCommands(store);
  // `?offline`: the platform cannot be reached (edits wait; sync fails). `?noseed`: no conflict
  // or refused edit to start with.
  const edits = mockEdits(store, (id) => cmds.orderDetail(id), (id) => cmds.touch(id), {
    offline: params.has('offline'),
    seed: !params.has('noseed'),
  });
  const changed = () => void emit('sync-status');
  // Identity verification. `?kyc=rejected|info|review|verified` seeds the platform's answer;
  // `?kycblur`: chosen photos come back blurred; `?kycpick`: "Choose photo" opens the browser's
  // file picker instead of making a fake card. Files dropped on the page work as in the app.
  const kycSeed = params.get('kyc');
  const kyc = mockKyc({
    seed: (['rejected', 'info', 'review', 'verified'] as const).find((s) => s === kycSeed) ?? (null as KycSeed),
    offline: params.has('offline'),
    blurry: params.has('kycblur'),
    pick: params.has('kycpick'),
    emit: (event, payload) => void emit(event, payload),
  });
  kyc.installDrop(window);
  // Where the merchant is signed in (read from the platform: fails under `?offline`).
  const sessions = mockSessions({ offline: params.has('offline') });
  // The store's order notifications: under `?offline` a changed SMS choice stays pending.
  const storeSettings = mockStoreSettings({ offline: params.has('offline') });
  // `?expired`: the platform ended this computer's session (the sign-in-again screen).
  let status: AppStatus = {
    signedIn: !params.has('signedout'),
    locked: false,
    sessionExpired: params.has('expired'),
    merchantEmail: 'sara@golbarg.example',
    demo: !params.has('update'),
    demoStarting: params.has('starting'),
    platformUrl: 'http://127.0.0.1:8787',
    merchantName: 'سارا نیک‌پور',
    storeName: 'فروشگاه گلبرگ',
    lastSyncAt: new Date(Date.now() - 12 * 60_000).toISOString(),
    orderCount: store.orders.length,
    customerCount: store.customers.length,
  };
  const slow = <T,>(ms: number, v: () => T) => new Promise<T>((res, rej) => setTimeout(() => {
    try {
      res(v());
    } catch (e) {
      rej(e);
    }
  }, ms));
  const exportResult = (rows: number, format: ExportFormat, what: string) => {
    if (params.has('exportcancel')) return null;
    if (params.has('exportfail')) throw { code: 'export_failed', message: 'disk full', messageFa: 'دیسک پر است' };
    return { path: `/home/sara/Documents/${what}.${format}`, rows };
  };
  const fakeSync = async () => {
    for (let p = 1; p <= 5; p++) {
      await new Promise((r) => setTimeout(r, 400));
      await emit('sync-progress', { pages: p, rows: p * 600, totalEstimate: 3000, done: p === 5 });
    }
  };
  mockIPC(
    async (cmd, payload) => {
      const args = (payload ?? {}) as Record<string, unknown>;
      if (cmd.startsWith('kyc_')) return kyc.handle(cmd, args);
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
          return slow(120, () => cmds.listOrders(args.query as OrderQuery));
        case 'count_orders':
          return slow(400, () => cmds.countOrders(args.query as OrderQuery));
        case 'order_filter_options':
          return cmds.filterOptions();
        case 'order_detail':
          return slow(80, () => edits.detail(args.id as number));
        case 'set_order_status':
          return slow(150, () => edits.setOrderStatus(args.id as number, args.status as OrderStatus)).finally(changed);
        case 'ship_order':
          return slow(150, () =>
            edits.shipOrder(args.id as number, (args.shippingItemId as number | null) ?? null, String(args.carrier ?? ''), String(args.trackingCode ?? '')),
          ).finally(changed);
        case 'add_order_note':
          return slow(150, () => edits.addOrderNote(args.id as number, String(args.text ?? ''))).finally(changed);
        case 'cancel_order':
          return slow(150, () => edits.cancelOrder(args.id as number)).finally(changed);
        case 'outbox':
          return slow(60, () => edits.outbox());
        case 'rejected_edits':
          return slow(60, () => edits.rejectedEdits());
        case 'keep_my_edit':
          return slow(120, () => edits.keepMyEdit(String(args.mutationId))).finally(changed);
        case 'take_platform_version':
          return slow(120, () => edits.takePlatformVersion(String(args.mutationId))).finally(changed);
        case 'sync_status':
          return edits.syncStatus();
        case 'cancel_sync':
          return null;
        case 'preferences':
          return slow(60, () => edits.preferences());
        case 'set_preferences':
          return slow(100, () => edits.setPreferences(args.preferences as Preferences));
        case 'store_settings':
          return slow(60, () => storeSettings.handle(cmd, args));
        case 'set_sms_on_new_order':
          return slow(150, () => storeSettings.handle(cmd, args)).finally(changed);
        case 'sessions':
          return slow(250, () => sessions.sessions());
        case 'revoke_session':
          return slow(300, () => sessions.revokeSession(Number(args.sessionId)));
        case 'privacy_export': {
          // `?exportcancel`: the save dialog was cancelled; `?exportfail`: the file could not be made.
          const lang = args.lang === 'en' ? 'en' : 'fa';
          return slow(700, () => {
            if (params.has('exportcancel')) return null;
            if (params.has('exportfail')) {
              throw { code: 'platform_unreachable', message: 'the platform cannot be reached', messageFa: 'سکو در دسترس نیست' };
            }
            return lang === 'fa' ? '/home/sara/Documents/داده‌های-من-پیشخوان.json' : '/home/sara/Documents/pishkhan-my-data.json';
          });
        }
        case 'diagnostics_preview':
          return slow(60, () => [
            { at: new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, 'Z'), event: { kind: 'app_started', appVersion: '0.1.0', os: 'linux' } },
            {
              at: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
              event: { kind: 'sync_finished', durationMs: 840, ordersUpserted: 12, ordersDeleted: 0, pushed: 1, conflicts: 0 },
            },
          ]);
        case 'list_customers':
          return slow(100, () => cmds.listCustomers(args.query as CustomerQuery));
        case 'count_customers':
          return slow(250, () => cmds.countCustomers(args.query as CustomerQuery));
        case 'customer_detail':
          return slow(80, () => cmds.customerDetail(args.id as number));
        case 'dashboard':
          return slow(200, () => cmds.dashboard(args.query as DashboardQuery));
        case 'export_orders':
          return slow(600, () => exportResult(cmds.countOrders(args.query as OrderQuery), args.format as ExportFormat, 'orders'));
        case 'export_customers':
          return slow(600, () => exportResult(cmds.countCustomers(args.query as CustomerQuery), args.format as ExportFormat, 'customers'));
        case 'sign_in':
          if (params.has('fail')) throw { code: 'wrong_credentials', message: 'bad password' };
          status = { ...status, signedIn: true, sessionExpired: false };
          return status;
        case 'start_demo':
          await fakeSync();
          status = { ...status, signedIn: true, demoStarting: false };
          return status;
        case 'sync_now': {
          if (!params.has('offline')) await fakeSync();
          else await new Promise((r) => setTimeout(r, 600));
          let report;
          try {
            storeSettings.sync();
            report = edits.sync({
            ordersUpserted: 240,
            ordersDeleted: 0,
            customersUpserted: 87,
            customersDeleted: 0,
            pages: 5,
            durationMs: 2140,
            newOrders: [],
            newOrderCount: 0,
            kycStatusChanged: null,
            });
          } finally {
            changed();
          }
          status = { ...status, lastSyncAt: new Date().toISOString() };
          return report;
        }
        case 'set_menu_language':
          return null;
        // Updates: off in the demo, as in the app; `?update` offers a newer version (the mock
        // store then is not a demo), `?updatefail=update_signature|update_failed` fails the install.
        case 'check_for_update':
          return slow(500, () => ({
            current: '0.1.0',
            off: status.demo && !params.has('update') ? 'demo' : null,
            available: params.has('update')
              ? { version: '0.2.0', notes: 'فهرست سفارش‌ها با صفحه‌کلید.\nKeyboard navigation in the orders list.', date: '2025-12-01 09:00:00.0 +00:00:00' }
              : null,
          }));
        case 'install_update':
          return slow(1500, () => {
            const code = params.get('updatefail');
            if (code) throw { code, message: 'mocked failure', messageFa: 'خطای ساختگی' };
            location.reload();
            return null;
          });
        case 'sign_out':
          edits.checkSignOut(args.discardEdits === true);
          status = { ...status, signedIn: false, sessionExpired: false };
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
