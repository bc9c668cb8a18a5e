// The merchant's display preferences (digits and currency), kept in localStorage.
import type { Lang } from '../i18n';

export type Digits = 'fa' | 'latin';
export type Currency = 'toman' | 'rial';

export interface Prefs {
  lang: Lang;
  digits: Digits;
  currency: Currency;
}

const DIGITS_KEY = 'pishkhan.digits';
const CURRENCY_KEY = 'pishkhan.currency';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* storage unavailable: the choice lasts for this run */
  }
}

/** The stored digits choice, or null to follow the language (Persian digits in Persian). */
export function loadDigits(): Digits | null {
  const v = read(DIGITS_KEY);
  return v === 'fa' || v === 'latin' ? v : null;
}

export function saveDigits(d: Digits): void {
  write(DIGITS_KEY, d);
}

export function loadCurrency(): Currency {
  return read(CURRENCY_KEY) === 'rial' ? 'rial' : 'toman';
}

export function saveCurrency(c: Currency): void {
  write(CURRENCY_KEY, c);
}

export function defaultDigits(lang: Lang): Digits {
  return lang === 'fa' ? 'fa' : 'latin';
}
