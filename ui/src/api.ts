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
export const PAYMENT_STATUSES: readonly PaymentStatus[] = ['unpaid', 'paid', 'refunded'];

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
  customerId: number | null;
  customerName: string;
  mobile: string | null;
  /** `09XX XXX XXXX`, as merchants read it. */
  mobileDisplay: string | null;
  province: string | null;
  city: string | null;
  shippingMethod: string | null;
  /** integer Rials */
  finalTotal: number;
  itemCount: number;
  /** ISO 8601 UTC instant */
  createdAt: string;
}

export type SortKey = 'date' | 'amount' | 'status';
export type SortDirection = 'desc' | 'asc';
export type ExportFormat = 'csv' | 'xlsx';

/** Every field optional; dates are 'YYYY-MM-DD' Tehran calendar days, amounts Rials (inclusive). */
export interface OrderQuery {
  search?: string | null;
  status?: OrderStatus | null;
  paymentStatus?: PaymentStatus | null;
  shippingMethod?: string | null;
  province?: string | null;
  city?: string | null;
  customerId?: number | null;
  minTotal?: number | null;
  maxTotal?: number | null;
  fromDate?: string | null;
  toDate?: string | null;
  sort?: SortKey | null;
  direction?: SortDirection | null;
  /** 1..500, default 100 */
  limit?: number | null;
  /** `nextAfter` of the previous page (opaque) */
  after?: string | null;
}

export interface OrderPage {
  orders: OrderSummary[];
  nextAfter: string | null;
}

export interface FilterOptions {
  provinces: { name: string; cities: string[] }[];
  shippingMethods: string[];
  /** 'YYYY-MM-DD' of the oldest / newest cached order */
  firstDate: string | null;
  lastDate: string | null;
}

export type ShippingItemStatus = 'pending' | 'shipped' | 'delivered' | 'returned';

export interface VariantAttribute {
  name: string;
  value: string;
}

export interface InvoiceItem {
  id: number;
  productVariantId: number;
  name: string;
  image: { url: string } | null;
  variantAttributes: VariantAttribute[];
  /** Rials */
  singleItemPrice: number;
  noOfItems: number;
  /** Rials */
  totalItemsPrice: number;
}

export interface ShippingItem {
  id: number;
  invoiceItemIds: number[];
  rate: { id: number; name: string; price: number; type: string };
  status: ShippingItemStatus;
  carrier: string | null;
  trackingCode: string | null;
}

/** All amounts in Rials. */
export interface Invoice {
  invoiceItems: InvoiceItem[];
  shippingItems: ShippingItem[];
  netTotal: number;
  shippingTotal: number;
  discountTotal: number;
  creditTotal: number;
  vat: number;
  vatPercent: number;
  finalTotal: number;
  discountUsages: { discountCode: { code: string } }[];
}

export interface ShippingAddress {
  firstName: string;
  lastName: string;
  mobilePhone: string | null;
  phoneNumber: string | null;
  email: string | null;
  /** Province */
  region: string | null;
  city: string | null;
  address: string | null;
  postalCode: string | null;
  description: string | null;
  latitude: number | null;
  longitude: number | null;
}

export interface StatusChange {
  status: OrderStatus;
  /** ISO 8601 UTC instant */
  at: string;
}

export interface Order {
  id: number;
  orderNumber: string;
  orderIdentifier: string;
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  customerId: number | null;
  invoice: Invoice;
  shippingAddress: ShippingAddress;
  note: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** Oldest first. */
  statusHistory: StatusChange[];
}

export interface CustomerSummary {
  id: number;
  fullName: string;
  mobile: string | null;
  mobileDisplay: string | null;
  email: string | null;
  city: string | null;
  orderCount: number;
  /** Rials */
  totalSpent: number;
  firstOrderAt: string | null;
  lastOrderAt: string | null;
  createdAt: string;
}

export interface OrderDetail {
  order: Order;
  customer: CustomerSummary | null;
  /** The shipping mobile as merchants read it, `09XX XXX XXXX`. */
  mobileDisplay: string | null;
}

/** Newest customers first. */
export interface CustomerQuery {
  search?: string | null;
  limit?: number | null;
  after?: string | null;
}

export interface CustomerPage {
  customers: CustomerSummary[];
  nextAfter: string | null;
}

export interface CustomerAddress {
  id: number;
  region: string;
  city: string;
  address: string;
  postalCode: string;
  phoneNumber: string | null;
}

export interface Customer {
  id: number;
  firstName: string;
  lastName: string;
  email: string | null;
  mobilePhone: string | null;
  nationalCode: string | null;
  addresses: CustomerAddress[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface CustomerDetail {
  customer: Customer;
  summary: CustomerSummary;
}

/** 'YYYY-MM-DD' inclusive */
export interface DashboardQuery {
  fromDate: string;
  toDate: string;
}

export interface Dashboard {
  orderCount: number;
  paidOrderCount: number;
  /** Rials, paid orders */
  revenue: number;
  averageOrderValue: number;
  /** Every day of the range, zeros included. */
  daily: { date: string; orders: number; revenue: number }[];
  byStatus: { status: OrderStatus; count: number }[];
  topProducts: { name: string; quantity: number; revenue: number }[];
  topCustomers: { customerId: number | null; name: string; orders: number; spent: number }[];
}

export interface ExportResult {
  path: string;
  rows: number;
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
  messageFa?: string;
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
  'order_not_found',
  'customer_not_found',
  'export_failed',
] as const;
export type KnownErrorCode = (typeof ERROR_CODES)[number];

/** Turn whatever a rejected invoke() carried into an AppError. */
export function toAppError(e: unknown): AppError {
  if (e && typeof e === 'object' && typeof (e as AppError).code === 'string') {
    const o = e as AppError;
    return {
      code: o.code,
      message: typeof o.message === 'string' ? o.message : '',
      messageFa: typeof o.messageFa === 'string' ? o.messageFa : undefined,
      details: o.details,
    };
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
  signOut: () => call<AppStatus>('sign_out'),
  listOrders: (query: OrderQuery) => call<OrderPage>('list_orders', { query }),
  countOrders: (query: OrderQuery) => call<number>('count_orders', { query }),
  orderFilterOptions: () => call<FilterOptions>('order_filter_options'),
  orderDetail: (id: number) => call<OrderDetail>('order_detail', { id }),
  listCustomers: (query: CustomerQuery) => call<CustomerPage>('list_customers', { query }),
  countCustomers: (query: CustomerQuery) => call<number>('count_customers', { query }),
  customerDetail: (id: number) => call<CustomerDetail>('customer_detail', { id }),
  dashboard: (query: DashboardQuery) => call<Dashboard>('dashboard', { query }),
  /** Rust shows the save dialog; null = the merchant cancelled it. `lang` sets the file's
   * headers, status names and calendar (fa: Jalali, en: Gregorian). */
  exportOrders: (query: OrderQuery, format: ExportFormat, lang: 'fa' | 'en') =>
    call<ExportResult | null>('export_orders', { query, format, lang }),
  exportCustomers: (query: CustomerQuery, format: ExportFormat, lang: 'fa' | 'en') =>
    call<ExportResult | null>('export_customers', { query, format, lang }),
};

export const events = {
  onSyncProgress: (cb: (p: SyncProgress) => void): Promise<UnlistenFn> =>
    listen<SyncProgress>('sync-progress', (e) => cb(e.payload)),
  onStatusChanged: (cb: () => void): Promise<UnlistenFn> => listen('status-changed', () => cb()),
};

export type { UnlistenFn };
