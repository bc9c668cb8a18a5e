// The orders list's filters, search and sort: their shape, persistence and mapping to a query.
import { ORDER_STATUSES, PAYMENT_STATUSES, type OrderQuery, type OrderStatus, type PaymentStatus, type SortDirection, type SortKey } from '../api';
import { isYmd } from './days';
import { parseAmount } from './format';
import type { Currency } from './prefs';

export interface OrderFilters {
  search: string;
  status: OrderStatus | '';
  paymentStatus: PaymentStatus | '';
  shippingMethod: string;
  province: string;
  city: string;
  /** As typed, in the merchant's currency (Persian digits allowed). */
  amountMin: string;
  amountMax: string;
  fromDate: string | null;
  toDate: string | null;
  sort: SortKey;
  direction: SortDirection;
}

export const EMPTY_FILTERS: OrderFilters = {
  search: '',
  status: '',
  paymentStatus: '',
  shippingMethod: '',
  province: '',
  city: '',
  amountMin: '',
  amountMax: '',
  fromDate: null,
  toDate: null,
  sort: 'date',
  direction: 'desc',
};

const KEY = 'pishkhan.orders.filters';

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** What was saved last time, cleaned of anything a newer or older version left behind. */
export function loadFilters(): OrderFilters {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return EMPTY_FILTERS;
    const o = JSON.parse(raw) as Record<string, unknown>;
    return {
      search: str(o.search),
      status: ORDER_STATUSES.includes(o.status as OrderStatus) ? (o.status as OrderStatus) : '',
      paymentStatus: PAYMENT_STATUSES.includes(o.paymentStatus as PaymentStatus) ? (o.paymentStatus as PaymentStatus) : '',
      shippingMethod: str(o.shippingMethod),
      province: str(o.province),
      city: str(o.city),
      amountMin: str(o.amountMin),
      amountMax: str(o.amountMax),
      fromDate: isYmd(o.fromDate) ? o.fromDate : null,
      toDate: isYmd(o.toDate) ? o.toDate : null,
      sort: o.sort === 'amount' || o.sort === 'status' ? o.sort : 'date',
      direction: o.direction === 'asc' ? 'asc' : 'desc',
    };
  } catch {
    return EMPTY_FILTERS;
  }
}

export function saveFilters(f: OrderFilters): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(f));
  } catch {
    /* storage unavailable */
  }
}

/** Any filter or search that narrows the list (sort does not). */
export function isFiltered(f: OrderFilters): boolean {
  return Boolean(
    f.search.trim() ||
      f.status ||
      f.paymentStatus ||
      f.shippingMethod ||
      f.province ||
      f.city ||
      f.amountMin.trim() ||
      f.amountMax.trim() ||
      f.fromDate ||
      f.toDate,
  );
}

/** The query for list/count/export: amounts converted to Rials, empty fields left out as null. */
export function toQuery(f: OrderFilters, currency: Currency): OrderQuery {
  return {
    search: f.search.trim() || null,
    status: f.status || null,
    paymentStatus: f.paymentStatus || null,
    shippingMethod: f.shippingMethod || null,
    province: f.province || null,
    city: f.city || null,
    minTotal: parseAmount(f.amountMin, currency),
    maxTotal: parseAmount(f.amountMax, currency),
    fromDate: f.fromDate,
    toDate: f.toDate,
    sort: f.sort,
    direction: f.direction,
  };
}
