// Display formatting of numbers, money and dates under the merchant's preferences.
import { dicts } from '../i18n';
import { jalaliOf, parseYmd, type Ymd } from './days';
import type { Prefs } from './prefs';

const TZ = 'Asia/Tehran';

/** ASCII digits → Persian digits (۰-۹). */
export function toPersianDigits(s: string): string {
  return s.replace(/[0-9]/g, (c) => String.fromCharCode(0x06f0 + Number(c)));
}

/** Persian (۰-۹) and Arabic-Indic (٠-٩) digits → ASCII; other text kept. */
export function toLatinDigits(s: string): string {
  return s
    .replace(/[\u06f0-\u06f9]/g, (c) => String(c.charCodeAt(0) - 0x06f0))
    .replace(/[\u0660-\u0669]/g, (c) => String(c.charCodeAt(0) - 0x0660));
}

/**
 * What the merchant typed in an amount box → integer Rials, or null when empty/invalid.
 * Accepts Persian digits and thousands separators (, ٬ ، space).
 */
export function parseAmount(text: string, currency: Prefs['currency']): number | null {
  const clean = toLatinDigits(text).replace(/[,\u066c\u060c\s_]/g, '');
  if (!/^\d+$/.test(clean)) return null;
  const n = Number(clean);
  if (!Number.isSafeInteger(n)) return null;
  return currency === 'toman' ? n * 10 : n;
}

export interface Fmt {
  num(n: number, opts?: Intl.NumberFormatOptions): string;
  /** Integer Rials → "1,250,000 Toman" or "12,500,000 Rial". */
  money(rials: number): string;
  /** Number part only, in the chosen currency. */
  moneyNumber(rials: number): string;
  currencyName: string;
  /** Codes and order numbers: ASCII digits swapped for Persian ones when chosen. */
  digits(s: string): string;
  date(iso: string): string;
  time(iso: string): string;
  dateTime(iso: string): string;
  /** "5 minutes ago" for the last 30 days (`now` in ms, default the clock); null when older,
   * unreadable or in the future by more than a minute. Always show an absolute time too. */
  ago(iso: string, now?: number): string | null;
  /** A calendar day 'YYYY-MM-DD': Jalali in Persian, Gregorian in English. */
  day(d: Ymd): string;
  /** A compact calendar day: 1403/12/30 or Mar 20, 2025. */
  dayShort(d: Ymd): string;
}

export function makeFmt(p: Prefs): Fmt {
  const t = dicts[p.lang];
  const nu = p.digits === 'fa' ? 'arabext' : 'latn';
  const numLocale = p.lang === 'fa' ? 'fa-IR' : 'en-US';
  const dateLocale = p.lang === 'fa' ? 'fa-IR-u-ca-persian' : 'en-US';
  const numCache = new Map<string, Intl.NumberFormat>();
  const num = (n: number, opts?: Intl.NumberFormatOptions) => {
    const key = opts ? JSON.stringify(opts) : '';
    let f = numCache.get(key);
    if (!f) {
      f = new Intl.NumberFormat(numLocale, { numberingSystem: nu, ...opts });
      numCache.set(key, f);
    }
    return f.format(n);
  };
  const digits = (s: string) => (p.digits === 'fa' ? toPersianDigits(s) : toLatinDigits(s));
  const dtf = (opts: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(dateLocale, { timeZone: TZ, numberingSystem: nu, ...opts });
  const dateF = dtf({ year: 'numeric', month: 'long', day: 'numeric' });
  const timeF = dtf({ hour: '2-digit', minute: '2-digit', hour12: false });
  const dateTimeF = dtf({ year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
  const safe = (f: Intl.DateTimeFormat, iso: string) => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : f.format(d);
  };
  const moneyNumber = (rials: number) =>
    num(p.currency === 'toman' ? Math.round(rials / 10) : rials, { maximumFractionDigits: 0 });
  const currencyName = p.currency === 'toman' ? t.toman : t.rial;
  const enDay = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' });
  return {
    num,
    money: (rials) => `${moneyNumber(rials)} ${currencyName}`,
    moneyNumber,
    currencyName,
    digits,
    date: (iso) => safe(dateF, iso),
    time: (iso) => safe(timeF, iso),
    dateTime: (iso) => safe(dateTimeF, iso),
    ago: (iso, now = Date.now()) => {
      const at = new Date(iso).getTime();
      if (Number.isNaN(at)) return null;
      const minutes = Math.floor((now - at) / 60_000);
      if (minutes < -1) return null;
      if (minutes < 1) return t.justNow;
      if (minutes < 60) return t.minutesAgo(num(minutes));
      const hours = Math.floor(minutes / 60);
      if (hours < 24) return t.hoursAgo(num(hours));
      const days = Math.floor(hours / 24);
      return days <= 30 ? t.daysAgo(num(days)) : null;
    },
    day: (d) => {
      if (p.lang === 'fa') {
        const j = jalaliOf(d);
        return digits(`${j.jd} ${t.jalaliMonths[j.jm - 1]} ${j.jy}`);
      }
      const { y, m, d: dd } = parseYmd(d);
      return digits(enDay.format(new Date(Date.UTC(y, m - 1, dd))));
    },
    dayShort: (d) => {
      if (p.lang === 'fa') {
        const j = jalaliOf(d);
        return digits(`${j.jy}/${String(j.jm).padStart(2, '0')}/${String(j.jd).padStart(2, '0')}`);
      }
      const { y, m, d: dd } = parseYmd(d);
      return digits(enDay.format(new Date(Date.UTC(y, m - 1, dd))));
    },
  };
}
