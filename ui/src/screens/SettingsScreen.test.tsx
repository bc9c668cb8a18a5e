import { afterEach, beforeEach, expect, test } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import type { AppStatus, StoreSettings, SyncStatus } from '../api';
import { mockStoreSettings, type MockStoreSettings } from '../dev/mockStoreSettings';
import { dicts, type Lang } from '../i18n';
import { LangContext } from '../lang';
import { makeFmt } from '../lib/format';
import { applyTheme, loadTheme } from '../lib/prefs';
import { SyncContext } from '../lib/sync';
import { App } from '../App';
import { SettingsScreen } from './SettingsScreen';

const fa = dicts.fa;
const en = dicts.en;

const status: AppStatus = {
  signedIn: true,
  locked: false,
  sessionExpired: false,
  merchantEmail: null,
  demo: true,
  demoStarting: false,
  platformUrl: 'http://127.0.0.1:8787',
  merchantName: 'سارا نیک‌پور',
  storeName: 'فروشگاه گلبرگ',
  lastSyncAt: '2025-11-20T10:30:00Z',
  orderCount: 0,
  customerCount: 0,
};

const syncStatus: SyncStatus = { lastSyncAt: null, pendingEdits: 0, conflicts: 0, lastError: null, lastAttemptAt: null, syncing: false };

let calls: Array<[string, Record<string, unknown>]> = [];
let backend: MockStoreSettings;
/** Per-test answers; `undefined` falls through to the mock. */
let extra: (cmd: string, args: Record<string, unknown>) => unknown = () => undefined;
let refreshes = 0;

const callsOf = (cmd: string) => calls.filter(([c]) => c === cmd).map(([, a]) => a);

beforeEach(() => {
  localStorage.clear();
  calls = [];
  refreshes = 0;
  backend = mockStoreSettings();
  extra = () => undefined;
  mockIPC(
    async (cmd, args) => {
      const a = (args ?? {}) as Record<string, unknown>;
      calls.push([cmd, a]);
      const answer = await extra(cmd, a);
      if (answer !== undefined) return answer;
      switch (cmd) {
        case 'store_settings':
        case 'set_sms_on_new_order':
          return backend.handle(cmd, a);
        case 'preferences':
          return { syncIntervalMinutes: 15, notifyNewOrders: true };
        // The rest is for the whole app (the reload-on-events test).
        case 'app_status':
          return status;
        case 'sync_status':
          return syncStatus;
        case 'list_orders':
          return { orders: [], nextAfter: null };
        case 'count_orders':
          return 0;
        case 'order_filter_options':
          return { provinces: [], shippingMethods: [], firstDate: null, lastDate: null };
        default:
          throw { code: 'unknown_command', message: cmd };
      }
    },
    { shouldMockEvents: true },
  );
});

afterEach(() => {
  cleanup();
  clearMocks();
});

function screenIn(lang: Lang, version: number) {
  const prefs = { lang, digits: lang === 'fa' ? ('fa' as const) : ('latin' as const), currency: 'toman' as const };
  return (
    <LangContext.Provider value={{ lang, t: dicts[lang], prefs, fmt: makeFmt(prefs), toggle() {}, setLang() {}, setDigits() {}, setCurrency() {} }}>
      <SyncContext.Provider value={{ status: null, version, refresh: () => refreshes++ }}>
        <SettingsScreen status={status} />
      </SyncContext.Provider>
    </LangContext.Provider>
  );
}

/** Renders the screen; `bump()` moves the sync version, as App does on `sync-status`. */
function renderIn(lang: Lang) {
  let version = 0;
  const utils = render(screenIn(lang, version));
  return { ...utils, bump: () => utils.rerender(screenIn(lang, ++version)) };
}

const section = () => screen.getByTestId('store-notifications');
const emailBox = () => screen.getByTestId('email-on-new-order') as HTMLInputElement;
const smsBox = () => screen.getByTestId('sms-on-new-order') as HTMLInputElement;

