// A small typed dictionary: Persian is the source of truth, English must have every key.
import type { AppError, KnownErrorCode, OrderStatus, PaymentStatus } from './api';

export type Lang = 'fa' | 'en';
const LANG_KEY = 'pishkhan.lang';

const fa = {
  appName: 'پیشخوان',
  tagline: 'سفارش‌ها و مشتریان فروشگاه آنلاین شما، همیشه در دسترس؛ حتی بدون اینترنت.',
  features: [
    'همگام‌سازی سریع و امن با پلتفرم فروشگاه',
    'جست‌وجوی فوری در سفارش‌ها، حتی آفلاین',
    'مبالغ به تومان و تاریخ‌ها به تقویم شمسی',
  ],
  signInTitle: 'ورود به حساب فروشنده',
  platformUrl: 'نشانی پلتفرم',
  email: 'ایمیل',
  password: 'رمز عبور',
  signIn: 'ورود',
  signingIn: 'در حال ورود…',
  or: 'یا',
  tryDemo: 'ورود به فروشگاه نمونه',
  tryDemoHint: 'بدون ثبت‌نام، با داده‌های ساختگی امتحان کنید.',
  preparingDemo: 'در حال آماده‌سازی فروشگاه نمونه…',
  preparingDemoHint: 'فروشگاه نمونه راه‌اندازی می‌شود و سفارش‌ها همگام‌سازی می‌شوند. چند لحظه صبر کنید.',
  loading: 'در حال بارگذاری…',
  sync: 'همگام‌سازی',
  syncing: 'در حال همگام‌سازی…',
  signOut: 'خروج',
  lastSync: 'آخرین همگام‌سازی',
  never: 'هنوز انجام نشده',
  demoBadge: 'نمونه',
  orders: 'سفارش‌ها',
  customers: 'مشتریان',
  cachedOrders: 'سفارش ذخیره‌شده',
  cachedCustomers: 'مشتری ذخیره‌شده',
  platform: 'پلتفرم فروشگاه',
  searchPlaceholder: 'جست‌وجوی سفارش، مشتری، موبایل یا شهر',
  allStatuses: 'همه وضعیت‌ها',
  statusFilter: 'وضعیت',
  countAll: (n: string) => `${n} سفارش`,
  countFiltered: (n: string, total: string) => `${n} سفارش از ${total}`,
  colNumber: 'شماره سفارش',
  colCustomer: 'مشتری',
  colCity: 'شهر (استان)',
  colStatus: 'وضعیت',
  colAmount: 'مبلغ',
  colDate: 'تاریخ',
  items: (n: string) => `${n} قلم`,
  more: 'نمایش سفارش‌های بیشتر',
  loadingMore: 'در حال بارگذاری…',
  emptyTitle: 'هنوز سفارشی ذخیره نشده است',
  emptyHint: 'دکمهٔ «همگام‌سازی» را بزنید تا سفارش‌ها از پلتفرم دریافت شوند.',
  noMatchTitle: 'سفارشی با این مشخصات پیدا نشد',
  noMatchHint: 'عبارت جست‌وجو یا فیلتر وضعیت را تغییر دهید.',
  syncDone: (n: string, s: string) => `همگام‌سازی انجام شد: ${n} سفارش به‌روز شد (${s} ثانیه).`,
  progressRows: (rows: string, pages: string) => `${rows} ردیف، ${pages} صفحه`,
  progressOf: (rows: string, total: string) => `${rows} از ${total}`,
  toman: 'تومان',
  switchLang: 'English',
  dismiss: 'بستن',
  status: {
    pending_payment: 'در انتظار پرداخت',
    processing: 'در حال پردازش',
    shipped: 'ارسال‌شده',
    delivered: 'تحویل‌شده',
    cancelled: 'لغوشده',
    refunded: 'مرجوع‌شده',
  } satisfies Record<OrderStatus, string>,
  payment: {
    unpaid: 'پرداخت‌نشده',
    paid: 'پرداخت‌شده',
    refunded: 'بازپرداخت‌شده',
  } satisfies Record<PaymentStatus, string>,
  errors: {
    platform_unreachable:
      'پلتفرم فروشگاه در دسترس نیست. اتصال اینترنت و نشانی پلتفرم را بررسی کنید و دوباره تلاش کنید.',
    wrong_credentials: 'ایمیل یا رمز عبور درست نیست. آن‌ها را بررسی کنید و دوباره وارد شوید.',
    not_signed_in: 'وارد حساب نشده‌اید یا نشست شما به پایان رسیده است. لطفاً دوباره وارد شوید.',
    invalid_input: 'بخشی از اطلاعات واردشده معتبر نیست. فیلدها را بررسی و اصلاح کنید.',
    platform_error:
      'پلتفرم فروشگاه با خطا پاسخ داد. چند دقیقهٔ دیگر دوباره تلاش کنید؛ اگر تکرار شد با پشتیبانی پلتفرم تماس بگیرید.',
    sync_in_progress: 'یک همگام‌سازی دیگر در جریان است. صبر کنید تا تمام شود و سپس دوباره تلاش کنید.',
    storage:
      'خواندن یا نوشتن دادهٔ ذخیره‌شده روی این رایانه ناموفق بود. فضای خالی دیسک را بررسی و برنامه را دوباره باز کنید.',
    demo_failed: 'راه‌اندازی فروشگاه نمونه ناموفق بود. برنامه را ببندید، دوباره باز کنید و دوباره امتحان کنید.',
  } satisfies Record<KnownErrorCode, string>,
  unknownError: 'خطای غیرمنتظره‌ای رخ داد. دوباره تلاش کنید.',
};

