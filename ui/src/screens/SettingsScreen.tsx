// Display settings (language, digits, currency, theme), this computer's sync preferences (background
// sync interval, new-order notifications), the store's order notifications (email, SMS) and a
// summary of the store and the last sync.
import { useEffect, useId, useRef, useState } from 'react';
import { api, toAppError, type AppError, type AppStatus, type Preferences, type PublicError, type StoreSettings } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { errorText, type Dict, type Lang } from '../i18n';
import { useLang } from '../lang';
import { useTheme, type Currency, type Digits, type Theme } from '../lib/prefs';
import { useSync } from '../lib/sync';

export function SettingsScreen({ status }: { status: AppStatus }) {
  const { t, fmt, prefs, setLang, setDigits, setCurrency } = useLang();
  const [theme, setTheme] = useTheme();
  return (
    <section className="settings" data-testid="settings">
      <div className="card section">
        <h2 className="section__title">{t.display}</h2>
        <div className="settings__grid">
          <label className="field">
            <span className="field__label">{t.language}</span>
            <select className="input" data-testid="language-select" value={prefs.lang} onChange={(e) => setLang(e.target.value as Lang)}>
              <option value="fa">{t.langFa}</option>
              <option value="en">{t.langEn}</option>
            </select>
          </label>
          <label className="field">
            <span className="field__label">{t.digitsLabel}</span>
            <select className="input" data-testid="digits-select" value={prefs.digits} onChange={(e) => setDigits(e.target.value as Digits)}>
              <option value="fa">{t.digitsFa}</option>
              <option value="latin">{t.digitsLatin}</option>
            </select>
          </label>
          <label className="field">
            <span className="field__label">{t.currencyLabel}</span>
            <select
              className="input"
              data-testid="currency-select"
              value={prefs.currency}
              onChange={(e) => setCurrency(e.target.value as Currency)}
            >
              <option value="toman">{t.toman}</option>
              <option value="rial">{t.rial}</option>
            </select>
          </label>
          <label className="field">
            <span className="field__label">{t.themeLabel}</span>
            <select className="input" data-testid="theme-select" value={theme} onChange={(e) => setTheme(e.target.value as Theme)}>
              <option value="system">{t.themeSystem}</option>
              <option value="light">{t.themeLight}</option>
              <option value="dark">{t.themeDark}</option>
            </select>
          </label>
        </div>
        <p className="muted small">{t.calendarNote}</p>
        <p className="muted small" data-testid="settings-sample">
          {fmt.money(12_500_000)} · {fmt.dateTime('2025-03-21T08:00:00Z')}
        </p>
      </div>
      <SyncPreferences />
      <StoreNotifications />
      <div className="card section">
        <h2 className="section__title">{t.storeSection}</h2>
        <dl className="facts">
          <div>
            <dt>{t.storeName}</dt>
            <dd>{status.storeName ?? '—'}</dd>
          </div>
          <div>
            <dt>{t.merchant}</dt>
            <dd>{status.merchantName ?? '—'}</dd>
          </div>
          <div>
            <dt>{t.platform}</dt>
            <dd>
              <bdi dir="ltr">{status.platformUrl ?? '—'}</bdi>
            </dd>
          </div>
          <div>
            <dt>{t.lastSync}</dt>
            <dd>{status.lastSyncAt ? fmt.dateTime(status.lastSyncAt) : t.never}</dd>
          </div>
          <div>
            <dt>{t.cachedOrders}</dt>
            <dd>{fmt.num(status.orderCount)}</dd>
          </div>
          <div>
            <dt>{t.cachedCustomers}</dt>
            <dd>{fmt.num(status.customerCount)}</dd>
          </div>
        </dl>
      </div>
    </section>
  );
}

/** Minutes between background syncs the merchant can choose; 0 = only when asked. */
export const SYNC_INTERVALS = [0, 5, 15, 30, 60] as const;

function SyncPreferences() {
  const { t, fmt } = useLang();
  const [prefs, setPrefs] = useState<Preferences | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    let alive = true;
    api
      .preferences()
      .then((p) => alive && setPrefs(p))
      .catch((e) => alive && setError(toAppError(e)));
    return () => {
      alive = false;
    };
  }, []);
  const save = async (next: Preferences) => {
    const before = prefs;
    setPrefs(next);
    setSaved(false);
    setError(null);
    try {
      await api.setPreferences(next);
      setSaved(true);
    } catch (e) {
      setPrefs(before);
      setError(toAppError(e));
    }
  };
  // An interval the list does not offer (set elsewhere) is still shown as it is.
  const intervals: number[] = [...SYNC_INTERVALS];
  if (prefs && !intervals.includes(prefs.syncIntervalMinutes)) intervals.push(prefs.syncIntervalMinutes);
  return (
    <div className="card section" data-testid="sync-preferences">
      <h2 className="section__title">{t.syncSection}</h2>
      {error && <ErrorMessage error={error} onDismiss={() => setError(null)} />}
      <div className="settings__grid">
        <label className="field">
          <span className="field__label">{t.syncInterval}</span>
          <select
            className="input"
            data-testid="sync-interval"
            disabled={!prefs}
            value={prefs ? String(prefs.syncIntervalMinutes) : ''}
            onChange={(e) => prefs && void save({ ...prefs, syncIntervalMinutes: Number(e.target.value) })}
          >
            {!prefs && <option value="">{t.loading}</option>}
            {intervals.map((m) => (
              <option key={m} value={String(m)}>
                {m === 0 ? t.intervalManual : t.intervalMinutes(fmt.num(m))}
              </option>
            ))}
          </select>
        </label>
        <label className="field field--check">
          <input
            type="checkbox"
            data-testid="notify-new-orders"
            disabled={!prefs}
            checked={prefs?.notifyNewOrders ?? false}
            onChange={(e) => prefs && void save({ ...prefs, notifyNewOrders: e.target.checked })}
          />
          <span>{t.notifyNewOrders}</span>
        </label>
      </div>
      {saved && (
        <p className="muted small" role="status" data-testid="prefs-saved">
          {t.prefsSaved}
        </p>
      )}
    </div>
  );
}

