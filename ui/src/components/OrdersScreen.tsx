import { useEffect, useRef, useState } from 'react';
import {
  api,
  ORDER_STATUSES,
  toAppError,
  type AppError,
  type AppStatus,
  type OrderStatus,
  type OrderSummary,
  type SyncProgress,
  type SyncReport,
} from '../api';
import { formatDate, formatDateTime, formatNumber, formatTime, formatToman, localDigits } from '../i18n';
import { useLang } from '../lang';
import { ErrorMessage } from './ErrorMessage';
import { LangToggle } from './LangToggle';
import { ProgressBar } from './ProgressBar';

const PAGE_SIZE = 100;

interface Props {
  status: AppStatus;
  reloadKey: number;
  syncing: boolean;
  progress: SyncProgress | null;
  showProgress: boolean;
  report: SyncReport | null;
  error: AppError | null;
  onSync: () => void;
  onSignOut: () => void;
  onError: (e: AppError) => void;
  onDismiss: () => void;
}

export function OrdersScreen(props: Props) {
  const { status, syncing, progress, showProgress, report, error } = props;
  const { lang, t } = useLang();

  return (
    <div className="app">
      <header className="topbar">
        <div className="topbar__brand">
          <div className="brand-mark" aria-hidden="true">پ</div>
          <div>
            <div className="topbar__store">
              {status.storeName ?? t.appName}
              {status.demo && <span className="badge badge--demo">{t.demoBadge}</span>}
            </div>
            <div className="topbar__merchant muted small">{status.merchantName ?? ''}</div>
          </div>
        </div>
        <div className="topbar__actions">
          <div className="last-sync small" data-testid="last-sync" data-value={status.lastSyncAt ?? ''}>
            <span className="muted">{t.lastSync}: </span>
            <span>{status.lastSyncAt ? formatDateTime(lang, status.lastSyncAt) : t.never}</span>
          </div>
          <button
            type="button"
            className="btn btn--primary"
            data-testid="sync-button"
            onClick={props.onSync}
            disabled={syncing}
            aria-busy={syncing}
          >
            <svg
              className={syncing ? 'spin' : ''}
              width="16"
              height="16"
              viewBox="0 0 24 24"
              fill="none"
              stroke="currentColor"
              strokeWidth="2.2"
              strokeLinecap="round"
              aria-hidden="true"
            >
              <path d="M20 12a8 8 0 0 1-14.3 4.9M4 12a8 8 0 0 1 14.3-4.9" />
              <path d="M18.5 3v4.2h-4.2M5.5 21v-4.2h4.2" />
            </svg>
            {syncing ? t.syncing : t.sync}
          </button>
          <LangToggle />
          <button type="button" className="btn btn--ghost btn--small" onClick={props.onSignOut}>
            {t.signOut}
          </button>
        </div>
      </header>

      <main className="content">
        {showProgress && (
          <div className="card card--slim">
            <ProgressBar progress={progress} />
          </div>
        )}
        {error && <ErrorMessage error={error} onDismiss={props.onDismiss} />}
        {report && !error && !syncing && (
          <div className="alert alert--success" role="status">
            <span className="alert__icon" aria-hidden="true">✓</span>
            <span className="alert__text">
              {t.syncDone(
                formatNumber(lang, report.ordersUpserted),
                formatNumber(lang, report.durationMs / 1000, { maximumFractionDigits: 1 }),
              )}
            </span>
          </div>
        )}

        <div className="stats">
          <div className="stat card">
            <div className="stat__value">{formatNumber(lang, status.orderCount)}</div>
            <div className="stat__label muted">{t.cachedOrders}</div>
          </div>
          <div className="stat card">
            <div className="stat__value">{formatNumber(lang, status.customerCount)}</div>
            <div className="stat__label muted">{t.cachedCustomers}</div>
          </div>
          <div className="stat card stat--wide">
            <div className="stat__value stat__value--small">
              <bdi dir="ltr">{status.platformUrl ?? '—'}</bdi>
            </div>
            <div className="stat__label muted">{t.platform}</div>
          </div>
        </div>

        <OrdersList status={status} reloadKey={props.reloadKey} onError={props.onError} />
      </main>
    </div>
  );
}

