// The totals block of an order: net, shipping, discount, credit, VAT and the final amount.
import type { Invoice } from '../api';
import { useLang } from '../lang';

export function OrderTotals({ invoice: v }: { invoice: Invoice }) {
  const { t, fmt } = useLang();
  const codes = v.discountUsages.map((d) => d.discountCode.code);
  return (
    <dl className="totals" data-testid="order-totals">
      <div className="totals__row">
        <dt>{t.netTotal}</dt>
        <dd data-testid="order-total-net">{fmt.money(v.netTotal)}</dd>
      </div>
      <div className="totals__row">
        <dt>{t.shippingTotal}</dt>
        <dd data-testid="order-total-shipping">{fmt.money(v.shippingTotal)}</dd>
      </div>
      {v.discountTotal > 0 && (
        <div className="totals__row totals__row--minus">
          <dt>
            {t.discountTotal}
            {codes.length > 0 && (
              <span className="muted small">
                {' '}
                (<bdi dir="ltr">{codes.join(', ')}</bdi>)
              </span>
            )}
          </dt>
          <dd data-testid="order-total-discount">−{fmt.money(v.discountTotal)}</dd>
        </div>
      )}
      {v.creditTotal > 0 && (
        <div className="totals__row totals__row--minus">
          <dt>{t.creditTotal}</dt>
          <dd>−{fmt.money(v.creditTotal)}</dd>
        </div>
      )}
      <div className="totals__row">
        <dt>{t.vat(fmt.num(v.vatPercent))}</dt>
        <dd data-testid="order-total-vat">{fmt.money(v.vat)}</dd>
      </div>
      <div className="totals__row totals__row--final">
        <dt>{t.finalTotal}</dt>
        <dd data-testid="order-total-final" data-rials={v.finalTotal}>
          {fmt.money(v.finalTotal)}
        </dd>
      </div>
    </dl>
  );
}