/** The Rust side's own words for why the last attempt failed, in the merchant's language. */
function lastErrorText(t: Dict, e: PublicError): string {
  const own = t.langCode === 'fa' ? e.messageFa || e.message : e.message;
  return own || errorText(t, e);
}

/**
 * The platform's notifications for new orders: the email to the store is always on (its privacy
 * policy); the SMS to the owner's mobile is the merchant's choice, saved here at once and sent to
 * the platform like any edit (by the next sync when offline).
 */
function StoreNotifications() {
  const { t } = useLang();
  const sync = useSync();
  const [settings, setSettings] = useState<StoreSettings | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [saving, setSaving] = useState(0);
  // The last answer from the Rust side (what a failed change goes back to).
  const confirmed = useRef<StoreSettings | null>(null);
  // Answers are applied in the order they were asked for: a reload that started before the
  // merchant's change never overwrites the change's answer, nor an earlier change a later one.
  const loadSeq = useRef(0);
  const saveSeq = useRef(0);
  const inFlight = useRef(0);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  const emailHint = useId();

  const apply = (s: StoreSettings) => {
    confirmed.current = s;
    setSettings(s);
  };

  // Reloaded whenever a sync ran or the outbox moved (`sync-status`, `status-changed`): another
  // device may have changed the choice, or the waiting one may have reached the platform.
  useEffect(() => {
    const mine = ++loadSeq.current;
    api
      .storeSettings()
      .then((s) => {
        if (mine !== loadSeq.current || inFlight.current > 0) return;
        apply(s);
        setError(null);
      })
      .catch((e) => {
        if (mine === loadSeq.current && inFlight.current === 0) setError(toAppError(e));
      });
  }, [sync.version]);

  const setSms = async (on: boolean) => {
    const mine = ++saveSeq.current;
    inFlight.current++;
    setSaving((n) => n + 1);
    setSettings((s) => s && { ...s, smsOnNewOrder: on });
    setError(null);
    try {
      const s = await api.setSmsOnNewOrder(on);
      if (!alive.current || mine !== saveSeq.current) return;
      loadSeq.current++;
      apply(s);
      // The header's count of waiting edits may have moved.
      sync.refresh();
    } catch (e) {
      if (!alive.current || mine !== saveSeq.current) return;
      loadSeq.current++;
      setSettings(confirmed.current);
      setError(toAppError(e));
    } finally {
      inFlight.current--;
      if (alive.current) setSaving((n) => n - 1);
    }
  };

  return (
    <div className="card section" data-testid="store-notifications">
      <h2 className="section__title">{t.storeNotifications}</h2>
      {error && <ErrorMessage error={error} onDismiss={() => setError(null)} />}
      <div className="store-notifications">
        <div>
          <label className="field field--check">
            {/* Not the merchant's to change: shown as it is, read only. */}
            <input
              type="checkbox"
              data-testid="email-on-new-order"
              checked={settings?.emailOnNewOrder ?? true}
              disabled
              aria-describedby={emailHint}
            />
            <span>{t.emailOnNewOrder}</span>
          </label>
          <p className="muted small store-notifications__hint" id={emailHint} data-testid="email-always-on">
            {t.emailAlwaysOn}
          </p>
        </div>
        <div>
          <label className="field field--check">
            {/* Stays enabled while saving, so keyboard focus is not lost; answers are ordered. */}
            <input
              type="checkbox"
              data-testid="sms-on-new-order"
              disabled={!settings}
              aria-busy={saving > 0}
              checked={settings?.smsOnNewOrder ?? false}
              onChange={(e) => void setSms(e.target.checked)}
            />
            <span>{t.smsOnNewOrder}</span>
          </label>
          {/* One live region, present from the start, so each change of state is announced. */}
          <div className="store-notifications__state" role="status">
            {saving > 0 ? (
              <span className="muted small" data-testid="sms-saving">
                {t.saving}
              </span>
            ) : (
              settings && <SmsState settings={settings} />
            )}
          </div>
        </div>
      </div>
    </div>
  );
}

function SmsState({ settings }: { settings: StoreSettings }) {
  const { t } = useLang();
  const failed = settings.lastError && (
    <div className="small" data-testid="sms-last-error" data-code={settings.lastError.code}>
      {t.lastAttemptFailed(lastErrorText(t, settings.lastError))}
    </div>
  );
  if (settings.pending) {
    return (
      <div className="alert alert--pending" data-testid="sms-pending">
        <span className="alert__icon" aria-hidden="true">⏳</span>
        <div className="alert__text">
          <div>{t.smsPending}</div>
          {failed}
        </div>
      </div>
    );
  }
  return (
    <div className="muted small" data-testid="sms-saved">
      <span aria-hidden="true">✓ </span>
      {t.smsSaved}
      {failed}
    </div>
  );
}
