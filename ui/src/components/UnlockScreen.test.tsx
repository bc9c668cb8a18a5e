import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { AppStatus } from '../api';
import { dicts, type Lang } from '../i18n';
import { LangContext } from '../lang';
import { makeFmt } from '../lib/format';
import { UnlockScreen } from './UnlockScreen';

const locked: AppStatus = {
  signedIn: true,
  locked: true,
  sessionExpired: false,
  merchantEmail: null,
  demo: false,
  demoStarting: false,
  platformUrl: 'https://shop.example.ir',
  merchantName: null,
  storeName: null,
  lastSyncAt: null,
  orderCount: 0,
  customerCount: 0,
};
const opened: AppStatus = { ...locked, locked: false, merchantName: 'سارا نیک‌پور', storeName: 'فروشگاه گلبرگ', orderCount: 3 };
const signedOut: AppStatus = { ...locked, signedIn: false, locked: false, platformUrl: null };
const RIGHT = 'گل‌های بهاری ۱۴۰۵';

let calls: Array<{ cmd: string; args: unknown }> = [];

beforeEach(() => {
  calls = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    if (cmd === 'unlock') {
      const { passphrase } = args as { passphrase: string };
      if (passphrase === RIGHT) return opened;
      throw { code: 'wrong_passphrase', message: 'the passphrase is wrong', messageFa: 'عبارت عبور نادرست است' };
    }
    if (cmd === 'sign_out') return signedOut;
    throw { code: 'unknown_command', message: cmd };
  });
});

afterEach(() => {
  cleanup();
  clearMocks();
});

function renderUnlock(lang: Lang = 'fa') {
  const onUnlocked = vi.fn();
  const onSignedOut = vi.fn();
  const prefs = { lang, digits: lang === 'fa' ? ('fa' as const) : ('latin' as const), currency: 'toman' as const };
  render(
    <LangContext.Provider
      value={{ lang, t: dicts[lang], prefs, fmt: makeFmt(prefs), toggle() {}, setLang() {}, setDigits() {}, setCurrency() {} }}
    >
      <UnlockScreen status={locked} onUnlocked={onUnlocked} onSignedOut={onSignedOut} />
    </LangContext.Provider>,
  );
  return { onUnlocked, onSignedOut };
}

const field = () => screen.getByTestId('unlock-passphrase') as HTMLInputElement;
const type = (value: string) => fireEvent.change(field(), { target: { value } });
const submit = () => fireEvent.submit(screen.getByTestId('unlock-form'));

test('asks for the passphrase of this platform, focused, every control labelled', () => {
  renderUnlock('fa');
  expect(screen.getByTestId('unlock-platform').textContent).toBe('https://shop.example.ir');
  expect(document.activeElement).toBe(field());
  expect(field().type).toBe('password');
  expect(screen.getByLabelText('عبارت عبور')).toBe(field());
  expect(screen.getByTestId('unlock-button').textContent).toBe('باز کردن');
  // Nothing typed, nothing to send.
  expect((screen.getByTestId('unlock-button') as HTMLButtonElement).disabled).toBe(true);
  expect(screen.getByTestId('unlock-forgot').textContent).toContain('فراموش');
});

test('English labels', () => {
  renderUnlock('en');
  expect(screen.getByText('Pishkhan is locked')).toBeTruthy();
  expect(screen.getByLabelText('Passphrase')).toBe(field());
  expect(screen.getByTestId('unlock-button').textContent).toBe('Unlock');
  expect(screen.getByTestId('unlock-forgot').textContent).toBe('Forgot the passphrase? Sign out and erase this computer’s data');
});

test('a wrong passphrase shows the error inline, keeps the screen and the field, and focuses it again', async () => {
  const { onUnlocked } = renderUnlock();
  type('not the passphrase');
  submit();
  const err = await screen.findByTestId('error-message');
  expect(err.dataset.code).toBe('wrong_passphrase');
  expect(err.textContent).toContain('عبارت عبور نادرست است');
  expect(calls).toEqual([{ cmd: 'unlock', args: { passphrase: 'not the passphrase' } }]);
  expect(onUnlocked).not.toHaveBeenCalled();
  expect(field().value).toBe('not the passphrase');
  await waitFor(() => expect(document.activeElement).toBe(field()));
  expect(field().getAttribute('aria-invalid')).toBe('true');

  // Then the right one (Enter submits the form).
  type(RIGHT);
  submit();
  await waitFor(() => expect(onUnlocked).toHaveBeenCalledWith(opened));
  expect(calls.at(-1)).toEqual({ cmd: 'unlock', args: { passphrase: RIGHT } });
});

test('a passphrase too short to be any is refused without asking Rust', async () => {
  renderUnlock();
  type('1234567');
  submit();
  expect((await screen.findByTestId('unlock-too-short')).textContent).toContain('۸');
  expect(calls).toEqual([]);
  await waitFor(() => expect(document.activeElement).toBe(field()));
});

test('forgot the passphrase: asks first; cancel keeps everything, confirm signs out discarding edits', async () => {
  const { onSignedOut, onUnlocked } = renderUnlock();
  fireEvent.click(screen.getByTestId('unlock-forgot'));
  const dialog = screen.getByTestId('unlock-erase-confirm');
  expect(dialog.textContent).toContain('پاک');
  // The safe answer has the focus.
  expect(document.activeElement).toBe(screen.getByTestId('unlock-erase-cancel'));
  fireEvent.click(screen.getByTestId('unlock-erase-cancel'));
  expect(screen.queryByTestId('unlock-erase-confirm')).toBeNull();
  expect(calls).toEqual([]);

  fireEvent.click(screen.getByTestId('unlock-forgot'));
  fireEvent.keyDown(window, { key: 'Escape' });
  expect(screen.queryByTestId('unlock-erase-confirm')).toBeNull();
  expect(calls).toEqual([]);

  fireEvent.click(screen.getByTestId('unlock-forgot'));
  fireEvent.click(screen.getByTestId('unlock-erase-yes'));
  await waitFor(() => expect(onSignedOut).toHaveBeenCalledWith(signedOut));
  expect(calls).toEqual([{ cmd: 'sign_out', args: { discardEdits: true } }]);
  expect(onUnlocked).not.toHaveBeenCalled();
});
