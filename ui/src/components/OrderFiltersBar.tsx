// The orders list's search box, filters and sort controls (state lives in OrdersScreen).
import { ORDER_STATUSES, PAYMENT_STATUSES, type FilterOptions, type OrderStatus, type PaymentStatus, type SortKey } from '../api';
import { useLang } from '../lang';
import { isFiltered, type OrderFilters } from '../lib/orderFilters';
import { DatePicker } from './DatePicker';

interface Props {
  filters: OrderFilters;
  options: FilterOptions | null;
  onChange: (patch: Partial<OrderFilters>) => void;
  onClear: () => void;
}

export function OrderFiltersBar({ filters: f, options, onChange, onClear }: Props) {
  const { t, fmt } = useLang();
  const provinces = options?.provinces ?? [];
  const cities = provinces.find((p) => p.name === f.province)?.cities ?? [];
  // Keep a saved value selectable even before (or without) the options arriving.
  const withSaved = (list: string[], saved: string) => (saved && !list.includes(saved) ? [saved, ...list] : list);

  return (
    <div className="filters">
      <div className="filters__row">
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
            value={f.search}
            onChange={(e) => onChange({ search: e.target.value })}
          />
        </div>
        <select
          className="input select"
          data-testid="status-filter"
          aria-label={t.statusFilter}
          value={f.status}
          onChange={(e) => onChange({ status: e.target.value as OrderStatus | '' })}
        >
          <option value="">{t.allStatuses}</option>
          {ORDER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t.status[s]}
            </option>
          ))}
        </select>
        <select
          className="input select"
          data-testid="payment-filter"
          aria-label={t.paymentFilter}
          value={f.paymentStatus}
          onChange={(e) => onChange({ paymentStatus: e.target.value as PaymentStatus | '' })}
        >
          <option value="">{t.allPayments}</option>
          {PAYMENT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t.payment[s]}
            </option>
          ))}
        </select>
        <select
          className="input select"
          data-testid="shipping-filter"
          aria-label={t.shippingFilter}
          value={f.shippingMethod}
          onChange={(e) => onChange({ shippingMethod: e.target.value })}
        >
          <option value="">{t.allShipping}</option>
          {withSaved(options?.shippingMethods ?? [], f.shippingMethod).map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
        <select
          className="input select"
          data-testid="province-filter"
          aria-label={t.provinceFilter}
          value={f.province}
          onChange={(e) => onChange({ province: e.target.value, city: '' })}
        >
          <option value="">{t.allProvinces}</option>
          {withSaved(
            provinces.map((p) => p.name),
            f.province,
          ).map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
        <select
          className="input select"
          data-testid="city-filter"
          aria-label={t.cityFilter}
          value={f.city}
          disabled={!f.province}
          onChange={(e) => onChange({ city: e.target.value })}
        >
          <option value="">{t.allCities}</option>
          {withSaved(cities, f.city).map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>
      <div className="filters__row">
        <label className="amount-field">
          <span className="muted small">{t.amountMin}</span>
          <input
            className="input"
            inputMode="numeric"
            data-testid="amount-min"
            value={f.amountMin}
            placeholder={fmt.currencyName}
            onChange={(e) => onChange({ amountMin: e.target.value })}
          />
        </label>
        <label className="amount-field">
          <span className="muted small">{t.amountMax}</span>
          <input
            className="input"
            inputMode="numeric"
            data-testid="amount-max"
            value={f.amountMax}
            placeholder={fmt.currencyName}
            onChange={(e) => onChange({ amountMax: e.target.value })}
          />
        </label>
        <DatePicker
          testId="date-from"
          label={t.dateFrom}
          value={f.fromDate}
          minDate={options?.firstDate}
          maxDate={options?.lastDate}
          onChange={(d) => onChange({ fromDate: d })}
        />
        <DatePicker
          testId="date-to"
          label={t.dateTo}
          value={f.toDate}
          minDate={options?.firstDate}
          maxDate={options?.lastDate}
          onChange={(d) => onChange({ toDate: d })}
        />
        <div className="toolbar__spacer" />
        <label className="sort">
          <span className="muted small">{t.sortBy}</span>
          <select
            className="input select select--narrow"
            data-testid="sort-select"
            value={f.sort}
            onChange={(e) => onChange({ sort: e.target.value as SortKey })}
          >
            {(['date', 'amount', 'status'] as const).map((k) => (
              <option key={k} value={k}>
                {t.sortKeys[k]}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="btn btn--ghost btn--small"
          data-testid="sort-direction"
          data-direction={f.direction}
          aria-label={f.direction === 'asc' ? t.sortAsc : t.sortDesc}
          title={f.direction === 'asc' ? t.sortAsc : t.sortDesc}
          onClick={() => onChange({ direction: f.direction === 'asc' ? 'desc' : 'asc' })}
        >
          <span aria-hidden="true">{f.direction === 'asc' ? '↑' : '↓'}</span>
          {f.direction === 'asc' ? t.sortAsc : t.sortDesc}
        </button>
        <button
          type="button"
          className="btn btn--ghost btn--small"
          data-testid="clear-filters"
          disabled={!isFiltered(f)}
          onClick={onClear}
        >
          {t.clearFilters}
        </button>
      </div>
    </div>
  );
}
