// The merchant's display preferences (digits, currency and theme), kept in localStorage.
import { useSyncExternalStore } from 'react';
import type { Lang } from '../i18n';

export type Digits = 'fa' | 'latin';
export type Currency = 'toman' | 'rial';
/** Light, dark, or whatever the operating system uses (the default). */
export type Theme = 'system' | 'light' | 'dark';

export interface Prefs {
  lang: Lang;
  digits: Digits;
  currency: Currency;
}

const DIGITS_KEY = 'pishkhan.digits';
const CURRENCY_KEY = 'pishkhan.currency';
const THEME_KEY = 'pishkhan.theme';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): boolean {
  try {
    localStorage.setItem(key, value);
    return true;
  } catch {
    /* storage unavailable: the choice lasts for this run */
    return false;
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

// The theme is not part of `Prefs` (nothing is formatted by it): it is an attribute on <html>,
// `data-theme`, that styles.css reads. main.tsx sets it before the first render.

/** The choice when storage is unavailable, so it lasts for this run. */
let unsaved: Theme | null = null;
const themeListeners = new Set<() => void>();

export function loadTheme(): Theme {
  const v = read(THEME_KEY);
  return v === 'system' || v === 'light' || v === 'dark' ? v : (unsaved ?? 'system');
}

/** Puts the theme on <html> for styles.css: `data-theme="system" | "light" | "dark"`. */
export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

/** Saves, applies and announces the theme. */
export function saveTheme(theme: Theme): void {
  unsaved = write(THEME_KEY, theme) ? null : theme;
  applyTheme(theme);
  themeListeners.forEach((l) => l());
}

function subscribeTheme(listener: () => void): () => void {
  themeListeners.add(listener);
  return () => {
    themeListeners.delete(listener);
  };
}

/** The stored theme and a setter that saves and applies it. */
export function useTheme(): [Theme, (t: Theme) => void] {
  const theme = useSyncExternalStore(subscribeTheme, loadTheme, loadTheme);
  return [theme, saveTheme];
}
