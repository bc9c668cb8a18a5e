import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { dicts, type Lang } from '../i18n';
import { LangContext } from '../lang';
import { makeFmt } from '../lib/format';
import { App } from '../App';
import { PrivacyScreen } from './PrivacyScreen';
import { emptyStoreAnswer, signedInStatus } from '../test/emptyStore';

const fa = dicts.fa;
const en = dicts.en;
const CATEGORIES = ['owner', 'sessions', 'customers', 'notifications', 'monitoring', 'device'];

let calls: Array<[string, Record<string, unknown>]> = [];
let answer: (cmd: string, args: Record<string, unknown>) => unknown = () => undefined;
const callsOf = (cmd: string) => calls.filter(([c]) => c === cmd).map(([, a]) => a);
/** Calls besides the Diagnostics section's own reading of the preference. */
const otherCalls = () => calls.filter(([c]) => c !== 'preferences');

let prefs = { syncIntervalMinutes: 15, notifyNewOrders: true, shareDiagnostics: false };
let preview: unknown[] = [];
/** The Diagnostics section's commands, as Rust answers them; `undefined` for the rest. */
function diagnosticsAnswer(cmd: string, args: Record<string, unknown>): unknown {
  switch (cmd) {
    case 'preferences':
      return { ...prefs };
    case 'set_preferences':
      prefs = args.preferences as typeof prefs;
      return null;
    case 'diagnostics_preview':
      return preview;
    default:
      return undefined;
  }
}

beforeEach(() => {
  localStorage.clear();
  calls = [];
  prefs = { syncIntervalMinutes: 15, notifyNewOrders: true, shareDiagnostics: false };
  preview = [];
  answer = diagnosticsAnswer;
  mockIPC(
    async (cmd, args) => {
      const a = (args ?? {}) as Record<string, unknown>;
      calls.push([cmd, a]);
      const r = await answer(cmd, a);
      if (r !== undefined) return r;
      throw { code: 'unknown_command', message: cmd };
    },
    { shouldMockEvents: true },
  );
});

afterEach(() => {
  cleanup();
  clearMocks();
});

function renderIn(lang: Lang, props: Partial<Parameters<typeof PrivacyScreen>[0]> = {}) {
  const prefs = { lang, digits: lang === 'fa' ? ('fa' as const) : ('latin' as const), currency: 'toman' as const };
  const handlers = { onOpenSessions: vi.fn(), onOpenSettings: vi.fn(), onSignOut: vi.fn(), onError: vi.fn(), ...props };
  render(
    <LangContext.Provider value={{ lang, t: dicts[lang], prefs, fmt: makeFmt(prefs), toggle() {}, setLang() {}, setDigits() {}, setCurrency() {} }}>
      <PrivacyScreen {...handlers} />
    </LangContext.Provider>,
  );
  return handlers;
}

const category = (id: string) => {
  const c = screen.getAllByTestId('privacy-category').find((el) => el.dataset.category === id);
  if (!c) throw new Error(`no category ${id}`);
  return c.textContent ?? '';
};

test('Persian: the six categories of the policy, in its own words', () => {
  const h = renderIn('fa');
  const cards = screen.getAllByTestId('privacy-category');
  expect(cards.map((c) => c.dataset.category)).toEqual(CATEGORIES);

  expect(category('owner')).toContain('دربارهٔ شما، صاحب فروشگاه');
  expect(category('owner')).toContain('نام کامل، نام فروشگاه، ایمیل، شماره تماس، آدرس، شماره شبا، تاریخ تولد، کد ملی و تصویر کارت ملی');
  expect(category('owner')).toContain('جهت احراز هویت');
  expect(category('owner')).toContain('پیش‌نویس فرم احراز هویت');
  expect(category('sessions')).toContain('نوع مرورگر');
  expect(category('customers')).toContain('نام کامل، ایمیل، شماره تماس، آدرس و کد پستی خریدار');
  expect(category('customers')).toContain('بدون اینترنت');
  expect(category('customers')).toContain('پیگیری مشکلاتی که برای خریداران ایجاد می‌شود');
  expect(category('notifications')).toContain('تمامی سفارش‌های ثبت‌شده');
  expect(category('notifications')).toContain('به انتخاب صاحب فروشگاه');
  expect(category('monitoring')).toContain('Event monitoring');
  expect(screen.getByTestId('privacy-no-monitoring').textContent).toContain(fa.privacyMonitoringApp);
  // Persian digits for the log's seven days; signing out erases it all.
  expect(category('device')).toContain('۷ روز');
  expect(category('device')).toContain(fa.privacyDeviceErase);
  expect(screen.getByTestId('privacy').textContent).toContain(fa.privacyExportBody);

  // The sign-ins card leads to the Sessions page; the notifications card to Settings.
  fireEvent.click(screen.getByTestId('privacy-open-sessions'));
  expect(h.onOpenSessions).toHaveBeenCalledTimes(1);
  fireEvent.click(screen.getByTestId('privacy-open-settings'));
  expect(h.onOpenSettings).toHaveBeenCalledTimes(1);
  expect(otherCalls()).toHaveLength(0);
});