test('the email for every order is shown always on and cannot be changed (fa)', async () => {
  renderIn('fa');
  await screen.findByTestId('sms-saved');
  expect(within(section()).getByRole('heading').textContent).toBe('اعلان‌های فروشگاه');

  // Its label is tied to it, and so is the policy's hint.
  const email = within(section()).getByLabelText(fa.emailOnNewOrder) as HTMLInputElement;
  expect(email).toBe(emailBox());
  expect(email.type).toBe('checkbox');
  expect(email.checked).toBe(true);
  expect(email.disabled).toBe(true);
  const hint = document.getElementById(email.getAttribute('aria-describedby') ?? '');
  expect(hint?.textContent).toBe('همیشه روشن است؛ بنا بر سیاست سکو');
  expect(hint).toBe(screen.getByTestId('email-always-on'));

  fireEvent.click(email);
  expect(emailBox().checked).toBe(true);
  expect(callsOf('set_sms_on_new_order')).toHaveLength(0);

  // The SMS: a real, enabled checkbox with its own label, showing the merchant's choice.
  const sms = within(section()).getByLabelText(fa.smsOnNewOrder) as HTMLInputElement;
  expect(sms).toBe(smsBox());
  expect(sms.type).toBe('checkbox');
  expect(sms.disabled).toBe(false);
  expect(sms.checked).toBe(false);
  expect(screen.getByTestId('sms-saved').textContent).toContain('روی سکو ذخیره شده است');
  expect(screen.queryByTestId('sms-pending')).toBeNull();
  expect(callsOf('store_settings')).toEqual([{}]);
});

test('turning the SMS on calls set_sms_on_new_order({on: true}) and shows the pending note the answer asks for', async () => {
  const waiting: StoreSettings = { emailOnNewOrder: true, smsOnNewOrder: true, pending: true, lastError: null };
  extra = (cmd) => (cmd === 'set_sms_on_new_order' ? waiting : undefined);
  renderIn('fa');
  await screen.findByTestId('sms-saved');

  fireEvent.click(smsBox());
  const note = await screen.findByTestId('sms-pending');
  expect(callsOf('set_sms_on_new_order')).toEqual([{ on: true }]);
  expect(note.textContent).toContain('در انتظار ارسال به سکو');
  expect(within(note).queryByTestId('sms-last-error')).toBeNull();
  expect(smsBox().checked).toBe(true);
  expect(emailBox().checked).toBe(true);
  expect(screen.queryByTestId('sms-saved')).toBeNull();
  // The header's count of waiting edits is asked to refresh.
  expect(refreshes).toBe(1);
});

test('offline: the choice waits with the reason, and shows as saved once a sync sends it', async () => {
  backend.setOffline(true);
  const { bump } = renderIn('fa');
  await screen.findByTestId('sms-saved');

  fireEvent.click(smsBox());
  const note = await screen.findByTestId('sms-pending');
  expect(callsOf('set_sms_on_new_order')).toEqual([{ on: true }]);
  expect(note.textContent).toContain(fa.smsPending);
  const why = within(note).getByTestId('sms-last-error');
  expect(why.dataset.code).toBe('platform_unreachable');
  expect(why.textContent).toBe('آخرین تلاش ناموفق بود: سکوی فروشگاه در دسترس نیست. اتصال اینترنت را بررسی کنید.');
  expect(smsBox().checked).toBe(true);

  // The connection is back and a sync sent it: the sync-status event reloads the section.
  backend.setOffline(false);
  backend.sync();
  const loads = callsOf('store_settings').length;
  bump();
  await screen.findByTestId('sms-saved');
  expect(callsOf('store_settings').length).toBe(loads + 1);
  expect(screen.queryByTestId('sms-pending')).toBeNull();
  expect(screen.queryByTestId('sms-last-error')).toBeNull();
  expect(smsBox().checked).toBe(true);
});

