// Settings → Updates: this version, "Check for updates", a newer version's notes and "Install
// and restart" (asked first), off in the demo, and the two update errors in the UI's language.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { AppStatus, UpdateCheck } from '../api';
import { dicts, type Lang } from '../i18n';
import { LangContext } from '../lang';
import { makeFmt } from '../lib/format';
import { SyncContext } from '../lib/sync';
import { SettingsScreen } from './SettingsScreen';
import { version as builtVersion } from '../../../src-tauri/tauri.conf.json';

const status: AppStatus = {
  signedIn: true,
  locked: false,
  sessionExpired: false,
  merchantEmail: 'sara@golbarg.example',
  demo: false,
  demoStarting: false,
  platformUrl: 'https://shop.example',
  merchantName: 'سارا نیک‌پور',
  storeName: 'فروشگاه گلبرگ',
  lastSyncAt: null,
  orderCount: 0,
  customerCount: 0,
};

const NEWER: UpdateCheck = {
  current: '0.1.0',
  off: null,
  available: { version: '0.2.0', notes: 'فهرست سفارش‌ها با صفحه‌کلید.', date: '2025-12-01 09:00:00.0 +00:00:00' },
};

let calls: string[] = [];
/** The answer to check_for_update, and what install_update does. */
let check: () => UpdateCheck = () => NEWER;
let install: () => unknown = () => null;

beforeEach(() => {
  calls = [];
  check = () => NEWER;
  install = () => null;
  mockIPC(async (cmd) => {
    calls.push(cmd);
    switch (cmd) {
      case 'check_for_update':
        return check();
      case 'install_update':
        return install();
      case 'preferences':
        return { syncIntervalMinutes: 15, notifyNewOrders: true };
      case 'store_settings':
        return { emailOnNewOrder: true, smsOnNewOrder: false, pending: false, lastError: null };
      default:
        throw { code: 'unknown_command', message: cmd };
    }
  });
});

afterEach(() => {
  cleanup();
  clearMocks();
});

function renderIn(lang: Lang, s: AppStatus = status) {
  const prefs = { lang, digits: lang === 'fa' ? ('fa' as const) : ('latin' as const), currency: 'toman' as const };
  return render(
    <LangContext.Provider value={{ lang, t: dicts[lang], prefs, fmt: makeFmt(prefs), toggle() {}, setLang() {}, setDigits() {}, setCurrency() {} }}>
      <SyncContext.Provider value={{ status: null, version: 0, refresh: () => {} }}>
        <SettingsScreen status={s} />
      </SyncContext.Provider>
    </LangContext.Provider>,
  );
}

const updates = () => screen.getByTestId('updates');

test('the section shows this version and asks nothing of the release channel until the merchant checks', async () => {
  renderIn('en');
  expect(within(updates()).getByRole('heading').textContent).toBe('Updates');
  expect(screen.getByTestId('update-current').dataset.version).toBe(builtVersion);
  expect(screen.getByTestId('update-check').textContent).toBe('Check for updates');
  await new Promise((r) => setTimeout(r, 50));
  expect(calls).not.toContain('check_for_update');
  expect(screen.queryByTestId('update-available')).toBeNull();
});

test('up to date: the check says so, with the running app version (fa)', async () => {
  check = () => ({ current: '0.1.1', off: null, available: null });
  renderIn('fa');
  expect(within(updates()).getByRole('heading').textContent).toBe('به‌روزرسانی');
  fireEvent.click(screen.getByTestId('update-check'));
  expect((await screen.findByTestId('update-none')).textContent).toBe(dicts.fa.updateNone);
  expect(screen.getByTestId('update-current').dataset.version).toBe('0.1.1');
  // Persian digits in Persian.
  expect(screen.getByTestId('update-current').textContent).toBe('۰.۱.۱');
  expect(screen.queryByTestId('update-install')).toBeNull();
  expect(calls.filter((c) => c === 'check_for_update')).toHaveLength(1);
});