test('English: the same six categories', () => {
  renderIn('en');
  expect(screen.getAllByTestId('privacy-category').map((c) => c.dataset.category)).toEqual(CATEGORIES);
  expect(category('owner')).toContain('About you, the store owner');
  expect(category('owner')).toContain('Sheba number');
  expect(category('sessions')).toContain('Sign-ins');
  expect(category('customers')).toContain('postal code');
  expect(category('notifications')).toContain('every order');
  expect(category('monitoring')).toContain('This app sends no analytics');
  expect(category('device')).toContain('kept for 7 days');
  expect(screen.getByTestId('privacy-export').textContent).toBe(en.privacyExport);
  expect(screen.getByTestId('privacy-erase').textContent).toBe(en.privacyErase);
});

test('export calls privacy_export with the language and shows where the file went', async () => {
  answer = (cmd, args) => (cmd === 'privacy_export' ? '/home/sara/Documents/pishkhan-my-data.json' : diagnosticsAnswer(cmd, args));
  renderIn('fa');
  fireEvent.click(screen.getByTestId('privacy-export'));
  const done = await screen.findByTestId('privacy-exported');
  expect(callsOf('privacy_export')).toEqual([{ lang: 'fa' }]);
  const path = done.querySelector('bdi');
  expect(path?.getAttribute('dir')).toBe('ltr');
  expect(path?.textContent).toBe('/home/sara/Documents/pishkhan-my-data.json');
  expect(done.textContent).toContain(fa.privacyExported);
  expect(screen.queryByTestId('privacy-error')).toBeNull();
  expect((screen.getByTestId('privacy-export') as HTMLButtonElement).disabled).toBe(false);
});

test('a cancelled save dialog (null) shows nothing', async () => {
  answer = (cmd, args) => (cmd === 'privacy_export' ? null : diagnosticsAnswer(cmd, args));
  renderIn('en');
  fireEvent.click(screen.getByTestId('privacy-export'));
  await waitFor(() => expect(callsOf('privacy_export')).toEqual([{ lang: 'en' }]));
  await waitFor(() => expect((screen.getByTestId('privacy-export') as HTMLButtonElement).disabled).toBe(false));
  expect(screen.queryByTestId('privacy-exported')).toBeNull();
  expect(screen.queryByTestId('privacy-error')).toBeNull();
});

test('a failed export shows the error in the merchant’s language; a lost sign-in is passed up', async () => {
  answer = (cmd, args) => {
    if (cmd === 'privacy_export') throw { code: 'export_failed', message: 'disk full', messageFa: 'دیسک پر است' };
    return diagnosticsAnswer(cmd, args);
  };
  const h = renderIn('fa');
  fireEvent.click(screen.getByTestId('privacy-export'));
  const err = await screen.findByTestId('privacy-error');
  expect(err.dataset.code).toBe('export_failed');
  expect(err.textContent).toContain(fa.errors.export_failed);
  expect(within(err).getByRole('alert').querySelector('.alert__text')?.getAttribute('title')).toBe('disk full');
  expect(screen.queryByTestId('privacy-exported')).toBeNull();
  expect(h.onError).not.toHaveBeenCalled();

  // An error without a sentence of its own shows the Rust side's message, in Persian.
  answer = (cmd, args) => {
    if (cmd === 'privacy_export') throw { code: 'malformed_response', message: 'bad JSON', messageFa: 'پاسخ سکو خوانا نبود' };
    return diagnosticsAnswer(cmd, args);
  };
  fireEvent.click(screen.getByTestId('privacy-export'));
  await waitFor(() => expect(screen.getByTestId('privacy-error').dataset.code).toBe('malformed_response'));
  expect(screen.getByTestId('privacy-error').textContent).toContain('پاسخ سکو خوانا نبود');

  answer = (cmd, args) => {
    if (cmd === 'privacy_export') throw { code: 'not_signed_in', message: 'signed out', messageFa: 'خارج شده' };
    return diagnosticsAnswer(cmd, args);
  };
  fireEvent.click(screen.getByTestId('privacy-export'));
  await waitFor(() => expect(h.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'not_signed_in' })));
});

