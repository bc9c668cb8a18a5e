// DEV/TEST ONLY — an in-memory imitation of the platform's sign-in sessions as the Rust side
// passes them on (`sessions`, `revoke_session`): this app on this computer, a Chrome on
// Windows and Safari on a phone. `offline`: the platform cannot be reached.
import type { PublicError, SessionInfo } from '../api';

export const SESSION_UA = {
  app: 'Pishkhan/0.1.0 (linux; x86_64)',
  chromeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  safariIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
} as const;

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** The three sample sessions, newest first, around `now` (ms). */
export function sampleSessions(now: number = Date.now()): SessionInfo[] {
  return [
    {
      id: 42,
      signedInAt: iso(now - 2 * 24 * 60 * MINUTE),
      lastSeenAt: iso(now - 1 * MINUTE),
      userAgent: SESSION_UA.app,
      deviceName: 'لپ‌تاپ فروشگاه',
      current: true,
      revoked: false,
    },
    {
      id: 37,
      signedInAt: iso(now - 9 * 24 * 60 * MINUTE),
      lastSeenAt: iso(now - 5 * MINUTE),
      userAgent: SESSION_UA.chromeWindows,
      deviceName: 'DESKTOP-7KQ2M',
      current: false,
      revoked: false,
    },
    {
      id: 21,
      signedInAt: iso(now - 40 * 24 * 60 * MINUTE),
      lastSeenAt: iso(now - 3 * 24 * 60 * MINUTE),
      userAgent: SESSION_UA.safariIphone,
      deviceName: 'iPhone سارا',
      current: false,
      revoked: false,
    },
  ];
}

const unreachable = (): PublicError => ({
  code: 'platform_unreachable',
  message: 'could not reach the platform (connection refused)',
  messageFa: 'پلتفرم در دسترس نیست.',
});

export interface MockSessions {
  sessions(): SessionInfo[];
  revokeSession(sessionId: number): null;
  setOffline(offline: boolean): void;
}

export function mockSessions(opts: { offline?: boolean; now?: number; sessions?: SessionInfo[] } = {}): MockSessions {
  let offline = opts.offline ?? false;
  const list = (opts.sessions ?? sampleSessions(opts.now)).map((s) => ({ ...s }));
  return {
    sessions() {
      if (offline) throw unreachable();
      return list.map((s) => ({ ...s }));
    },
    revokeSession(sessionId) {
      if (offline) throw unreachable();
      const s = list.find((x) => x.id === sessionId);
      if (!s) {
        throw {
          code: 'invalid',
          message: `There is no session ${sessionId}.`,
          messageFa: `نشستی با شناسهٔ ${sessionId} نیست.`,
        } satisfies PublicError;
      }
      if (s.current) {
        throw {
          code: 'invalid',
          message: 'This is this computer’s own session; use “Sign out” instead.',
          messageFa: 'این نشستِ همین رایانه است؛ برای خروج از دکمهٔ «خروج» استفاده کنید.',
        } satisfies PublicError;
      }
      // The platform keeps a signed-out session on the list, marked (signing out twice is fine).
      s.revoked = true;
      return null;
    },
    setOffline(v) {
      offline = v;
    },
  };
}
