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

beforeEach(() => {
  localStorage.clear();
  calls = [];
  answer = () => undefined;
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
  expect(calls).toHaveLength(0);
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
  answer = (cmd) => (cmd === 'privacy_export' ? '/home/sara/Documents/pishkhan-my-data.json' : undefined);
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
  answer = (cmd) => (cmd === 'privacy_export' ? null : undefined);
  renderIn('en');
  fireEvent.click(screen.getByTestId('privacy-export'));
  await waitFor(() => expect(callsOf('privacy_export')).toEqual([{ lang: 'en' }]));
  await waitFor(() => expect((screen.getByTestId('privacy-export') as HTMLButtonElement).disabled).toBe(false));
  expect(screen.queryByTestId('privacy-exported')).toBeNull();
  expect(screen.queryByTestId('privacy-error')).toBeNull();
});

test('a failed export shows the error in the merchant’s language; a lost sign-in is passed up', async () => {
  answer = (cmd) => {
    if (cmd === 'privacy_export') throw { code: 'export_failed', message: 'disk full', messageFa: 'دیسک پر است' };
    return undefined;
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
  answer = (cmd) => {
    if (cmd === 'privacy_export') throw { code: 'malformed_response', message: 'bad JSON', messageFa: 'پاسخ سکو خوانا نبود' };
    return undefined;
  };
  fireEvent.click(screen.getByTestId('privacy-export'));
  await waitFor(() => expect(screen.getByTestId('privacy-error').dataset.code).toBe('malformed_response'));
  expect(screen.getByTestId('privacy-error').textContent).toContain('پاسخ سکو خوانا نبود');

  answer = (cmd) => {
    if (cmd === 'privacy_export') throw { code: 'not_signed_in', message: 'signed out', messageFa: 'خارج شده' };
    return undefined;
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
  expect(calls).toHaveLength(0);
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
        return emptyStoreAnswer(cmd);
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
