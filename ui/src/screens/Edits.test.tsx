import { afterEach, beforeEach, expect, test } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { AppStatus, OrderDetail, OutboxEntry, SyncStatus } from '../api';
import { App } from '../App';
import { makeMockStore } from '../dev/mockData';
import { applyChange } from '../dev/mockEdits';
import { SyncContext } from '../lib/sync';
import { OrderDetailScreen } from './OrderDetailScreen';
import { SettingsScreen } from './SettingsScreen';

const store = makeMockStore(40, new Date('2025-06-01T08:00:00Z'));
const processing = store.orders.find((o) => o.status === 'processing')!;

const status: AppStatus = {
  signedIn: true,
  locked: false,
  sessionExpired: false,
  merchantEmail: null,
  demo: false,
  demoStarting: false,
  platformUrl: 'http://127.0.0.1:8787',
  merchantName: 'سارا نیک‌پور',
  storeName: 'فروشگاه گلبرگ',
  lastSyncAt: '2025-11-20T10:30:00Z',
  orderCount: 0,
  customerCount: 0,
};

const detail = (over: Partial<OrderDetail> = {}): OrderDetail => ({
  order: processing,
  customer: null,
  mobileDisplay: null,
  nextStatuses: ['shipped', 'cancelled'],
  waitingEdits: [],
  ...over,
});

const pendingEntry = (over: Partial<OutboxEntry> = {}): OutboxEntry => ({
  seq: 1,
  mutationId: 'mut-1',
  orderId: processing.id,
  orderNumber: processing.orderNumber,
  baseVersion: processing.version,
  change: { kind: 'set_status', status: 'shipped' },
  createdAt: '2025-06-01T09:00:00Z',
  state: 'pending',
  attempts: 0,
  lastError: null,
  conflictFields: [],
  ...over,
});

let calls: Array<[string, unknown]> = [];

beforeEach(() => {
  localStorage.clear();
  calls = [];
});

afterEach(() => {
  cleanup();
  clearMocks();
});

function ipc(handler: (cmd: string, args: Record<string, unknown>) => unknown) {
  mockIPC(async (cmd, args) => {
    if (cmd.startsWith('plugin:event|')) return 0;
    calls.push([cmd, args]);
    return handler(cmd, (args ?? {}) as Record<string, unknown>);
  });
}

function renderDetail() {
  let refreshes = 0;
  const utils = render(
    <SyncContext.Provider value={{ status: null, version: 0, refresh: () => refreshes++ }}>
      <OrderDetailScreen id={processing.id} reloadKey={0} onBack={() => {}} onOpenCustomer={() => {}} onPrint={() => {}} />
    </SyncContext.Provider>,
  );
  return { ...utils, refreshes: () => refreshes };
}

test('the status menu offers only the statuses Rust says the order may move to', async () => {
  ipc((cmd) => (cmd === 'order_detail' ? detail({ nextStatuses: ['processing', 'cancelled'] }) : null));
  renderDetail();
  await screen.findByTestId('order-detail');
  const offered = screen.getAllByTestId('status-option').map((b) => b.dataset.status);
  // Cancelling has its own button with a confirmation.
  expect(offered).toEqual(['processing']);
  expect(screen.getByTestId('cancel-order')).toBeTruthy();
  expect(screen.getByTestId('status-option').textContent).toBe('در حال پردازش');
});

test('an order that cannot move offers no status and no cancel', async () => {
  ipc((cmd) => (cmd === 'order_detail' ? detail({ nextStatuses: [] }) : null));
  renderDetail();
  await screen.findByTestId('order-detail');
  expect(screen.queryAllByTestId('status-option')).toHaveLength(0);
  expect(screen.queryByTestId('cancel-order')).toBeNull();
});

