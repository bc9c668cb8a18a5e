// Display settings (language, digits, currency, theme), this computer's sync preferences (background
// sync interval, new-order notifications), the store's order notifications (email, SMS), a
// summary of the store and the last sync, and updates (check, install and restart).
import { useEffect, useId, useRef, useState } from 'react';
import {
  api,
  toAppError,
  type AppError,
  type AppStatus,
  type Preferences,
  type PublicError,
  type StoreSettings,
  type UpdateCheck,
} from '../api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorMessage } from '../components/ErrorMessage';
import { errorText, type Dict, type Lang } from '../i18n';
import { useLang } from '../lang';
import { useTheme, type Currency, type Digits, type Theme } from '../lib/prefs';
import { useSync } from '../lib/sync';
// The version this UI was built with (the app's own, from its Tauri config); a check answers
// with the running app's version, which is the one shown from then on.
import { version as builtVersion } from '../../../src-tauri/tauri.conf.json';

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
      <Updates demo={status.demo} />
    </section>
  );
}

/**
 * This version, and a newer one when the release channel offers it: its notes and "Install and
 * restart" (asked first). Off in the demo. Nothing is asked of the channel until the merchant
 * presses "Check for updates".
 */
function Updates({ demo }: { demo: boolean }) {
  const { t, fmt } = useLang();
  const [check, setCheck] = useState<UpdateCheck | null>(null);
  const [checking, setChecking] = useState(false);
  const [installing, setInstalling] = useState(false);
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const off = demo || check?.off != null;
  const available = off ? null : (check?.available ?? null);

  const runCheck = async () => {
    setChecking(true);
    setError(null);
    try {
      const c = await api.checkForUpdate();
      if (alive.current) setCheck(c);
    } catch (e) {
      if (alive.current) setError(toAppError(e));
    } finally {
      if (alive.current) setChecking(false);
    }
  };

  const install = async () => {
    setAsking(false);
    setInstalling(true);
    setError(null);
    try {
      // On success the app restarts into the new version: this promise does not come back.
      await api.installUpdate();
    } catch (e) {
      if (alive.current) setError(toAppError(e));
    } finally {
      if (alive.current) setInstalling(false);
    }
  };

  /** The channel's date (RFC 3339, or `2025-11-20 10:00:00.0 +00:00:00`): shown as a day. */
  const released = (d: string | null) => {
    const day = d?.match(/^(\d{4}-\d{2}-\d{2})/)?.[1];
    return day ? fmt.date(`${day}T12:00:00Z`) : null;
  };

  const version = check?.current ?? builtVersion;
  return (
    <div className="card section" data-testid="updates" aria-busy={checking || installing}>
      <h2 className="section__title">{t.updatesSection}</h2>
      <dl className="facts">
        <div>
          <dt>{t.updateCurrent}</dt>
          <dd data-testid="update-current" data-version={version}>
            <bdi dir="ltr">{fmt.digits(version)}</bdi>
          </dd>
        </div>
      </dl>
      {off ? (
        <p className="muted small" data-testid="update-off">
          {t.updateOffDemo}
        </p>
      ) : (
        <>
          {error && <ErrorMessage error={error} onDismiss={() => setError(null)} />}
          {/* One live region, present from the start, so the answer of a check is announced. */}
          <div role="status">
            {check && !available && !checking && (
              <p className="small" data-testid="update-none">
                {t.updateNone}
              </p>
            )}
            {available && (
              <div className="update-available" data-testid="update-available" data-version={available.version}>
                <p className="update-available__title">
                  {t.updateAvailable(fmt.digits(available.version))}
                  {released(available.date) && <span className="muted small"> · {t.updateReleased(released(available.date)!)}</span>}
                </p>
                {available.notes && (
                  <>
                    <h3 className="field__label">{t.updateNotes}</h3>
                    <p className="update-available__notes" data-testid="update-notes" dir="auto">
                      {available.notes}
                    </p>
                  </>
                )}
              </div>
            )}
            {installing && (
              <p className="small" data-testid="update-installing">
                {t.updateInstalling}
              </p>
            )}
          </div>
          <div className="order-actions__row">
            <button
              type="button"
              className={`btn ${available ? 'btn--secondary' : 'btn--primary'} btn--small`}
              data-testid="update-check"
              disabled={checking || installing}
              aria-busy={checking}
              onClick={() => void runCheck()}
            >
              {checking ? t.updateChecking : t.updateCheck}
            </button>
            {available && (
              <button
                type="button"
                className="btn btn--primary btn--small"
                data-testid="update-install"
                disabled={installing || checking}
                onClick={() => setAsking(true)}
              >
                {t.updateInstall}
              </button>
            )}
          </div>
          <p className="muted small">{t.updateSignedOnly}</p>
        </>
      )}
      {asking && available && (
        <ConfirmDialog
          testid="update-confirm"
          title={t.updateConfirmTitle}
          onCancel={() => setAsking(false)}
          actions={
            <>
              <button type="button" className="btn btn--secondary" data-testid="update-confirm-no" onClick={() => setAsking(false)}>
                {t.cancel}
              </button>
              <button type="button" className="btn btn--primary" data-testid="update-confirm-yes" onClick={() => void install()}>
                {t.updateInstall}
              </button>
            </>
          }
        >
          <p>{t.updateConfirmBody(fmt.digits(available.version))}</p>
        </ConfirmDialog>
      )}
    </div>
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
