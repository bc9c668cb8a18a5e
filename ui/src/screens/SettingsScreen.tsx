// Display settings (language, digits, currency), this computer's sync preferences (background
// sync interval, new-order notifications) and a summary of the store and the last sync.
import { useEffect, useState } from 'react';
import { api, toAppError, type AppError, type AppStatus, type Preferences } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import type { Lang } from '../i18n';
import { useLang } from '../lang';
import type { Currency, Digits } from '../lib/prefs';

export function SettingsScreen({ status }: { status: AppStatus }) {
  const { t, fmt, prefs, setLang, setDigits, setCurrency } = useLang();
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
        </div>
        <p className="muted small">{t.calendarNote}</p>
        <p className="muted small" data-testid="settings-sample">
          {fmt.money(12_500_000)} · {fmt.dateTime('2025-03-21T08:00:00Z')}
        </p>
      </div>
      <SyncPreferences />
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