test('an edit shows the returned order at once with the pending banner', async () => {
  const after = applyChange(processing, { kind: 'set_status', status: 'shipped' }, '2025-06-01T09:00:00Z');
  ipc((cmd) => {
    if (cmd === 'order_detail') return detail();
    if (cmd === 'set_order_status') return detail({ order: after, nextStatuses: ['delivered', 'refunded'], waitingEdits: [pendingEntry()] });
    return null;
  });
  const { refreshes } = renderDetail();
  await screen.findByTestId('order-detail');
  expect(screen.queryByTestId('edit-pending')).toBeNull();
  fireEvent.click(screen.getByTestId('status-option'));
  const banner = await screen.findByTestId('edit-pending');
  expect(banner.textContent).toContain('در انتظار ارسال به سکو');
  expect(banner.textContent).toContain('ارسال‌شده');
  expect(calls.find(([c]) => c === 'set_order_status')?.[1]).toEqual({ id: processing.id, status: 'shipped' });
  expect(screen.getByTestId('order-detail').dataset.status).toBe('shipped');
  expect(refreshes()).toBeGreaterThan(0);
});

test('ship form sends carrier and tracking code; a refusal shows its reason', async () => {
  ipc((cmd, args) => {
    if (cmd === 'order_detail') return detail();
    if (cmd === 'ship_order') {
      if (!args.trackingCode) throw { code: 'edit_refused', message: "Enter the parcel's tracking code.", messageFa: 'کد رهگیری مرسوله را وارد کنید.' };
      return detail({ waitingEdits: [pendingEntry({ change: { kind: 'ship', shippingItemId: null, carrier: 'پست', trackingCode: '123' } })] });
    }
    return null;
  });
  renderDetail();
  fireEvent.click(await screen.findByTestId('ship-button'));
  fireEvent.change(screen.getByTestId('ship-carrier'), { target: { value: 'پست' } });
  fireEvent.click(screen.getByTestId('ship-submit'));
  expect((await screen.findByTestId('error-message')).querySelector('.alert__text')?.textContent).toBe('کد رهگیری مرسوله را وارد کنید.');
  fireEvent.change(screen.getByTestId('ship-tracking'), { target: { value: '123' } });
  fireEvent.click(screen.getByTestId('ship-submit'));
  await screen.findByTestId('edit-pending');
  expect(calls.filter(([c]) => c === 'ship_order').at(-1)?.[1]).toEqual({
    id: processing.id,
    shippingItemId: null,
    carrier: 'پست',
    trackingCode: '123',
  });
  expect(screen.queryByTestId('ship-form')).toBeNull();
});

test('cancel asks first, then calls cancel_order', async () => {
  ipc((cmd) => {
    if (cmd === 'order_detail') return detail();
    if (cmd === 'cancel_order') return detail({ nextStatuses: [], waitingEdits: [pendingEntry({ change: { kind: 'cancel' } })] });
    return null;
  });
  renderDetail();
  fireEvent.click(await screen.findByTestId('cancel-order'));
  expect(calls.some(([c]) => c === 'cancel_order')).toBe(false);
  fireEvent.click(within(screen.getByTestId('confirm-dialog')).getByTestId('confirm-yes'));
  await screen.findByTestId('edit-pending');
  expect(calls.find(([c]) => c === 'cancel_order')?.[1]).toEqual({ id: processing.id });
});

test('internal notes: listed, and a new one is added', async () => {
  const noted = { ...processing, internalNotes: [{ text: 'بسته را دوبار چک کنید', at: '2025-06-01T09:00:00Z' }] };
  ipc((cmd) => {
    if (cmd === 'order_detail') return detail();
    if (cmd === 'add_order_note') return detail({ order: noted, waitingEdits: [pendingEntry({ change: { kind: 'add_note', text: 'بسته را دوبار چک کنید' } })] });
    return null;
  });
  renderDetail();
  await screen.findByTestId('internal-notes');
  expect(screen.queryAllByTestId('internal-note')).toHaveLength(0);
  fireEvent.change(screen.getByTestId('note-input'), { target: { value: 'بسته را دوبار چک کنید' } });
  fireEvent.click(screen.getByTestId('note-submit'));
  await waitFor(() => expect(screen.getAllByTestId('internal-note')).toHaveLength(1));
  expect(calls.find(([c]) => c === 'add_order_note')?.[1]).toEqual({ id: processing.id, text: 'بسته را دوبار چک کنید' });
  expect((screen.getByTestId('note-input') as HTMLTextAreaElement).value).toBe('');
});

