import { expect, test } from 'vitest';
import { mockSessions } from './mockSessions';

test('the mock: three sessions, this computer cannot be revoked, offline fails', () => {
  const m = mockSessions({ now: Date.parse('2025-11-20T10:30:00Z') });
  const list = m.sessions();
  expect(list.map((s) => [s.id, s.current])).toEqual([[42, true], [37, false], [21, false]]);
  expect(() => m.revokeSession(42)).toThrow(expect.objectContaining({ code: 'invalid' }));
  expect(m.revokeSession(37)).toBeNull();
  expect(m.sessions().find((s) => s.id === 37)?.revoked).toBe(true);
  expect(list.find((s) => s.id === 37)?.revoked).toBe(false); // answers are copies
  m.setOffline(true);
  expect(() => m.sessions()).toThrow(expect.objectContaining({ code: 'platform_unreachable' }));
  expect(() => m.revokeSession(21)).toThrow(expect.objectContaining({ code: 'platform_unreachable' }));
});