test('English labels, hint and notes; the reason in English', async () => {
  backend.setOffline(true);
  renderIn('en');
  await screen.findByTestId('sms-saved');
  expect(within(section()).getByRole('heading').textContent).toBe('Store notifications');
  expect(within(section()).getByLabelText('Email for every order')).toBe(emailBox());
  expect(within(section()).getByLabelText('SMS to my mobile when an order is placed')).toBe(smsBox());
  expect(screen.getByTestId('email-always-on').textContent).toBe("Always on, as the platform's policy says");
  expect(screen.getByTestId('sms-saved').textContent).toContain('Saved on the platform');

  fireEvent.click(smsBox());
  const note = await screen.findByTestId('sms-pending');
  expect(note.textContent).toContain('Waiting to reach the platform');
  expect(within(note).getByTestId('sms-last-error').textContent).toBe(
    'Last attempt failed: The store platform cannot be reached. Check the internet connection.',
  );
  expect(note.textContent).not.toMatch(/[\u0600-\u06FF]/);
  expect(en.smsPending).toBe('Waiting to reach the platform');
});

test('online: on then off again, each saved on the platform', async () => {
  renderIn('en');
  await screen.findByTestId('sms-saved');

  fireEvent.click(smsBox());
  await waitFor(() => expect(screen.queryByTestId('sms-saving')).toBeNull());
  expect(smsBox().checked).toBe(true);
  expect(screen.getByTestId('sms-saved').textContent).toContain(en.smsSaved);

  fireEvent.click(smsBox());
  await waitFor(() => expect(callsOf('set_sms_on_new_order')).toHaveLength(2));
  await waitFor(() => expect(screen.queryByTestId('sms-saving')).toBeNull());
  expect(callsOf('set_sms_on_new_order')).toEqual([{ on: true }, { on: false }]);
  expect(smsBox().checked).toBe(false);
  expect(screen.getByTestId('sms-saved')).toBeTruthy();
  expect(backend.storeSettings()).toEqual({ emailOnNewOrder: true, smsOnNewOrder: false, pending: false, lastError: null });
});

test('a refused change goes back to what was saved and says why', async () => {
  extra = (cmd) => {
    if (cmd === 'set_sms_on_new_order') throw { code: 'storage', message: 'database is locked', messageFa: 'پایگاه داده قفل است' };
    return undefined;
  };
  renderIn('fa');
  await screen.findByTestId('sms-saved');
  fireEvent.click(smsBox());
  const err = await within(section()).findByTestId('error-message');
  expect(err.dataset.code).toBe('storage');
  expect(smsBox().checked).toBe(false);
  expect(screen.queryByTestId('sms-pending')).toBeNull();
  expect(refreshes).toBe(0);
});

test('a reload that started before the change does not undo it; the box stays usable while saving', async () => {
  let answer!: (s: StoreSettings) => void;
  extra = (cmd) => (cmd === 'set_sms_on_new_order' ? new Promise<StoreSettings>((res) => (answer = res)) : undefined);
  const { bump } = renderIn('fa');
  await screen.findByTestId('sms-saved');

  smsBox().focus();
  fireEvent.click(smsBox());
  expect(smsBox().checked).toBe(true);
  expect(await screen.findByTestId('sms-saving')).toBeTruthy();
  // Keyboard focus is kept: the box is not disabled while the answer is awaited.
  expect(smsBox().disabled).toBe(false);
  expect(document.activeElement).toBe(smsBox());
  expect(smsBox().getAttribute('aria-busy')).toBe('true');

  // A sync-status event meanwhile: its answer still has the old value and must not win.
  const loads = callsOf('store_settings').length;
  bump();
  await waitFor(() => expect(callsOf('store_settings').length).toBe(loads + 1));
  await new Promise((r) => setTimeout(r, 20));
  expect(smsBox().checked).toBe(true);

  await act(async () => answer({ emailOnNewOrder: true, smsOnNewOrder: true, pending: true, lastError: null }));
  expect(await screen.findByTestId('sms-pending')).toBeTruthy();
  expect(smsBox().checked).toBe(true);
});