test('a conflict shows the changed fields; keep-mine and take-platform call their commands', async () => {
  const conflict = pendingEntry({ mutationId: 'mut-c', state: 'conflict', conflictFields: ['status'] });
  ipc((cmd) => (cmd === 'order_detail' ? detail({ waitingEdits: [conflict] }) : null));
  const { refreshes } = renderDetail();
  const banner = await screen.findByTestId('edit-conflict');
  expect(banner.dataset.fields).toBe('status');
  expect(banner.textContent).toContain('وضعیت');
  fireEvent.click(within(banner).getByTestId('keep-mine'));
  await waitFor(() => expect(calls.find(([c]) => c === 'keep_my_edit')?.[1]).toEqual({ mutationId: 'mut-c' }));
  fireEvent.click(within(screen.getByTestId('edit-conflict')).getByTestId('take-platform'));
  await waitFor(() => expect(calls.find(([c]) => c === 'take_platform_version')?.[1]).toEqual({ mutationId: 'mut-c' }));
  expect(refreshes()).toBe(2);
});

const syncStatus = (over: Partial<SyncStatus> = {}): SyncStatus => ({
  syncing: false,
  lastSyncAt: '2025-11-20T10:30:00Z',
  pendingEdits: 0,
  conflicts: 0,
  lastError: null,
  lastAttemptAt: null,
  ...over,
});

function appIpc(extra: (cmd: string, args: Record<string, unknown>) => unknown) {
  ipc((cmd, args) => {
    const r = extra(cmd, args);
    if (r !== undefined) return r;
    if (cmd === 'app_status') return status;
    if (cmd === 'list_orders') return { orders: [], nextAfter: null };
    if (cmd === 'count_orders') return 0;
    if (cmd === 'order_filter_options') return { provinces: [], shippingMethods: [], firstDate: null, lastDate: null };
    return null;
  });
}

test('the sync status area: waiting edits, conflicts, offline and retry', async () => {
  let offline = true;
  appIpc((cmd) => {
    if (cmd === 'sync_status')
      return offline
        ? syncStatus({
            pendingEdits: 2,
            conflicts: 1,
            lastAttemptAt: '2025-11-20T10:40:00Z',
            lastError: { code: 'platform_unreachable', message: 'unreachable', messageFa: 'سکو در دسترس نیست' },
          })
        : syncStatus();
    if (cmd === 'sync_now') {
      offline = false;
      return { ordersUpserted: 0, ordersDeleted: 0, customersUpserted: 0, customersDeleted: 0, pages: 1, durationMs: 10, newOrders: [], newOrderCount: 0, pushed: 2, conflicts: 0, rejected: 0 };
    }
    return undefined;
  });
  render(<App />);
  await waitFor(() => expect(screen.getByTestId('pending-count').dataset.count).toBe('2'));
  expect(screen.getByTestId('conflict-count').dataset.count).toBe('1');
  expect(screen.getByTestId('online-state').dataset.online).toBe('false');
  expect(screen.getByTestId('pending-count').textContent).toContain('۲');
  fireEvent.click(screen.getByTestId('retry-sync'));
  await waitFor(() => expect(screen.getByTestId('online-state').dataset.online).toBe('true'));
  expect(screen.getByTestId('pending-count').dataset.count).toBe('0');
  expect(screen.queryByTestId('retry-sync')).toBeNull();
  // The conflict count leads to the outbox.
  expect(calls.some(([c]) => c === 'sync_now')).toBe(true);
});

