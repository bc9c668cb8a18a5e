// A sign-in's User-Agent in readable form: this app ("Pishkhan/0.1.0 (linux; x86_64)") or a
// common browser, with its operating system. Anything else is shown as it came, shortened.

export interface ClientInfo {
  /** `app`: this desktop app (its name is translated by the caller); `browser`: a known browser. */
  kind: 'app' | 'browser';
  /** The browser's name ("Chrome", "Firefox", …); "Pishkhan" for the app. */
  name: string;
  /** Major version for browsers (Safari keeps its minor), the full version for the app. */
  version: string | null;
  os: string | null;
}

/** How long an unrecognised User-Agent may be before it is shortened. */
export const RAW_MAX = 60;

const APP_OS: Record<string, string> = {
  linux: 'Linux',
  windows: 'Windows',
  macos: 'macOS',
  darwin: 'macOS',
  android: 'Android',
  ios: 'iOS',
  freebsd: 'FreeBSD',
};

function browserOs(ua: string): string | null {
  if (/iPhone|iPad|iPod/.test(ua)) return 'iOS';
  if (/Android/.test(ua)) return 'Android';
  if (/Windows/.test(ua)) return 'Windows';
  if (/CrOS/.test(ua)) return 'ChromeOS';
  if (/Macintosh|Mac OS X/.test(ua)) return 'macOS';
  if (/Linux|X11/.test(ua)) return 'Linux';
  return null;
}

const major = (v: string) => v.split('.')[0];

/** null when the User-Agent is neither this app nor a browser we know. */
export function parseUserAgent(ua: string | null | undefined): ClientInfo | null {
  if (!ua) return null;
  const s = ua.trim();
  const app = /^Pishkhan\/([\w.+-]+)(?:\s*\(([^)]*)\))?/i.exec(s);
  if (app) {
    const osKey = app[2]?.split(';')[0]?.trim().toLowerCase() ?? '';
    return { kind: 'app', name: 'Pishkhan', version: app[1], os: APP_OS[osKey] ?? (osKey || null) };
  }
  if (!/^Mozilla\//.test(s)) return null;
  const os = browserOs(s);
  // Order matters: Edge and Opera say "Chrome", Chrome says "Safari", iOS browsers say "Safari".
  const browsers: Array<[RegExp, string, boolean?]> = [
    [/\bEdg(?:e|A|iOS)?\/([\d.]+)/, 'Edge'],
    [/\bOPR\/([\d.]+)/, 'Opera'],
    [/\bSamsungBrowser\/([\d.]+)/, 'Samsung Internet'],
    [/\bFirefox\/([\d.]+)/, 'Firefox'],
    [/\bFxiOS\/([\d.]+)/, 'Firefox'],
    [/\bCriOS\/([\d.]+)/, 'Chrome'],
    [/\bChrom(?:e|ium)\/([\d.]+)/, 'Chrome'],
    [/\bVersion\/([\d.]+).*\bSafari\//, 'Safari', true],
  ];
  for (const [re, name, keepMinor] of browsers) {
    const m = re.exec(s);
    if (m) {
      const version = keepMinor ? m[1].split('.').slice(0, 2).join('.') : major(m[1]);
      return { kind: 'browser', name, version, os };
    }
  }
  return null;
}

/** "Chrome 124 · Windows"; `appName` replaces "Pishkhan" (translated). */
export function clientLabel(c: ClientInfo, appName: string): string {
  const name = c.kind === 'app' ? appName : c.name;
  const head = c.version ? `${name} ${c.version}` : name;
  return c.os ? `${head} · ${c.os}` : head;
}

/** An unrecognised User-Agent, shortened for a table cell (the full text goes in a tooltip). */
export function truncateRaw(ua: string, max = RAW_MAX): string {
  const s = ua.trim();
  return s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s;
}
