// Sales dashboard for a chosen period: KPIs, chart, statuses, top products and customers.
import { useMemo, useState } from 'react';
import { api, type Dashboard } from '../api';
import { DatePicker } from '../components/DatePicker';
import { EmptyState } from '../components/EmptyState';
import { ErrorMessage } from '../components/ErrorMessage';
import { LoadingState } from '../components/LoadingState';
import { SalesChart } from '../components/SalesChart';
import { StatusBadge } from '../components/StatusBadge';
import { useLang } from '../lang';
import { bucketize, type Bucket } from '../lib/bucket';
import { addDays, monthOf, monthStart, tehranToday, type Calendar, type Ymd } from '../lib/days';
import { useLoad } from '../lib/useLoad';

type Preset = 'month' | 'last30' | 'year';

/** A preset period ending today, in the merchant's calendar. */
export function presetRange(p: Preset, cal: Calendar, today: Ymd = tehranToday()): { from: Ymd; to: Ymd } {
  const { year, month } = monthOf(today, cal);
  if (p === 'month') return { from: monthStart(cal, year, month), to: today };
  if (p === 'year') return { from: monthStart(cal, year, 1), to: today };
  return { from: addDays(today, -29), to: today };
}

interface Props {
  reloadKey: number;
  onOpenCustomer: (id: number) => void;
}

export function DashboardScreen({ reloadKey, onOpenCustomer }: Props) {
  const { lang, t, fmt } = useLang();
  const cal: Calendar = lang === 'fa' ? 'jalali' : 'gregorian';
  const [range, setRange] = useState(() => presetRange('last30', cal));
  const [bucket, setBucket] = useState<Bucket>('day');
  const from = range.from <= range.to ? range.from : range.to;
  const to = range.from <= range.to ? range.to : range.from;
  const { data, error, retry } = useLoad<Dashboard>(`${from}:${to}:${reloadKey}`, () =>
    api.dashboard({ fromDate: from, toDate: to }),
  );
  const points = useMemo(() => (data ? bucketize(data.daily, bucket, cal) : []), [data, bucket, cal]);
  const maxStatus = Math.max(1, ...(data?.byStatus.map((s) => s.count) ?? [1]));

  return (
    <section className="dashboard" data-testid="dashboard" data-from={from} data-to={to}>
      <div className="card toolbar dashboard__bar">
        <h2 className="toolbar__title">{t.dashboardTitle}</h2>
        <div className="toolbar__spacer" />
        <div className="presets" role="group" aria-label={t.period}>
          {(
            [
              ['month', t.presetThisMonth],
              ['last30', t.presetLast30],
              ['year', t.presetThisYear],
            ] as const
          ).map(([p, label]) => (
            <button
              key={p}
              type="button"
              className="btn btn--ghost btn--small"
              data-testid={`preset-${p}`}
              onClick={() => setRange(presetRange(p, cal))}
            >
              {label}
            </button>
          ))}
        </div>
        <DatePicker testId="dashboard-from" label={t.dateFrom} value={range.from} onChange={(d) => d && setRange((r) => ({ ...r, from: d }))} />
        <DatePicker testId="dashboard-to" label={t.dateTo} value={range.to} onChange={(d) => d && setRange((r) => ({ ...r, to: d }))} />
      </div>

      {error && (
        <div className="list-error">
          <ErrorMessage error={error} />
          <button type="button" className="btn btn--secondary btn--small" onClick={retry}>
            {t.retry}
          </button>
        </div>
      )}
      {!data && !error && (
        <div className="card">
          <LoadingState rows={5} />
        </div>
      )}
      {data && (
        <>
          <div className="kpis">
            <div className="card kpi kpi--primary">
              <div className="kpi__label">{t.kpiRevenue}</div>
              <div className="kpi__value" data-testid="dashboard-revenue" data-rials={data.revenue}>
                {fmt.money(data.revenue)}
              </div>
              <div className="small kpi__hint">{t.kpiRevenueHint}</div>
            </div>
            <div className="card kpi">
              <div className="kpi__label muted">{t.kpiOrders}</div>
              <div className="kpi__value" data-testid="dashboard-orders" data-count={data.orderCount}>
                {fmt.num(data.orderCount)}
              </div>
              <div className="small muted">{t.kpiPaid(fmt.num(data.paidOrderCount))}</div>
            </div>
            <div className="card kpi">
              <div className="kpi__label muted">{t.kpiAverage}</div>
              <div className="kpi__value" data-testid="dashboard-average" data-rials={data.averageOrderValue}>
                {fmt.money(data.averageOrderValue)}
              </div>
            </div>
          </div>

          <div className="card section">
            <div className="section__head">
              <h3 className="section__title">{t.salesChart}</h3>
              <div className="toolbar__spacer" />
              <label className="sort">
                <span className="muted small">{t.bucketLabel}</span>
                <select
                  className="input select select--narrow"
                  data-testid="bucket-select"
                  value={bucket}
                  onChange={(e) => setBucket(e.target.value as Bucket)}
                >
                  {(['day', 'week', 'month'] as const).map((b) => (
                    <option key={b} value={b}>
                      {t.buckets[b]}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            {data.orderCount === 0 ? (
              <EmptyState title={t.noSales} hint="" />
            ) : (
              <SalesChart points={points} bucket={bucket} />
            )}
          </div>

          <div className="dashboard__grid">
            <div className="card section">
              <h3 className="section__title">{t.byStatus}</h3>
              <ul className="bars" data-testid="status-breakdown">
                {data.byStatus.map((s) => (
                  <li key={s.status} className="bars__row" data-status={s.status} data-count={s.count}>
                    <StatusBadge status={s.status} />
                    <span className="bars__track">
                      <span className={`bars__fill dot--${s.status}`} style={{ width: `${(s.count / maxStatus) * 100}%` }} />
                    </span>
                    <span className="bars__value">{fmt.num(s.count)}</span>
                  </li>
                ))}
              </ul>
            </div>
            <div className="card section">
              <h3 className="section__title">{t.topProducts}</h3>
              <ol className="ranking" data-testid="top-products">
                {data.topProducts.map((p) => (
                  <li key={p.name} className="ranking__row">
                    <span className="clip">{p.name}</span>
                    <span className="muted small">{t.qty(fmt.num(p.quantity))}</span>
                    <span className="amount">{fmt.money(p.revenue)}</span>
                  </li>
                ))}
              </ol>
            </div>
            <div className="card section">
              <h3 className="section__title">{t.topCustomers}</h3>
              <ol className="ranking" data-testid="top-customers">
                {data.topCustomers.map((c, i) => (
                  <li key={`${c.customerId ?? 'guest'}-${i}`} className="ranking__row">
                    {c.customerId !== null ? (
                      <button
                        type="button"
                        className="link clip"
                        data-testid="top-customer"
                        data-id={c.customerId}
                        onClick={() => onOpenCustomer(c.customerId!)}
                      >
                        {c.name}
                      </button>
                    ) : (
                      <span className="clip">{c.name}</span>
                    )}
                    <span className="muted small">{t.ordersN(fmt.num(c.orders))}</span>
                    <span className="amount">{fmt.money(c.spent)}</span>
                  </li>
                ))}
              </ol>
            </div>
          </div>
        </>
      )}
    </section>
  );
}