export type Dict = typeof fa;

const en: Dict = {
  appName: 'Pishkhan',
  tagline: "Your online store's orders and customers, always at hand — even offline.",
  features: [
    'Fast, safe sync with your store platform',
    'Instant search across orders, even offline',
    'Amounts in Toman, dates in your calendar',
  ],
  signInTitle: 'Merchant sign-in',
  platformUrl: 'Platform address',
  email: 'Email',
  password: 'Password',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  or: 'or',
  tryDemo: 'Try the demo store',
  tryDemoHint: 'No account needed — explore with sample data.',
  preparingDemo: 'Preparing the demo store…',
  preparingDemoHint: 'Starting the demo store and syncing its orders. This takes a few seconds.',
  loading: 'Loading…',
  sync: 'Sync',
  syncing: 'Syncing…',
  signOut: 'Sign out',
  lastSync: 'Last synced',
  never: 'never',
  demoBadge: 'Demo',
  orders: 'Orders',
  customers: 'Customers',
  cachedOrders: 'orders cached',
  cachedCustomers: 'customers cached',
  platform: 'Store platform',
  searchPlaceholder: 'Search orders, customers, mobile, city',
  allStatuses: 'All statuses',
  statusFilter: 'Status',
  countAll: (n) => `${n} orders`,
  countFiltered: (n, total) => `${n} of ${total} orders`,
  colNumber: 'Order',
  colCustomer: 'Customer',
  colCity: 'City (province)',
  colStatus: 'Status',
  colAmount: 'Amount',
  colDate: 'Date',
  items: (n) => `${n} item(s)`,
  more: 'Show more orders',
  loadingMore: 'Loading…',
  emptyTitle: 'No orders cached yet',
  emptyHint: 'Press “Sync” to fetch your orders from the platform.',
  noMatchTitle: 'No orders match',
  noMatchHint: 'Change the search text or the status filter.',
  syncDone: (n, s) => `Sync finished: ${n} orders updated (${s} s).`,
  progressRows: (rows, pages) => `${rows} rows, ${pages} pages`,
  progressOf: (rows, total) => `${rows} of ${total}`,
  toman: 'Toman',
  switchLang: 'فارسی',
  dismiss: 'Dismiss',
  status: {
    pending_payment: 'Awaiting payment',
    processing: 'Processing',
    shipped: 'Shipped',
    delivered: 'Delivered',
    cancelled: 'Cancelled',
    refunded: 'Refunded',
  },
  payment: {
    unpaid: 'Unpaid',
    paid: 'Paid',
    refunded: 'Refunded',
  },
  errors: {
    platform_unreachable:
      "Couldn't reach the store platform. Check your internet connection and the platform address, then try again.",
    wrong_credentials: 'The email or password is incorrect. Check them and sign in again.',
    not_signed_in: "You're not signed in, or your session has expired. Please sign in again.",
    invalid_input: 'Some of the information entered is not valid. Check the fields and correct them.',
    platform_error:
      'The store platform answered with an error. Try again in a few minutes; if it keeps happening, contact the platform’s support.',
    sync_in_progress: 'A sync is already running. Wait for it to finish, then try again.',
    storage:
      "Couldn't read or write the data stored on this computer. Check free disk space and reopen the app.",
    demo_failed: "The demo store couldn't start. Close and reopen the app, then try again.",
  },
  unknownError: 'Something unexpected went wrong. Please try again.',
};

export const dicts: Record<Lang, Dict> = { fa, en };

export function loadLang(): Lang {
  try {
    const v = localStorage.getItem(LANG_KEY);
    if (v === 'fa' || v === 'en') return v;
  } catch {
    /* storage unavailable: use the default */
  }
  return 'fa';
}

export function saveLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    /* ignore */
  }
}

export function applyLang(lang: Lang): void {
  const root = document.documentElement;
  root.lang = lang;
  root.dir = lang === 'fa' ? 'rtl' : 'ltr';
  document.title = dicts[lang].appName;
}

/** Translate an AppError: known codes get a "what happened / what to do" sentence. */
export function errorText(t: Dict, err: AppError): string {
  const known = (t.errors as Record<string, string>)[err.code];
  if (known) return known;
  return err.message ? `${t.unknownError} (${err.message})` : t.unknownError;
}

const numberLocale = (lang: Lang) => (lang === 'fa' ? 'fa-IR' : 'en-US');

export function formatNumber(lang: Lang, n: number, opts?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(numberLocale(lang), opts).format(n);
}

/** Amount in integer Rials → display string in Toman, with thousands separators. */
export function formatToman(lang: Lang, rials: number): string {
  const toman = Math.round(rials / 10);
  return `${formatNumber(lang, toman, { maximumFractionDigits: 0 })} ${dicts[lang].toman}`;
}

const dateLocale = (lang: Lang) => (lang === 'fa' ? 'fa-IR-u-ca-persian' : 'en-US');

export function formatDate(lang: Lang, iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(dateLocale(lang), {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).format(d);
}

export function formatTime(lang: Lang, iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat(dateLocale(lang), { hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
}

export function formatDateTime(lang: Lang, iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(dateLocale(lang), {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d);
}

/** Order numbers and similar codes: Persian digits in Persian mode, text kept as is. */
export function localDigits(lang: Lang, s: string): string {
  if (lang !== 'fa') return s;
  return s.replace(/[0-9]/g, (c) => String.fromCharCode(0x06f0 + Number(c)));
}