test('the outbox lists conflicts, waiting edits and refused edits', async () => {
  appIpc((cmd) => {
    if (cmd === 'sync_status') return syncStatus({ pendingEdits: 1, conflicts: 1 });
    if (cmd === 'outbox') return [pendingEntry({ mutationId: 'a', attempts: 3, lastError: 'connection refused' }), pendingEntry({ mutationId: 'b', state: 'conflict', conflictFields: ['status'] })];
    if (cmd === 'rejected_edits')
      return [
        {
          mutationId: 'r',
          orderId: 5,
          orderNumber: '100005',
          change: { kind: 'cancel' },
          code: 'transition_not_allowed',
          message: 'An order that is delivered cannot become cancelled',
          messageFa: 'سفارشِ «تحویل‌شده» نمی‌تواند «لغوشده» شود',
          at: '2025-11-20T10:00:00Z',
        },
      ];
    return undefined;
  });
  render(<App />);
  fireEvent.click(await screen.findByTestId('nav-outbox'));
  await waitFor(() => expect(screen.getAllByTestId('outbox-entry')).toHaveLength(2));
  const states = screen.getAllByTestId('outbox-entry').map((e) => e.dataset.state);
  expect(states).toEqual(['conflict', 'pending']);
  expect(screen.getAllByTestId('outbox-entry')[1].textContent).toContain('۳ بار تلاش');
  expect(screen.getByTestId('rejected-edit').textContent).toContain('نمی‌تواند «لغوشده» شود');
  fireEvent.click(within(screen.getAllByTestId('outbox-entry')[0]).getByTestId('take-platform'));
  await waitFor(() => expect(calls.find(([c]) => c === 'take_platform_version')?.[1]).toEqual({ mutationId: 'b' }));
});

test('sign out with edits waiting asks first; "sign out anyway" discards them', async () => {
  let signedIn = true;
  appIpc((cmd, args) => {
    if (cmd === 'app_status') return { ...status, signedIn };
    if (cmd === 'sync_status') return syncStatus({ pendingEdits: 2, conflicts: 1 });
    if (cmd === 'sign_out') {
      if (!args.discardEdits) throw { code: 'edits_waiting', message: '3 of your edits…', messageFa: '۳ ویرایش…' };
      signedIn = false;
      return { ...status, signedIn: false };
    }
    return undefined;
  });
  render(<App />);
  await screen.findByTestId('sync-status');
  fireEvent.click(screen.getByText('خروج'));
  const dialog = await screen.findByTestId('discard-edits-confirm');
  expect(within(dialog).getByTestId('discard-edits-count').dataset.count).toBe('3');
  expect(dialog.textContent).toContain('۳ ویرایش شما هنوز به سکو نرسیده است');
  expect(calls.filter(([c]) => c === 'sign_out')).toEqual([['sign_out', { discardEdits: false }]]);
  fireEvent.click(within(dialog).getByTestId('sign-out-anyway'));
  await screen.findByTestId('signin-form');
  expect(calls.filter(([c]) => c === 'sign_out').at(-1)).toEqual(['sign_out', { discardEdits: true }]);
});

test('sign out: "sync first" closes the question and syncs', async () => {
  appIpc((cmd) => {
    if (cmd === 'sync_status') return syncStatus({ pendingEdits: 1 });
    if (cmd === 'sign_out') throw { code: 'edits_waiting', message: '1 edit', messageFa: '۱ ویرایش' };
    if (cmd === 'sync_now')
      return { ordersUpserted: 0, ordersDeleted: 0, customersUpserted: 0, customersDeleted: 0, pages: 1, durationMs: 10, newOrders: [], newOrderCount: 0, pushed: 1, conflicts: 0, rejected: 0 };
    return undefined;
  });
  render(<App />);
  await screen.findByTestId('sync-status');
  fireEvent.click(screen.getByText('خروج'));
  fireEvent.click(within(await screen.findByTestId('discard-edits-confirm')).getByTestId('sync-first'));
  await waitFor(() => expect(calls.some(([c]) => c === 'sync_now')).toBe(true));
  expect(screen.queryByTestId('discard-edits-confirm')).toBeNull();
});