test('erase asks first, explaining what goes; only yes signs out', () => {
  const h = renderIn('fa');
  fireEvent.click(screen.getByTestId('privacy-erase'));
  const dialog = screen.getByTestId('privacy-erase-confirm');
  expect(dialog.textContent).toContain(fa.privacyEraseConfirmTitle);
  expect(dialog.textContent).toContain(fa.privacyEraseConfirmBody);
  fireEvent.click(within(dialog).getByTestId('privacy-erase-no'));
  expect(screen.queryByTestId('privacy-erase-confirm')).toBeNull();
  expect(h.onSignOut).not.toHaveBeenCalled();

  fireEvent.click(screen.getByTestId('privacy-erase'));
  fireEvent.click(screen.getByTestId('privacy-erase-yes'));
  expect(h.onSignOut).toHaveBeenCalledTimes(1);
  expect(screen.queryByTestId('privacy-erase-confirm')).toBeNull();
  expect(otherCalls()).toHaveLength(0);
});

test('in the app: «حریم خصوصی» in the sidebar; erase goes through the app’s sign-out, which asks again when edits wait', async () => {
  let signedIn = true;
  let pending = 2;
  answer = (cmd, args) => {
    switch (cmd) {
      case 'app_status':
        return { ...signedInStatus, signedIn };
      case 'sync_status':
        return { pendingEdits: pending, conflicts: 0, lastSyncAt: null, lastAttemptAt: null, lastError: null, syncing: false };
      case 'sign_out':
        if (pending > 0 && args.discardEdits !== true) throw { code: 'edits_waiting', message: 'edits wait' };
        signedIn = false;
        pending = 0;
        return { signedIn: false, demo: false, demoStarting: false, platformUrl: null, merchantName: null, storeName: null, lastSyncAt: null, orderCount: 0, customerCount: 0 };
      default:
        return diagnosticsAnswer(cmd, args) ?? emptyStoreAnswer(cmd);
    }
  };
  render(<App />);
  const nav = await screen.findByTestId('nav-privacy');
  expect(nav.textContent).toBe('حریم خصوصی');
  fireEvent.click(nav);
  expect(await screen.findAllByTestId('privacy-category')).toHaveLength(6);
  expect(nav.getAttribute('aria-current')).toBe('page');

  fireEvent.click(screen.getByTestId('privacy-erase'));
  fireEvent.click(screen.getByTestId('privacy-erase-yes'));
  // Edits wait: the app's own question, with how many would be lost.
  const ask = await screen.findByTestId('discard-edits-confirm');
  expect(within(ask).getByTestId('discard-edits-count').dataset.count).toBe('2');
  expect(callsOf('sign_out')).toEqual([{ discardEdits: false }]);
  fireEvent.click(screen.getByTestId('sign-out-anyway'));
  await waitFor(() => expect(screen.queryByTestId('nav-privacy')).toBeNull());
  expect(callsOf('sign_out')).toEqual([{ discardEdits: false }, { discardEdits: true }]);
});

test('Diagnostics: off by default, explained in Persian; nothing personal is sent', async () => {
  renderIn('fa');
  const section = screen.getByTestId('diagnostics-section');
  expect(section.textContent).toContain('گزارش عیب‌یابی');
  expect(section.textContent).toContain(fa.diagnosticsWhat);
  expect(section.textContent).toContain('هیچ اطلاعات شخصی');
  const sw = screen.getByTestId('diagnostics-switch') as HTMLInputElement;
  expect(sw.getAttribute('role')).toBe('switch');
  await waitFor(() => expect(sw.disabled).toBe(false));
  expect(sw.checked).toBe(false);
  expect(callsOf('preferences')).toHaveLength(1);
  expect(callsOf('set_preferences')).toHaveLength(0);
  // The monitoring category says so too.
  expect(category('monitoring')).toContain(fa.privacyMonitoringApp);
  expect(fa.privacyMonitoringApp).toContain('پیش‌فرض خاموش است');
});

