// Screen readers: every control on the main screens — sign-in, the orders list with its filters,
// the date picker and the export menu, an order with its edits and a confirmation dialog,
// customers, the dashboard, waiting edits, identity verification, sessions, privacy, settings,
// the unlock and sign-in-again screens — has an accessible name, in Persian and in English.
// Rendered through the whole app over the dev mock backend (ui/src/dev/mockBackend.ts).
import { afterEach, expect, test } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { App } from './App';
import { installDevMock } from './dev/mockBackend';
import type { Lang } from './i18n';
import { signedInStatus } from './test/emptyStore';
import { accessibleName, controlCount, unnamedControls } from './test/a11y';

afterEach(() => {
  cleanup();
  clearMocks();
  localStorage.clear();
});

const LANGS: Lang[] = ['fa', 'en'];
const WAIT = { timeout: 5000 };

/** Audits the page as it is now; `where` names the screen in the failure. */
function audit(where: string, seen: Record<string, number>) {
  const n = controlCount();
  expect(n, `${where}: controls found`).toBeGreaterThan(0);
  expect(unnamedControls(), `${where}: controls without an accessible name`).toEqual([]);
  seen[where] = n;
}

function start(lang: Lang, extra = '') {
  localStorage.clear();
  installDevMock(new URLSearchParams(`?lang=${lang}&orders=60${extra}`));
  return render(<App />);
}

test.each(LANGS)('the accessible-name helper itself (%s): labels, aria, content, not placeholders', () => {
  document.body.innerHTML = `
    <label><span>Email</span><input id="a"></label>
    <input id="b" placeholder="only a placeholder">
    <button id="c"><svg aria-hidden="true"></svg></button>
    <button id="d" aria-label="Close">×</button>
    <span id="lab">Amount</span><input id="e" aria-labelledby="lab">
    <label><span>Language</span><select id="f"><option>فارسی</option></select></label>
    <div role="button" id="g" tabindex="0"></div>`;
  const $ = (id: string) => document.getElementById(id)!;
  expect(accessibleName($('a'))).toBe('Email');
  expect(accessibleName($('b'))).toBe('');
  expect(accessibleName($('c'))).toBe('');
  expect(accessibleName($('d'))).toBe('Close');
  expect(accessibleName($('e'))).toBe('Amount');
  expect(accessibleName($('f'))).toBe('Language');
  expect(unnamedControls().length).toBe(3);
  document.body.innerHTML = '';
});

test.each(LANGS)('sign-in screen, with the passphrase section open (%s)', async (lang) => {
  const seen: Record<string, number> = {};
  start(lang, '&signedout');
  await screen.findByTestId('signin-form', {}, WAIT);
  audit('sign-in', seen);
  fireEvent.click(screen.getByTestId('passphrase-toggle'));
  await screen.findByTestId('passphrase-section');
  audit('sign-in with a passphrase', seen);
});

test.each(LANGS)('signed-in screens, dialogs and popups (%s)', async (lang) => {
  const seen: Record<string, number> = {};
  start(lang);

  // Orders, with the date picker and the export menu open.
  await screen.findAllByTestId('order-row', {}, WAIT);
  audit('orders', seen);
  fireEvent.click(screen.getByTestId('date-from'));
  await screen.findByTestId('date-picker');
  audit('orders, date picker open', seen);
  fireEvent.keyDown(document, { key: 'Escape' });
  await waitFor(() => expect(screen.queryByTestId('date-picker')).toBeNull());
  fireEvent.click(screen.getByTestId('export-button'));
  await screen.findByTestId('export-csv');
  audit('orders, export menu open', seen);
  fireEvent.keyDown(document, { key: 'Escape' });
  await waitFor(() => expect(screen.queryByTestId('export-csv')).toBeNull());

  // An order that can still be cancelled: its page, the shipping form, the confirmation.
  const rows = screen.getAllByTestId('order-row');
  const open = rows.find((r) => r.dataset.status === 'processing') ?? rows[0];
  fireEvent.click(open);
  await screen.findByTestId('order-detail', {}, WAIT);
  audit('order detail', seen);
  const ship = screen.queryByTestId('ship-button');
  if (ship) {
    fireEvent.click(ship);
    await screen.findByTestId('ship-form');
    audit('order detail, shipping form', seen);
  }
  const cancel = screen.queryByTestId('cancel-order');
  if (cancel) {
    fireEvent.click(cancel);
    await screen.findByTestId('confirm-dialog');
    audit('order detail, confirmation dialog', seen);
    fireEvent.click(screen.getByTestId('confirm-no'));
  }

  // Every section of the sidebar.
  const sections: Array<[string, string]> = [
    ['customers', 'customer-row'],
    ['dashboard', 'dashboard'],
    ['outbox', 'outbox'],
    ['kyc', 'kyc-form'],
    ['sessions', 'session-row'],
    ['privacy', 'privacy'],
    ['settings', 'updates'],
  ];
  for (const [section, ready] of sections) {
    fireEvent.click(screen.getByTestId(`nav-${section}`));
    await screen.findAllByTestId(ready, {}, WAIT);
    audit(section, seen);
  }
  // A customer's page.
  fireEvent.click(screen.getByTestId('nav-customers'));
  fireEvent.click((await screen.findAllByTestId('customer-row', {}, WAIT))[0]);
  await screen.findByTestId('customer-detail', {}, WAIT);
  audit('customer detail', seen);

  expect(Object.keys(seen).length).toBeGreaterThanOrEqual(12);
}, 60_000);

test.each(LANGS)('the sign-in-again screen (%s)', async (lang) => {
  const seen: Record<string, number> = {};
  start(lang, '&expired');
  await screen.findByTestId('signin-form', {}, WAIT);
  audit('sign in again', seen);
});

test.each(LANGS)('the unlock screen (%s)', async (lang) => {
  const seen: Record<string, number> = {};
  localStorage.setItem('pishkhan.lang', lang);
  mockIPC((cmd) => {
    if (cmd === 'app_status') return { ...signedInStatus, locked: true };
    if (cmd.startsWith('plugin:event|')) return 0;
    throw { code: 'locked', message: 'locked' };
  });
  render(<App />);
  await screen.findByTestId('unlock-form', {}, WAIT);
  audit('unlock', seen);
  fireEvent.click(screen.getByTestId('unlock-forgot'));
  await screen.findByTestId('unlock-erase-yes');
  audit('unlock, erase question', seen);
});