function OrdersList({
  status,
  reloadKey,
  onError,
}: {
  status: AppStatus;
  reloadKey: number;
  onError: (e: AppError) => void;
}) {
  const { lang, t } = useLang();
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<OrderStatus | ''>('');
  const [orders, setOrders] = useState<OrderSummary[]>([]);
  const [nextAfter, setNextAfter] = useState<string | null>(null);
  const [total, setTotal] = useState(0);
  const [loaded, setLoaded] = useState(false);
  const [loading, setLoading] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const seq = useRef(0);
  const onErrorRef = useRef(onError);
  onErrorRef.current = onError;

  // Debounce typing.
  useEffect(() => {
    const h = setTimeout(() => setSearch(searchText.trim()), 250);
    return () => clearTimeout(h);
  }, [searchText]);

  // First page whenever the query or the cache changes.
  useEffect(() => {
    const my = ++seq.current;
    setLoading(true);
    api
      .listOrders({ status: filter || null, search: search || null, limit: PAGE_SIZE, after: null })
      .then((page) => {
        if (my !== seq.current) return;
        setOrders(page.orders);
        setNextAfter(page.nextAfter);
        setTotal(page.total);
        setLoaded(true);
      })
      .catch((e) => {
        if (my === seq.current) onErrorRef.current(toAppError(e));
      })
      .finally(() => {
        if (my === seq.current) setLoading(false);
      });
  }, [search, filter, reloadKey]);

  const loadMore = () => {
    if (!nextAfter || loadingMore) return;
    const my = seq.current;
    setLoadingMore(true);
    api
      .listOrders({ status: filter || null, search: search || null, limit: PAGE_SIZE, after: nextAfter })
      .then((page) => {
        if (my !== seq.current) return;
        setOrders((prev) => {
          const seen = new Set(prev.map((o) => o.id));
          return prev.concat(page.orders.filter((o) => !seen.has(o.id)));
        });
        setNextAfter(page.nextAfter);
        setTotal(page.total);
      })
      .catch((e) => onErrorRef.current(toAppError(e)))
      .finally(() => setLoadingMore(false));
  };

  const filtered = Boolean(search || filter);
  const countText = filtered
    ? t.countFiltered(formatNumber(lang, total), formatNumber(lang, status.orderCount))
    : t.countAll(formatNumber(lang, total));

  return (
    <section className="card orders">
      <div className="toolbar">
        <h2 className="toolbar__title">{t.orders}</h2>
        <span className="pill pill--count" data-testid="order-count" data-count={total}>
          {countText}
        </span>
        <div className="toolbar__spacer" />
        <div className="search">
          <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
            <circle cx="11" cy="11" r="7" />
            <path d="m20 20-3.5-3.5" />
          </svg>
          <input
            className="input search__input"
            type="search"
            data-testid="search-input"
            placeholder={t.searchPlaceholder}
            aria-label={t.searchPlaceholder}
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
          />
        </div>
        <select
          className="input select"
          data-testid="status-filter"
          aria-label={t.statusFilter}
          value={filter}
          onChange={(e) => setFilter(e.target.value as OrderStatus | '')}
        >
          <option value="">{t.allStatuses}</option>
          {ORDER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t.status[s]}
            </option>
          ))}
        </select>
      </div>

      <div className="orders__body" data-testid="orders-list" aria-busy={loading}>
        {!loaded ? (
          <div className="skeleton" aria-label={t.loading}>
            {Array.from({ length: 6 }, (_, i) => (
              <div key={i} className="skeleton__row" />
            ))}
          </div>
        ) : orders.length === 0 ? (
          <div className="empty">
            <div className="empty__icon" aria-hidden="true">
              <svg width="44" height="44" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.6">
                <path d="M3 7h18l-1.5 12.5a2 2 0 0 1-2 1.5H6.5a2 2 0 0 1-2-1.5L3 7z" />
                <path d="M8 7V5a4 4 0 0 1 8 0v2" />
              </svg>
            </div>
            <div className="empty__title">{filtered ? t.noMatchTitle : t.emptyTitle}</div>
            <div className="muted">{filtered ? t.noMatchHint : t.emptyHint}</div>
          </div>
        ) : (
          <>
            <table className={`table ${loading ? 'table--stale' : ''}`}>
              <thead>
                <tr>
                  <th>{t.colNumber}</th>
                  <th>{t.colCustomer}</th>
                  <th>{t.colCity}</th>
                  <th>{t.colStatus}</th>
                  <th className="num">{t.colAmount}</th>
                  <th>{t.colDate}</th>
                </tr>
              </thead>
              <tbody>
                {orders.map((o) => (
                  <tr key={o.id} data-testid="order-row" data-order-number={o.orderNumber} data-status={o.status}>
                    <td>
                      <div className="order-no">{localDigits(lang, o.orderNumber)}</div>
                      <div className="muted small">{t.items(formatNumber(lang, o.itemCount))}</div>
                    </td>
                    <td>
                      <div>{o.customerName}</div>
                      {o.mobile && (
                        <div className="muted small">
                          <bdi dir="ltr">{localDigits(lang, o.mobileDisplay ?? o.mobile)}</bdi>
                        </div>
                      )}
                    </td>
                    <td>
                      <div>{o.city ?? '—'}</div>
                      {o.province && <div className="muted small">{o.province}</div>}
                    </td>
                    <td>
                      <span className={`status status--${o.status}`}>{t.status[o.status]}</span>
                    </td>
                    <td className="num">
                      <div className="amount">{formatToman(lang, o.finalTotal)}</div>
                      <div className={`small pay pay--${o.paymentStatus}`}>{t.payment[o.paymentStatus]}</div>
                    </td>
                    <td>
                      <div>{formatDate(lang, o.createdAt)}</div>
                      <div className="muted small">{formatTime(lang, o.createdAt)}</div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {nextAfter && (
              <div className="more">
                <button
                  type="button"
                  className="btn btn--secondary"
                  data-testid="more-button"
                  onClick={loadMore}
                  disabled={loadingMore}
                >
                  {loadingMore ? t.loadingMore : t.more}
                </button>
              </div>
            )}
          </>
        )}
      </div>
    </section>
  );
}
