import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { SessionInfo } from '../api';
import { mockSessions, sampleSessions, type MockSessions } from '../dev/mockSessions';
import { dicts, type Lang } from '../i18n';
import { LangContext } from '../lang';
import { makeFmt } from '../lib/format';
import { App } from '../App';
import { SessionsScreen } from './SessionsScreen';
import { emptyStoreAnswer } from '../test/emptyStore';

const fa = dicts.fa;
const en = dicts.en;
/** 14:00 in Tehran, 29 Aban 1404. */
const NOW = Date.parse('2025-11-20T10:30:00Z');

let calls: Array<[string, Record<string, unknown>]> = [];
let backend: MockSessions;
/** Per-test answers; `undefined` falls through to the mock sessions. */
let extra: (cmd: string, args: Record<string, unknown>) => unknown = () => undefined;

const callsOf = (cmd: string) => calls.filter(([c]) => c === cmd).map(([, a]) => a);

beforeEach(() => {
  // Only the clock is fixed: timers stay real for waitFor.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  localStorage.clear();
  calls = [];
  backend = mockSessions({ now: NOW });
  extra = () => undefined;
  mockIPC(
    async (cmd, args) => {
      const a = (args ?? {}) as Record<string, unknown>;
      calls.push([cmd, a]);
      const answer = await extra(cmd, a);
      if (answer !== undefined) return answer;
      switch (cmd) {
        case 'sessions':
          return backend.sessions();
        case 'revoke_session':
          return backend.revokeSession(a.sessionId as number);
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
  vi.useRealTimers();
});

function renderIn(lang: Lang) {
  const prefs = { lang, digits: lang === 'fa' ? ('fa' as const) : ('latin' as const), currency: 'toman' as const };
  return render(
    <LangContext.Provider value={{ lang, t: dicts[lang], prefs, fmt: makeFmt(prefs), toggle() {}, setLang() {}, setDigits() {}, setCurrency() {} }}>
      <SessionsScreen reloadKey={0} />
    </LangContext.Provider>,
  );
}

const row = (id: number) => {
  const r = screen.getAllByTestId('session-row').find((el) => el.dataset.id === String(id));
  if (!r) throw new Error(`no row for session ${id}`);
  return r;
};
const cell = (id: number, testid: string) => within(row(id)).getByTestId(testid).textContent ?? '';

test('lists the sessions with readable app names; this computer is marked and has no sign-out button', async () => {
  renderIn('fa');
  const rows = await screen.findAllByTestId('session-row');
  expect(rows.map((r) => r.dataset.id)).toEqual(['42', '37', '21']); // as Rust sent them, newest first
  expect(rows.map((r) => r.dataset.current)).toEqual(['true', 'false', 'false']);
  expect(rows.map((r) => r.dataset.revoked)).toEqual(['false', 'false', 'false']);

  // This app (its name translated), Chrome on Windows, Safari on an iPhone; Persian digits.
  expect(cell(42, 'session-client')).toBe('پیشخوان ۰.۱.۰ · Linux');
  expect(cell(37, 'session-client')).toBe('Chrome ۱۲۴ · Windows');
  expect(cell(21, 'session-client')).toBe('Safari ۱۷.۴ · iOS');
  // The raw User-Agent stays available as a tooltip.
  expect(within(row(37)).getByTestId('session-client').getAttribute('title')).toMatch(/^Mozilla\/5\.0 \(Windows NT 10\.0/);
  expect(cell(37, 'session-device')).toBe('DESKTOP-7KQ2M');

  // Jalali date-times in Tehran time, and how long ago.
  expect(cell(37, 'session-signed-in')).toBe('۲۰ آبان ۱۴۰۴ ساعت ۱۴:۰۰');
  expect(cell(37, 'session-last-seen')).toContain('۵ دقیقه پیش');
  expect(cell(37, 'session-last-seen')).toContain('۲۹ آبان ۱۴۰۴ ساعت ۱۳:۵۵');
  expect(cell(21, 'session-last-seen')).toContain('۳ روز پیش');
  expect(cell(21, 'session-signed-in')).toBe('۱۹ مهر ۱۴۰۴ ساعت ۱۴:۰۰');

  // This computer: marked, and no way to sign itself out here.
  expect(within(row(42)).getByTestId('session-current').textContent).toBe('همین رایانه');
  expect(within(row(42)).queryByTestId('session-revoke')).toBeNull();
  expect(screen.getAllByTestId('session-current')).toHaveLength(1);
  // Every other active session has its button.
  expect(within(row(37)).getByTestId('session-revoke').textContent).toBe(fa.sessionRevoke);
  expect(within(row(21)).getByTestId('session-revoke')).toBeTruthy();
  expect(screen.getByTestId('sessions').textContent).toContain(fa.sessionsTitle);
});

test('signing out another session asks first, calls revoke_session with its id and reloads the list', async () => {
  renderIn('fa');
  await screen.findAllByTestId('session-row');
  expect(callsOf('sessions')).toHaveLength(1);

  // Changing one's mind calls nothing.
  fireEvent.click(within(row(37)).getByTestId('session-revoke'));
  let dialog = screen.getByTestId('session-revoke-confirm');
  expect(dialog.textContent).toContain(fa.sessionRevokeTitle);
  expect(dialog.textContent).toContain(fa.sessionRevokeBody);
  expect(dialog.textContent).toContain('Chrome ۱۲۴ · Windows');
  expect(dialog.textContent).toContain('DESKTOP-7KQ2M');
  fireEvent.click(screen.getByTestId('session-revoke-no'));
  expect(screen.queryByTestId('session-revoke-confirm')).toBeNull();
  expect(callsOf('revoke_session')).toHaveLength(0);

  fireEvent.click(within(row(37)).getByTestId('session-revoke'));
  dialog = screen.getByTestId('session-revoke-confirm');
  fireEvent.click(within(dialog).getByTestId('session-revoke-yes'));

  const notice = await screen.findByTestId('session-revoked');
  expect(callsOf('revoke_session')).toEqual([{ sessionId: 37 }]);
  expect(notice.dataset.id).toBe('37');
  expect(notice.textContent).toContain('Chrome ۱۲۴ · Windows');
  // The list was read again and now shows it signed out, dimmed, without a button.
  await waitFor(() => expect(row(37).dataset.revoked).toBe('true'));
  expect(callsOf('sessions')).toHaveLength(2);
  expect(row(37).className).toContain('sessions__row--revoked');
  expect(within(row(37)).getByTestId('session-signed-out').textContent).toBe('خارج‌شده');
  expect(within(row(37)).queryByTestId('session-revoke')).toBeNull();
  expect(screen.queryByTestId('session-revoke-confirm')).toBeNull();
  // The others are untouched.
  expect(row(21).dataset.revoked).toBe('false');
  expect(within(row(21)).getByTestId('session-revoke')).toBeTruthy();
});

test('offline: the list needs the platform, with Retry; the list appears once it can be reached', async () => {
  backend.setOffline(true);
  renderIn('fa');
  const error = await screen.findByTestId('sessions-error');
  expect(error.dataset.code).toBe('platform_unreachable');
  expect(error.textContent).toContain(fa.sessionsOffline);
  expect(screen.queryAllByTestId('session-row')).toHaveLength(0);
  expect(screen.queryByTestId('loading-state')).toBeNull();

  // Still offline: asked again, still the error.
  fireEvent.click(screen.getByTestId('sessions-retry'));
  await waitFor(() => expect(callsOf('sessions')).toHaveLength(2));
  expect(await screen.findByTestId('sessions-error')).toBeTruthy();

  backend.setOffline(false);
  fireEvent.click(screen.getByTestId('sessions-retry'));
  expect(await screen.findAllByTestId('session-row')).toHaveLength(3);
  expect(screen.queryByTestId('sessions-error')).toBeNull();
  expect(callsOf('sessions')).toHaveLength(3);
});

test('a refused sign-out shows the reason in the merchant’s language and the list is read again', async () => {
  extra = (cmd) => {
    if (cmd === 'revoke_session') {
      throw { code: 'invalid', message: 'This is this computer’s own session.', messageFa: 'این نشستِ همین رایانه است.' };
    }
    return undefined;
  };
  renderIn('fa');
  await screen.findAllByTestId('session-row');
  fireEvent.click(within(row(21)).getByTestId('session-revoke'));
  fireEvent.click(screen.getByTestId('session-revoke-yes'));
  const err = await screen.findByTestId('session-revoke-error');
  expect(err.dataset.code).toBe('invalid');
  expect(err.textContent).toContain('این نشستِ همین رایانه است.');
  expect(screen.queryByTestId('session-revoked')).toBeNull();
  await waitFor(() => expect(callsOf('sessions')).toHaveLength(2));
  expect(row(21).dataset.revoked).toBe('false');
});

test('English: labels, Gregorian dates, unknown and missing User-Agents, a signed-out session', async () => {
  const more: SessionInfo[] = [
    ...sampleSessions(NOW),
    {
      id: 9,
      signedInAt: '2025-10-01T06:00:00Z',
      lastSeenAt: '2025-10-02T06:00:00Z',
      userAgent: 'python-requests/2.32.3 some-very-long-tail-that-goes-on-and-on-and-on-for-ever-and-ever',
      deviceName: null,
      current: false,
      revoked: false,
    },
    { id: 5, signedInAt: '2025-09-01T06:00:00Z', lastSeenAt: '2025-09-02T06:00:00Z', userAgent: null, deviceName: null, current: false, revoked: true },
  ];
  backend = mockSessions({ sessions: more });
  renderIn('en');
  await screen.findAllByTestId('session-row');
  const table = screen.getByRole('table');
  for (const h of ['App or browser', 'Device', 'Signed in', 'Last active']) expect(table.textContent).toContain(h);
  expect(cell(42, 'session-client')).toBe('Pishkhan 0.1.0 · Linux');
  expect(cell(37, 'session-client')).toBe('Chrome 124 · Windows');
  expect(cell(21, 'session-client')).toBe('Safari 17.4 · iOS');
  expect(within(row(42)).getByTestId('session-current').textContent).toBe('This computer');
  expect(cell(37, 'session-signed-in')).toBe('November 11, 2025 at 14:00');
  expect(cell(37, 'session-last-seen')).toContain('5 min ago');
  expect(cell(37, 'session-last-seen')).toContain('November 20, 2025 at 13:55');
  expect(within(row(37)).getByTestId('session-revoke').textContent).toBe('Sign out');

  // An unknown client: its raw User-Agent, shortened, whole in the tooltip; no device name.
  const raw = within(row(9)).getByTestId('session-client');
  expect(raw.textContent!.startsWith('python-requests/2.32.3 some-very-long')).toBe(true);
  expect(raw.textContent!.endsWith('…')).toBe(true);
  expect(raw.textContent!.length).toBeLessThanOrEqual(60);
  expect(raw.getAttribute('title')).toBe(more[3].userAgent);
  expect(cell(9, 'session-device')).toBe('Unknown');
  // Older than a month: the date alone.
  expect(cell(9, 'session-last-seen')).toBe('October 2, 2025 at 09:30');

  // No User-Agent at all, and signed out already: dimmed, no button.
  expect(cell(5, 'session-client')).toBe('Unknown');
  expect(row(5).dataset.revoked).toBe('true');
  expect(within(row(5)).getByTestId('session-signed-out').textContent).toBe('Signed out');
  expect(within(row(5)).queryByTestId('session-revoke')).toBeNull();

  fireEvent.click(within(row(21)).getByTestId('session-revoke'));
  expect(screen.getByTestId('session-revoke-confirm').textContent).toContain(
    'Sign out this session?' + 'Safari 17.4 · iOS — iPhone سارا' + 'The app or browser there will have to sign in again.',
  );
  fireEvent.click(screen.getByTestId('session-revoke-yes'));
  expect((await screen.findByTestId('session-revoked')).textContent).toContain('The session “Safari 17.4 · iOS” was signed out.');
  expect(callsOf('revoke_session')).toEqual([{ sessionId: 21 }]);

  // Refresh reads the list again.
  fireEvent.click(screen.getByTestId('sessions-refresh'));
  await waitFor(() => expect(callsOf('sessions')).toHaveLength(3));
  expect(en.navSessions).toBe('Sessions');
});

test('an empty list says so', async () => {
  backend = mockSessions({ sessions: [] });
  renderIn('en');
  const empty = await screen.findByTestId('empty-state');
  expect(empty.textContent).toContain(en.sessionsEmpty);
  expect(screen.queryByTestId('sessions-error')).toBeNull();
});

test('the navigation reaches the screen as «نشست‌ها»', async () => {
  extra = emptyStoreAnswer;
  render(<App />);
  const nav = await screen.findByTestId('nav-sessions');
  expect(nav.textContent).toBe('نشست‌ها');
  expect(callsOf('sessions')).toHaveLength(0);
  fireEvent.click(nav);
  expect(await screen.findAllByTestId('session-row')).toHaveLength(3);
  expect(screen.getByTestId('sessions')).toBeTruthy();
  expect(nav.getAttribute('aria-current')).toBe('page');
});