test('preferences: interval and notifications are saved through set_preferences', async () => {
  ipc((cmd) => (cmd === 'preferences' ? { syncIntervalMinutes: 15, notifyNewOrders: true } : null));
  render(<SettingsScreen status={status} />);
  await waitFor(() => expect((screen.getByTestId('sync-interval') as HTMLSelectElement).value).toBe('15'));
  const offered = Array.from((screen.getByTestId('sync-interval') as HTMLSelectElement).options, (o) => o.value);
  expect(offered).toEqual(['0', '5', '15', '30', '60']);
  fireEvent.change(screen.getByTestId('sync-interval'), { target: { value: '0' } });
  await waitFor(() =>
    expect(calls.find(([c]) => c === 'set_preferences')?.[1]).toEqual({ preferences: { syncIntervalMinutes: 0, notifyNewOrders: true } }),
  );
  fireEvent.click(screen.getByTestId('notify-new-orders'));
  await waitFor(() =>
    expect(calls.filter(([c]) => c === 'set_preferences').at(-1)?.[1]).toEqual({ preferences: { syncIntervalMinutes: 0, notifyNewOrders: false } }),
  );
  await screen.findByTestId('prefs-saved');
});

test('the mock refuses a transition the workflow does not allow, with the reason in Persian', () => {
  expect(() => applyChange(processing, { kind: 'set_status', status: 'delivered' }, '2025-06-01T09:00:00Z')).toThrow();
  try {
    applyChange(processing, { kind: 'set_status', status: 'delivered' }, '2025-06-01T09:00:00Z');
  } catch (e) {
    expect(e).toMatchObject({ code: 'edit_refused' });
    expect((e as { messageFa: string }).messageFa).toContain('نمی‌تواند «تحویل‌شده» شود');
  }
});

test('back in the list after an edit, the order shows its new status', async () => {
  const row = {
    id: processing.id,
    orderNumber: processing.orderNumber,
    status: 'processing',
    paymentStatus: processing.paymentStatus,
    customerId: null,
    customerName: 'مریم احمدی',
    mobile: null,
    mobileDisplay: null,
    province: null,
    city: null,
    shippingMethod: null,
    finalTotal: 1_000_000,
    itemCount: 1,
    createdAt: '2025-06-01T08:00:00Z',
  };
  const after = applyChange(processing, { kind: 'set_status', status: 'shipped' }, '2025-06-01T09:00:00Z');
  let lists = 0;
  let current = detail();
  appIpc((cmd) => {
    if (cmd === 'sync_status') return syncStatus();
    if (cmd === 'list_orders') {
      lists++;
      return { orders: [row], nextAfter: null };
    }
    if (cmd === 'count_orders') return 1;
    if (cmd === 'order_detail') return current;
    if (cmd === 'set_order_status') {
      current = detail({ order: after, nextStatuses: ['delivered', 'refunded'], waitingEdits: [pendingEntry()] });
      return current;
    }
    return undefined;
  });
  render(<App />);
  fireEvent.click(await screen.findByTestId('order-row'));
  fireEvent.click(await screen.findByTestId('status-option'));
  await screen.findByTestId('edit-pending');
  const listsBefore = lists;
  fireEvent.click(screen.getByTestId('back-button'));
  const back = await screen.findByTestId('order-row');
  expect(lists).toBe(listsBefore);
  expect(back.dataset.status).toBe('shipped');
});

test('cancel-sync shows while a sync runs and asks Rust to stop', async () => {
  let finish: (v: unknown) => void = () => {};
  appIpc((cmd) => {
    if (cmd === 'sync_status') return syncStatus();
    if (cmd === 'sync_now') return new Promise((_, reject) => (finish = reject));
    return undefined;
  });
  render(<App />);
  fireEvent.click(await screen.findByTestId('sync-button'));
  fireEvent.click(await screen.findByTestId('cancel-sync'));
  await waitFor(() => expect(calls.some(([c]) => c === 'cancel_sync')).toBe(true));
  finish({ code: 'sync_cancelled', message: 'The sync was cancelled', messageFa: 'همگام‌سازی لغو شد؛ آنچه رسیده بود نگه داشته شد.' });
  const err = await screen.findByTestId('error-message');
  expect(err.textContent).toContain('همگام‌سازی لغو شد');
  await waitFor(() => expect(screen.queryByTestId('cancel-sync')).toBeNull());
});