test('in the app: reloaded on sync-status and status-changed (another device changed it)', async () => {
  render(<App />);
  fireEvent.click(await screen.findByTestId('nav-settings'));
  await screen.findByTestId('sms-saved');
  expect(smsBox().checked).toBe(false);

  backend.changeOnPlatform(true);
  await act(() => emit('sync-status'));
  await waitFor(() => expect(smsBox().checked).toBe(true));

  backend.changeOnPlatform(false);
  await act(() => emit('status-changed'));
  await waitFor(() => expect(smsBox().checked).toBe(false));
  expect(callsOf('store_settings').length).toBeGreaterThanOrEqual(3);
});

const themeSelect = () => screen.getByTestId('theme-select') as HTMLSelectElement;
const optionTexts = (sel: HTMLSelectElement) => Array.from(sel.options).map((o) => [o.value, o.textContent]);

test('theme: follows the system by default; dark goes on <html> and survives a reload', async () => {
  delete document.documentElement.dataset.theme;
  render(<App />);
  fireEvent.click(await screen.findByTestId('nav-settings'));
  const sel = within(screen.getByTestId('settings')).getByLabelText(fa.themeLabel);
  expect(sel).toBe(themeSelect());
  expect(themeSelect().value).toBe('system');
  expect(document.documentElement.dataset.theme).toBe('system');
  expect(optionTexts(themeSelect())).toEqual([
    ['system', 'مانند سیستم'],
    ['light', 'روشن'],
    ['dark', 'تیره'],
  ]);

  fireEvent.change(themeSelect(), { target: { value: 'dark' } });
  expect(document.documentElement.dataset.theme).toBe('dark');
  expect(themeSelect().value).toBe('dark');
  expect(localStorage.getItem('pishkhan.theme')).toBe('dark');

  // A reload: the page starts over, main.tsx applies the stored theme, the app renders again.
  cleanup();
  delete document.documentElement.dataset.theme;
  expect(loadTheme()).toBe('dark');
  applyTheme(loadTheme());
  expect(document.documentElement.dataset.theme).toBe('dark');
  render(<App />);
  fireEvent.click(await screen.findByTestId('nav-settings'));
  expect(themeSelect().value).toBe('dark');
  expect(document.documentElement.dataset.theme).toBe('dark');

  fireEvent.change(themeSelect(), { target: { value: 'light' } });
  expect(document.documentElement.dataset.theme).toBe('light');
  fireEvent.change(themeSelect(), { target: { value: 'system' } });
  expect(document.documentElement.dataset.theme).toBe('system');
  expect(localStorage.getItem('pishkhan.theme')).toBe('system');
});

test('theme: English labels; the stored choice shows on a fresh render', async () => {
  localStorage.setItem('pishkhan.theme', 'light');
  const { rerender } = render(screenIn('en', 0));
  const sel = within(screen.getByTestId('settings')).getByLabelText(en.themeLabel);
  expect(en.themeLabel).toBe('Theme');
  expect(sel).toBe(themeSelect());
  expect(themeSelect().value).toBe('light');
  expect(optionTexts(themeSelect())).toEqual([
    ['system', 'Same as the system'],
    ['light', 'Light'],
    ['dark', 'Dark'],
  ]);
  fireEvent.change(themeSelect(), { target: { value: 'dark' } });
  rerender(screenIn('fa', 1));
  expect(themeSelect().value).toBe('dark');
  expect(within(screen.getByTestId('settings')).getByLabelText('پوسته')).toBe(themeSelect());
  await screen.findByTestId('sms-saved');
});

test('theme: an unknown stored value falls back to the system', () => {
  localStorage.setItem('pishkhan.theme', 'sepia');
  expect(loadTheme()).toBe('system');
});
