// Display settings (language, digits, currency) and a summary of the store and the last sync.
import type { AppStatus } from '../api';
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
