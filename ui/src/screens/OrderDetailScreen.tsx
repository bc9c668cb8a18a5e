// One order in full: items, totals, shipments, address, customer, status timeline and note.
import { api, type Order, type OrderDetail } from '../api';
import { BackButton } from '../components/BackButton';
import { ErrorMessage } from '../components/ErrorMessage';
import { LoadingState } from '../components/LoadingState';
import { OrderItemsTable } from '../components/OrderItemsTable';
import { OrderTotals } from '../components/OrderTotals';
import { PaymentBadge, StatusBadge } from '../components/StatusBadge';
import { StatusTimeline } from '../components/StatusTimeline';
import { useLang } from '../lang';
import { useLoad } from '../lib/useLoad';

interface Props {
  id: number;
  reloadKey: number;
  onBack: () => void;
  onOpenCustomer: (id: number) => void;
  onPrint: (kind: 'invoice' | 'slip') => void;
}

export function OrderDetailScreen({ id, reloadKey, onBack, onOpenCustomer, onPrint }: Props) {
  const { t } = useLang();
  const { data, error, retry } = useLoad<OrderDetail>(`${id}:${reloadKey}`, () => api.orderDetail(id));

  if (error) {
    return (
      <section className="detail">
        <div className="detail__bar">
          <BackButton onBack={onBack} />
        </div>
        <ErrorMessage error={error} />
        {error.code !== 'order_not_found' && (
          <button type="button" className="btn btn--secondary btn--small" onClick={retry}>
            {t.retry}
          </button>
        )}
      </section>
    );
  }
  if (!data) {
    return (
      <section className="detail">
        <div className="detail__bar">
          <BackButton onBack={onBack} />
        </div>
        <div className="card">
          <LoadingState rows={5} />
        </div>
      </section>
    );
  }
  return <OrderDetailView detail={data} onBack={onBack} onOpenCustomer={onOpenCustomer} onPrint={onPrint} />;
}

function OrderDetailView({
  detail,
  onBack,
  onOpenCustomer,
  onPrint,
}: {
  detail: OrderDetail;
  onBack: () => void;
  onOpenCustomer: (id: number) => void;
  onPrint: (kind: 'invoice' | 'slip') => void;
}) {
  const { t, fmt } = useLang();
  const o = detail.order;
  return (
    <section className="detail" data-testid="order-detail" data-order-number={o.orderNumber} data-id={o.id}>
      <div className="detail__bar">
        <BackButton onBack={onBack} />
        <h2 className="detail__title">{t.orderTitle(fmt.digits(o.orderNumber))}</h2>
        <StatusBadge status={o.status} />
        <PaymentBadge status={o.paymentStatus} />
        <div className="toolbar__spacer" />
        <button type="button" className="btn btn--ghost btn--small" data-testid="print-invoice" onClick={() => onPrint('invoice')}>
          {t.printInvoice}
        </button>
        <button type="button" className="btn btn--ghost btn--small" data-testid="print-slip" onClick={() => onPrint('slip')}>
          {t.printSlip}
        </button>
      </div>
      <div className="detail__grid">
        <div className="detail__main">
          <div className="card section">
            <h3 className="section__title">{t.orderItems}</h3>
            <OrderItemsTable order={o} prices />
            <OrderTotals invoice={o.invoice} />
          </div>
          <Shipments order={o} />
          <div className="card section">
            <h3 className="section__title">{t.timeline}</h3>
            <StatusTimeline history={o.statusHistory ?? []} />
          </div>
        </div>
        <aside className="detail__side">
          <div className="card section">
            <h3 className="section__title">{t.customerCard}</h3>
            {detail.customer ? (
              <div className="customer-card">
                <div className="customer-card__name">{detail.customer.fullName}</div>
                {detail.customer.mobile && (
                  <div className="muted small">
                    <bdi dir="ltr">{fmt.digits(detail.customer.mobileDisplay ?? detail.customer.mobile)}</bdi>
                  </div>
                )}
                <div className="muted small">
                  {t.ordersN(fmt.num(detail.customer.orderCount))} · {fmt.money(detail.customer.totalSpent)}
                </div>
                <button
                  type="button"
                  className="btn btn--secondary btn--small"
                  data-testid="customer-link"
                  onClick={() => onOpenCustomer(detail.customer!.id)}
                >
                  {t.viewCustomer}
                </button>
              </div>
            ) : (
              <p className="muted small">{t.guestCustomer}</p>
            )}
          </div>
          <div className="card section">
            <h3 className="section__title">{t.shippingAddress}</h3>
            <Address order={o} mobileDisplay={detail.mobileDisplay} />
          </div>
          <div className="card section">
            <h3 className="section__title">{t.orderedAt}</h3>
            <div>{fmt.dateTime(o.createdAt)}</div>
          </div>
          {o.note && (
            <div className="card section" data-testid="order-note">
              <h3 className="section__title">{t.note}</h3>
              <p className="note">{o.note}</p>
            </div>
          )}
        </aside>
      </div>
    </section>
  );
}

function Shipments({ order }: { order: Order }) {
  const { t, fmt } = useLang();
  const items = order.invoice.shippingItems;
  if (items.length === 0) return null;
  return (
    <div className="card section" data-testid="order-shipments">
      <h3 className="section__title">{t.shipments}</h3>
      <ul className="shipments">
        {items.map((s) => (
          <li key={s.id} className="shipment">
            <div className="shipment__head">
              <strong>{s.rate.name}</strong>
              <span className={`ship ship--${s.status}`}>{t.shippingStatus[s.status]}</span>
              <span className="toolbar__spacer" />
              <span className="amount">{fmt.money(s.rate.price)}</span>
            </div>
            <div className="muted small">
              {t.carrier}: {s.carrier ?? '—'} · {t.tracking}:{' '}
              {s.trackingCode ? <bdi dir="ltr">{fmt.digits(s.trackingCode)}</bdi> : t.noTracking}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Address({ order, mobileDisplay }: { order: Order; mobileDisplay?: string | null }) {
  const { lang, t, fmt } = useLang();
  const a = order.shippingAddress;
  return (
    <div className="address">
      <div className="address__name">{`${a.firstName} ${a.lastName}`.trim()}</div>
      <div>{[a.region, a.city].filter(Boolean).join(lang === 'fa' ? '، ' : ', ')}</div>
      {a.address && <div>{a.address}</div>}
      {a.postalCode && (
        <div className="muted small">
          {t.postalCode}: <bdi dir="ltr">{fmt.digits(a.postalCode)}</bdi>
        </div>
      )}
      {(a.mobilePhone || a.phoneNumber) && (
        <div className="muted small">
          {t.phone}: <bdi dir="ltr">{fmt.digits([mobileDisplay ?? a.mobilePhone, a.phoneNumber].filter(Boolean).join(' / '))}</bdi>
        </div>
      )}
    </div>
  );
}
