// The one place that talks to the Rust side. Nothing else imports @tauri-apps/api.
// Types mirror the Rust command inputs/outputs (camelCase, as serde renames them).
import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';

export type OrderStatus =
  | 'pending_payment'
  | 'processing'
  | 'shipped'
  | 'delivered'
  | 'cancelled'
  | 'refunded';

export const ORDER_STATUSES: readonly OrderStatus[] = [
  'pending_payment',
  'processing',
  'shipped',
  'delivered',
  'cancelled',
  'refunded',
];

export type PaymentStatus = 'unpaid' | 'paid' | 'refunded';

export interface AppStatus {
  signedIn: boolean;
  demo: boolean;
  demoStarting: boolean;
  platformUrl: string | null;
  merchantName: string | null;
  storeName: string | null;
  /** ISO 8601 UTC instant */
  lastSyncAt: string | null;
  orderCount: number;
  customerCount: number;
}

export interface OrderSummary {
  id: number;
  orderNumber: string;
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  customerName: string;
  mobile: string | null;
  /** `09XX XXX XXXX`, as merchants read it. */
  mobileDisplay: string | null;
  province: string | null;
  city: string | null;
  /** integer Rials */
  finalTotal: number;
  itemCount: number;
  /** ISO 8601 UTC instant */
  createdAt: string;
}

export interface OrderQuery {
  status?: OrderStatus | null;
  search?: string | null;
  limit?: number | null;
  after?: string | null;
}

export interface OrderPage {
  orders: OrderSummary[];
  nextAfter: string | null;
  total: number;
}

export interface SyncReport {
  ordersUpserted: number;
  ordersDeleted: number;
  customersUpserted: number;
  customersDeleted: number;
  pages: number;
  durationMs: number;
}

export interface SyncProgress {
  pages: number;
  rows: number;
  totalEstimate: number | null;
  done: boolean;
}

export interface SignInRequest {
  platformUrl: string;
  email: string;
  password: string;
}

export interface AppError {
  code: string;
  message: string;
  details?: unknown;
}

export const ERROR_CODES = [
  'platform_unreachable',
  'wrong_credentials',
  'not_signed_in',
  'invalid_input',
  'platform_error',
  'sync_in_progress',
  'storage',
  'demo_failed',
] as const;
export type KnownErrorCode = (typeof ERROR_CODES)[number];

/** Turn whatever a rejected invoke() carried into an AppError. */
export function toAppError(e: unknown): AppError {
  if (e && typeof e === 'object' && typeof (e as AppError).code === 'string') {
    const o = e as AppError;
    return { code: o.code, message: typeof o.message === 'string' ? o.message : '', details: o.details };
  }
  if (typeof e === 'string') return { code: 'unknown', message: e };
  if (e instanceof Error) return { code: 'unknown', message: e.message };
  return { code: 'unknown', message: String(e) };
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toAppError(e);
  }
}

export const api = {
  appStatus: () => call<AppStatus>('app_status'),
  signIn: (request: SignInRequest) => call<AppStatus>('sign_in', { request }),
  startDemo: () => call<AppStatus>('start_demo'),
  syncNow: () => call<SyncReport>('sync_now'),
  listOrders: (query: OrderQuery) => call<OrderPage>('list_orders', { query }),
  signOut: () => call<AppStatus>('sign_out'),
};

export const events = {
  onSyncProgress: (cb: (p: SyncProgress) => void): Promise<UnlistenFn> =>
    listen<SyncProgress>('sync-progress', (e) => cb(e.payload)),
  onStatusChanged: (cb: () => void): Promise<UnlistenFn> => listen('status-changed', () => cb()),
};

export type { UnlistenFn };
