// DEV/TEST ONLY — a plain in-memory imitation of the Rust side's offline edits: the workflow's
// status rule (a copy of pishkhan_api::workflow, for the mock only — the real rule lives in
// Rust), an outbox with a conflict waiting, refused edits, sync_status and preferences.
import type {
  Order,
  OrderChange,
  OrderDetail,
  OrderStatus,
  OutboxEntry,
  Preferences,
  PublicError,
  RejectedEdit,
  SyncReport,
  SyncStatus,
} from '../api';
import type { MockStore } from './mockData';

const NEXT: Record<OrderStatus, OrderStatus[]> = {
  pending_payment: ['processing', 'cancelled'],
  processing: ['shipped', 'cancelled'],
  shipped: ['delivered', 'refunded'],
  delivered: ['refunded'],
  cancelled: [],
  refunded: [],
};
const FA: Record<OrderStatus, string> = {
  pending_payment: 'در انتظار پرداخت',
  processing: 'در حال پردازش',
  shipped: 'ارسال‌شده',
  delivered: 'تحویل‌شده',
  cancelled: 'لغوشده',
  refunded: 'مرجوع‌شده',
};

const refused = (message: string, messageFa: string) => ({ code: 'edit_refused', message, messageFa });

function setStatus(o: Order, to: OrderStatus, at: string) {
  if (o.status === to) return;
  if (!NEXT[o.status].includes(to)) {
    const allowed = NEXT[o.status];
    throw refused(
      allowed.length
        ? `An order that is ${o.status} cannot become ${to}; it can become ${allowed.join(' or ')}.`
        : `An order that is ${o.status} cannot change status any more.`,
      allowed.length
        ? `سفارشِ «${FA[o.status]}» نمی‌تواند «${FA[to]}» شود؛ فقط می‌تواند ${allowed.map((s) => `«${FA[s]}»`).join(' یا ')} شود.`
        : `وضعیت سفارشِ «${FA[o.status]}» دیگر تغییر نمی‌کند.`,
    );
  }
  o.status = to;
  o.statusHistory = [...o.statusHistory, { status: to, at }];
}

/** The mock's copy of `workflow::apply`: a changed copy, or a refusal thrown. */
export function applyChange(order: Order, change: OrderChange, at: string): Order {
  const o: Order = structuredClone(order);
  switch (change.kind) {
    case 'set_status':
      setStatus(o, change.status, at);
      break;
    case 'cancel':
      setStatus(o, 'cancelled', at);
      break;
    case 'add_note': {
      const text = change.text.trim();
      if (!text) throw refused('The note is empty; write something first.', 'یادداشت خالی است؛ ابتدا چیزی بنویسید.');
      o.internalNotes = [...o.internalNotes, { text, at }];
      break;
    }
    case 'ship': {
      if (!change.carrier.trim()) throw refused('Enter the carrier (e.g. Post, Tipax).', 'نام شرکت حمل را وارد کنید (مثلاً پست، تیپاکس).');
      if (!change.trackingCode.trim()) throw refused("Enter the parcel's tracking code.", 'کد رهگیری مرسوله را وارد کنید.');
      if (o.status !== 'processing' && o.status !== 'shipped')
        throw refused(
          `An order that is ${o.status} cannot be shipped; only processing or shipped orders can.`,
          `سفارشِ «${FA[o.status]}» را نمی‌توان ارسال کرد؛ فقط سفارش‌های در حال پردازش یا ارسال‌شده.`,
        );
      const targets = o.invoice.shippingItems.filter((s) =>
        change.shippingItemId === null ? s.status === 'pending' : s.id === change.shippingItemId,
      );
      if (targets.length === 0) throw refused('Every parcel of this order has already shipped.', 'همهٔ مرسوله‌های این سفارش پیش‌تر ارسال شده‌اند.');
      for (const s of targets) {
        s.status = 'shipped';
        s.carrier = change.carrier.trim();
        s.trackingCode = change.trackingCode.trim();
      }
      if (o.status === 'processing') setStatus(o, 'shipped', at);
      break;
    }
  }
  o.updatedAt = at;
  return o;
}

export interface MockEditsOptions {
  /** The platform cannot be reached: syncs fail with platform_unreachable. */
  offline?: boolean;
  /** Start with a conflict and a refused edit to look at. */
  seed?: boolean;
}

