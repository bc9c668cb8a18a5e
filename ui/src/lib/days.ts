// Calendar days as 'YYYY-MM-DD' Gregorian strings (the wire form), with Jalali views of them.
import { toGregorian, toJalali, type JDate } from './jalali';

export type Ymd = string;
export type Calendar = 'jalali' | 'gregorian';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function ymd(y: number, m: number, d: number): Ymd {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

export function parseYmd(s: Ymd): { y: number; m: number; d: number } {
  const [y, m, d] = s.split('-').map(Number);
  return { y, m, d };
}

export function isYmd(s: unknown): s is Ymd {
  return typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s);
}

export function addDays(s: Ymd, n: number): Ymd {
  const { y, m, d } = parseYmd(s);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return ymd(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(s: Ymd): number {
  const { y, m, d } = parseYmd(s);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export function jalaliOf(s: Ymd): JDate {
  const { y, m, d } = parseYmd(s);
  return toJalali(y, m, d);
}

export function fromJalali(jy: number, jm: number, jd: number): Ymd {
  const g = toGregorian(jy, jm, jd);
  return ymd(g.gy, g.gm, g.gd);
}

/** 'YYYY/MM/DD' Jalali with ASCII digits. */
export function jalaliString(s: Ymd): string {
  const j = jalaliOf(s);
  return `${pad(j.jy, 4)}/${pad(j.jm)}/${pad(j.jd)}`;
}

/** Year and month of a day in the given calendar. */
export function monthOf(s: Ymd, cal: Calendar): { year: number; month: number; day: number } {
  if (cal === 'jalali') {
    const j = jalaliOf(s);
    return { year: j.jy, month: j.jm, day: j.jd };
  }
  const { y, m, d } = parseYmd(s);
  return { year: y, month: m, day: d };
}

/** First day of a calendar month, as a Gregorian Ymd. */
export function monthStart(cal: Calendar, year: number, month: number): Ymd {
  return cal === 'jalali' ? fromJalali(year, month, 1) : ymd(year, month, 1);
}

/** Today's calendar day in Tehran. */
export function tehranToday(now: Date = new Date()): Ymd {
  // Iran keeps UTC+03:30 all year (no daylight saving time since 2022), as the Rust side
  // assumes. Computed, not formatted: locale data for `Intl` differs between webviews.
  return new Date(now.getTime() + TEHRAN_OFFSET_MS).toISOString().slice(0, 10);
}

const TEHRAN_OFFSET_MS = (3 * 60 + 30) * 60 * 1000;

/** First day of the week: Saturday in the Jalali calendar, Monday in the Gregorian one. */
export function weekStart(s: Ymd, cal: Calendar): Ymd {
  const first = cal === 'jalali' ? 6 : 1;
  const back = (weekday(s) - first + 7) % 7;
  return addDays(s, -back);
}
