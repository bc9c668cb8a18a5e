import { expect, test } from 'vitest';
import { clientLabel, parseUserAgent, truncateRaw } from './userAgent';

const label = (ua: string | null) => {
  const c = parseUserAgent(ua);
  return c && clientLabel(c, 'Pishkhan');
};

test('this app: its version and operating system', () => {
  expect(label('Pishkhan/0.1.0 (linux; x86_64)')).toBe('Pishkhan 0.1.0 · Linux');
  expect(label('Pishkhan/1.2.3 (windows; x86_64)')).toBe('Pishkhan 1.2.3 · Windows');
  expect(label('Pishkhan/1.2.3 (macos; aarch64)')).toBe('Pishkhan 1.2.3 · macOS');
  expect(label('Pishkhan/0.1.0')).toBe('Pishkhan 0.1.0');
  expect(parseUserAgent('Pishkhan/0.1.0 (linux; x86_64)')?.kind).toBe('app');
  // The caller translates the app's name.
  expect(clientLabel(parseUserAgent('Pishkhan/0.1.0 (linux; x86_64)')!, 'پیشخوان')).toBe('پیشخوان 0.1.0 · Linux');
});

test('common browsers and their operating systems', () => {
  const cases: Array<[string, string]> = [
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36', 'Chrome 124 · Windows'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.80', 'Edge 124 · Windows'],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0', 'Firefox 125 · Linux'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15', 'Safari 17.4 · macOS'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1', 'Safari 17.4 · iOS'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1', 'Chrome 124 · iOS'],
    ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36', 'Chrome 124 · Android'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 OPR/110.0.0.0', 'Opera 110 · Windows'],
  ];
  for (const [ua, want] of cases) expect(label(ua), ua).toBe(want);
});

test('anything else is not guessed at', () => {
  expect(parseUserAgent(null)).toBeNull();
  expect(parseUserAgent('')).toBeNull();
  expect(parseUserAgent('curl/8.4.0')).toBeNull();
  expect(parseUserAgent('Mozilla/5.0 (compatible; SomeBot/1.0)')).toBeNull();
  expect(truncateRaw('curl/8.4.0')).toBe('curl/8.4.0');
  const long = 'x'.repeat(100);
  expect(truncateRaw(long)).toBe(`${'x'.repeat(59)}…`);
});