export function mockEdits(
  store: MockStore,
  detailOf: (id: number) => OrderDetail,
  touch: (id: number) => void,
  opts: MockEditsOptions = {},
) {
  let online = !opts.offline;
  let seq = 0;
  const outbox: OutboxEntry[] = [];
  const rejected: RejectedEdit[] = [];
  /** The platform's copy of orders with waiting edits. */
  const bases = new Map<number, Order>();
  let prefs: Preferences = { syncIntervalMinutes: 15, notifyNewOrders: true, shareDiagnostics: false };
  let lastError: PublicError | null = null;
  let lastAttemptAt: string | null = null;
  let lastSyncAt: string | null = new Date(Date.now() - 12 * 60_000).toISOString();
  const index = (id: number) => store.orders.findIndex((o) => o.id === id);
  const mid = () => `m-${Date.now().toString(36)}-${++seq}`;
  // One processing order whose cached copy is out of date: its menu still offers "delivered",
  // which the workflow refuses (what a merchant sees when the cache lags behind).
  const stale = store.orders.find((o) => o.status === 'processing')?.id ?? null;

  const entry = (o: Order, change: OrderChange, state: OutboxEntry['state'] = 'pending'): OutboxEntry => ({
    seq: ++seq,
    mutationId: mid(),
    orderId: o.id,
    orderNumber: o.orderNumber,
    baseVersion: o.version,
    change,
    createdAt: new Date().toISOString(),
    state,
    attempts: 0,
    lastError: null,
    conflictFields: state === 'conflict' ? ['status'] : [],
  });

  if (opts.seed !== false) {
    const shipped = store.orders.filter((o) => o.status === 'shipped');
    if (shipped[0]) {
      bases.set(shipped[0].id, structuredClone(shipped[0]));
      outbox.push(entry(shipped[0], { kind: 'set_status', status: 'delivered' }, 'conflict'));
    }
    const done = store.orders.find((o) => o.status === 'delivered');
    if (done)
      rejected.push({
        mutationId: mid(),
        orderId: done.id,
        orderNumber: done.orderNumber,
        change: { kind: 'cancel' },
        code: 'transition_not_allowed',
        message: 'An order that is delivered cannot become cancelled; it can become refunded.',
        messageFa: 'سفارشِ «تحویل‌شده» نمی‌تواند «لغوشده» شود؛ فقط می‌تواند «مرجوع‌شده» شود.',
        at: new Date(Date.now() - 3 * 3600_000).toISOString(),
      });
  }

  const detail = (id: number): OrderDetail => {
    const d = detailOf(id);
    const next = [...NEXT[d.order.status]];
    if (id === stale && d.order.status === 'processing') next.splice(1, 0, 'delivered');
    return { ...d, nextStatuses: next, waitingEdits: outbox.filter((e) => e.orderId === id) };
  };

  const edit = (id: number, change: OrderChange): OrderDetail => {
    const i = index(id);
    if (i < 0) throw { code: 'order_not_found', message: `order ${id}`, messageFa: 'سفارش پیدا نشد' };
    const before = store.orders[i];
    const after = applyChange(before, change, new Date().toISOString());
    if (!bases.has(id)) bases.set(id, structuredClone(before));
    store.orders[i] = after;
    touch(id);
    outbox.push(entry(before, change));
    return detail(id);
  };

  const counts = () => ({
    pendingEdits: outbox.filter((e) => e.state === 'pending').length,
    conflicts: outbox.filter((e) => e.state === 'conflict').length,
  });

  const forget = (e: OutboxEntry) => outbox.splice(outbox.indexOf(e), 1);
  const byMutation = (mutationId: string) => {
    const e = outbox.find((x) => x.mutationId === mutationId && x.state === 'conflict');
    if (!e)
      throw {
        code: 'invalid_input',
        message: 'That edit is not waiting for a decision any more; refresh the list',
        messageFa: 'این ویرایش دیگر منتظر تصمیم نیست؛ فهرست را تازه کنید',
      };
    return e;
  };

  return {
    detail,
    setOrderStatus: (id: number, status: OrderStatus) => edit(id, { kind: 'set_status', status }),
    shipOrder: (id: number, shippingItemId: number | null, carrier: string, trackingCode: string) =>
      edit(id, { kind: 'ship', shippingItemId, carrier, trackingCode }),
    addOrderNote: (id: number, text: string) => edit(id, { kind: 'add_note', text }),
    cancelOrder: (id: number) => edit(id, { kind: 'cancel' }),
    outbox: () => [...outbox],
    rejectedEdits: () => [...rejected],
    keepMyEdit(mutationId: string) {
      const e = byMutation(mutationId);
      Object.assign(e, { state: 'pending', mutationId: mid(), conflictFields: [], attempts: 0, lastError: null });
    },
    takePlatformVersion(mutationId: string) {
      const e = byMutation(mutationId);
      forget(e);
      const base = bases.get(e.orderId);
      if (base && !outbox.some((x) => x.orderId === e.orderId)) {
        store.orders[index(e.orderId)] = base;
        bases.delete(e.orderId);
        touch(e.orderId);
      }
    },
    syncStatus: (): SyncStatus => ({ lastSyncAt, ...counts(), lastError, lastAttemptAt, syncing: false }),
    preferences: () => prefs,
    setPreferences(p: Preferences) {
      prefs = { ...p };
    },
    setOnline(v: boolean) {
      online = v;
    },
    /** Pushes what waits; throws like the Rust side when the platform cannot be reached. */
    sync(report: Omit<SyncReport, 'pushed' | 'conflicts' | 'rejected'>): SyncReport {
      lastAttemptAt = new Date().toISOString();
      if (!online) {
        for (const e of outbox) if (e.state === 'pending') Object.assign(e, { attempts: e.attempts + 1, lastError: 'the platform cannot be reached' });
        lastError = {
          code: 'platform_unreachable',
          message: 'The store platform cannot be reached. Check the internet connection.',
          messageFa: 'سکوی فروشگاه در دسترس نیست. اتصال اینترنت را بررسی کنید.',
        };
        throw lastError;
      }
      let pushed = 0;
      for (const e of outbox.filter((x) => x.state === 'pending')) {
        forget(e);
        pushed++;
        if (!outbox.some((x) => x.orderId === e.orderId)) bases.delete(e.orderId);
      }
      lastError = null;
      lastSyncAt = lastAttemptAt;
      return { ...report, pushed, conflicts: counts().conflicts, rejected: 0 };
    },
    /** What sign_out refuses while edits wait. */
    checkSignOut(discardEdits: boolean) {
      const n = outbox.length;
      if (n > 0 && !discardEdits)
        throw {
          code: 'edits_waiting',
          message: `${n} of your edits have not reached the platform yet. Sync first, or sign out anyway to discard them.`,
          messageFa: `${n} ویرایش شما هنوز به سکو نرسیده است. ابتدا همگام‌سازی کنید، یا با کنار گذاشتن آن‌ها خارج شوید.`,
        };
      if (discardEdits) {
        for (const [id, base] of bases) {
          store.orders[index(id)] = base;
          touch(id);
        }
        bases.clear();
        outbox.length = 0;
      }
    },
  };
}