test('Diagnostics: turning it on saves the preference, keeping the others; off again saves that', async () => {
  prefs = { syncIntervalMinutes: 30, notifyNewOrders: false, shareDiagnostics: false };
  renderIn('en');
  expect(screen.getByTestId('diagnostics-section').textContent).toContain('Diagnostics');
  expect(screen.getByTestId('diagnostics-section').textContent).toContain(en.diagnosticsNothingPersonal);
  const sw = screen.getByTestId('diagnostics-switch') as HTMLInputElement;
  await waitFor(() => expect(sw.disabled).toBe(false));
  fireEvent.click(sw);
  await waitFor(() => expect(callsOf('set_preferences')).toHaveLength(1));
  expect(callsOf('set_preferences')[0]).toEqual({
    preferences: { syncIntervalMinutes: 30, notifyNewOrders: false, shareDiagnostics: true },
  });
  await screen.findByText(en.prefsSaved);
  expect(sw.checked).toBe(true);

  fireEvent.click(sw);
  await waitFor(() => expect(callsOf('set_preferences')).toHaveLength(2));
  expect(prefs.shareDiagnostics).toBe(false);
  expect(sw.checked).toBe(false);
});

test('Diagnostics: a save that fails puts the switch back and says why', async () => {
  answer = (cmd, args) => {
    if (cmd === 'set_preferences') throw { code: 'storage', message: 'disk full', messageFa: 'دیسک پر است' };
    return diagnosticsAnswer(cmd, args);
  };
  renderIn('en');
  const sw = screen.getByTestId('diagnostics-switch') as HTMLInputElement;
  await waitFor(() => expect(sw.disabled).toBe(false));
  fireEvent.click(sw);
  const err = await screen.findByTestId('diagnostics-error');
  expect(err.dataset.code).toBe('storage');
  expect(sw.checked).toBe(false);
});

test('Diagnostics: “what would be sent” shows the events as the JSON they would travel in', async () => {
  preview = [
    { at: '2024-07-22T08:30:00Z', event: { kind: 'app_started', appVersion: '0.1.0', os: 'linux' } },
    {
      at: '2024-07-22T08:31:00Z',
      event: { kind: 'sync_finished', durationMs: 840, ordersUpserted: 12, ordersDeleted: 0, pushed: 1, conflicts: 0 },
    },
  ];
  renderIn('fa');
  expect(screen.queryByTestId('diagnostics-preview')).toBeNull();
  const toggle = screen.getByTestId('diagnostics-preview-toggle');
  expect(toggle.getAttribute('aria-expanded')).toBe('false');
  expect(toggle.textContent).toBe(fa.diagnosticsPreviewShow);
  fireEvent.click(toggle);
  expect(toggle.getAttribute('aria-expanded')).toBe('true');
  const shown = await screen.findByTestId('diagnostics-preview');
  await waitFor(() => expect(shown.dataset.count).toBe('2'));
  expect(shown.textContent).toContain(fa.diagnosticsPreviewHint);
  const pre = shown.querySelector('pre');
  expect(pre?.getAttribute('dir')).toBe('ltr');
  expect(JSON.parse(pre?.textContent ?? '')).toEqual({ events: preview });
  expect(pre?.textContent).toContain('"kind": "sync_finished"');
  expect(callsOf('diagnostics_preview')).toHaveLength(1);
  // Shown while the switch is off: seeing it does not turn anything on.
  expect((screen.getByTestId('diagnostics-switch') as HTMLInputElement).checked).toBe(false);
  expect(callsOf('set_preferences')).toHaveLength(0);

  // Closed and opened again: read afresh.
  fireEvent.click(toggle);
  expect(screen.queryByTestId('diagnostics-preview')).toBeNull();
  preview = [];
  fireEvent.click(toggle);
  expect(await screen.findByTestId('diagnostics-preview-empty')).toBeTruthy();
  expect(screen.getByTestId('diagnostics-preview').textContent).toContain(fa.diagnosticsPreviewEmpty);
  expect(callsOf('diagnostics_preview')).toHaveLength(2);
});