test('a newer version: its version, date and notes; installing asks first, Escape says no, yes installs once', async () => {
  renderIn('en');
  fireEvent.click(screen.getByTestId('update-check'));
  const offer = await screen.findByTestId('update-available');
  expect(offer.dataset.version).toBe('0.2.0');
  expect(offer.textContent).toContain('Version 0.2.0 is available.');
  expect(offer.textContent).toContain('December 1, 2025');
  expect(screen.getByTestId('update-notes').textContent).toBe('فهرست سفارش‌ها با صفحه‌کلید.');

  const installButton = screen.getByTestId('update-install');
  expect(installButton.textContent).toBe('Install and restart');
  installButton.focus();
  fireEvent.click(installButton);
  const dialog = await screen.findByTestId('update-confirm');
  expect(dialog.textContent).toContain('Edits that have not reached the platform stay on this computer');
  expect(dialog.textContent).toContain('restarts');
  // The safe answer has the focus; Escape closes and the focus is back on the button.
  expect(document.activeElement).toBe(screen.getByTestId('update-confirm-no'));
  fireEvent.keyDown(window, { key: 'Escape' });
  await waitFor(() => expect(screen.queryByTestId('update-confirm')).toBeNull());
  expect(document.activeElement).toBe(installButton);
  expect(calls).not.toContain('install_update');

  fireEvent.click(installButton);
  fireEvent.click(await screen.findByTestId('update-confirm-yes'));
  await waitFor(() => expect(calls.filter((c) => c === 'install_update')).toHaveLength(1));
  expect(screen.queryByTestId('update-confirm')).toBeNull();
});

test.each([
  ['fa', 'update_signature', 'امضای پیشخوان را ندارد'],
  ['en', 'update_signature', "not signed by Pishkhan's key"],
  ['fa', 'update_failed', 'بررسی یا نصب به‌روزرسانی ناموفق بود'],
  ['en', 'update_failed', "Couldn't check for or install the update"],
] as const)('a failed install (%s, %s) is shown in the UI language and the offer stays', async (lang, code, words) => {
  install = () => {
    throw { code, message: 'from Rust', messageFa: 'از راست' };
  };
  renderIn(lang);
  fireEvent.click(screen.getByTestId('update-check'));
  fireEvent.click(await screen.findByTestId('update-install'));
  fireEvent.click(await screen.findByTestId('update-confirm-yes'));
  const error = await screen.findByTestId('error-message');
  expect(error.dataset.code).toBe(code);
  expect(error.textContent).toContain(words);
  expect(error.textContent).toContain(dicts[lang].errors[code]);
  // Nothing was installed: the offer and the button are still there.
  expect(screen.getByTestId('update-available')).toBeTruthy();
  expect((screen.getByTestId('update-install') as HTMLButtonElement).disabled).toBe(false);
});

test('a failed check (the channel cannot be reached) is shown, and a retry works', async () => {
  let fail = true;
  check = () => {
    if (fail) throw { code: 'update_failed', message: 'The release channel could not be reached.' };
    return NEWER;
  };
  renderIn('en');
  fireEvent.click(screen.getByTestId('update-check'));
  expect((await screen.findByTestId('error-message')).dataset.code).toBe('update_failed');
  fail = false;
  fireEvent.click(screen.getByTestId('update-check'));
  await screen.findByTestId('update-available');
  expect(screen.queryByTestId('error-message')).toBeNull();
});

test.each(['fa', 'en'] as const)('off in the demo (%s): said so, with no button, nothing asked', async (lang) => {
  renderIn(lang, { ...status, demo: true });
  expect(screen.getByTestId('update-off').textContent).toBe(dicts[lang].updateOffDemo);
  expect(screen.queryByTestId('update-check')).toBeNull();
  expect(screen.queryByTestId('update-install')).toBeNull();
  await new Promise((r) => setTimeout(r, 50));
  expect(calls).not.toContain('check_for_update');
});

test('the channel saying updates are off (demo) is shown as off, even when offered a version', async () => {
  check = () => ({ ...NEWER, off: 'demo' });
  renderIn('en');
  fireEvent.click(screen.getByTestId('update-check'));
  await screen.findByTestId('update-off');
  expect(screen.queryByTestId('update-available')).toBeNull();
  expect(screen.queryByTestId('update-install')).toBeNull();
});
