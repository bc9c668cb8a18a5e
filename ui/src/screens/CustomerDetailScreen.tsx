// One customer: contact, addresses, what they bought in total, and their orders.
import { useMemo } from 'react';
import { api, type CustomerDetail, type OrderQuery } from '../api';
import { BackButton } from '../components/BackButton';
import { EmptyState } from '../components/EmptyState';
import { ErrorMessage } from '../components/ErrorMessage';
import { LoadingState } from '../components/LoadingState';
import { OrderList } from '../components/OrderList';
import { useLang } from '../lang';
import { useLoad } from '../lib/useLoad';

interface Props {
  id: number;
  reloadKey: number;
  onBack: () => void;
  onOpenOrder: (id: number) => void;
}

export function CustomerDetailScreen({ id, reloadKey, onBack, onOpenOrder }: Props) {
  const { t, fmt } = useLang();
  const { data, error, retry } = useLoad<CustomerDetail>(`${id}:${reloadKey}`, () => api.customerDetail(id));
  const ordersQuery: OrderQuery = useMemo(() => ({ customerId: id, sort: 'date', direction: 'desc' }), [id]);

  if (error || !data) {
    return (
      <section className="detail">
        <div className="detail__bar">
          <BackButton onBack={onBack} />
        </div>
        {error ? (
          <>
            <ErrorMessage error={error} />
            {error.code !== 'customer_not_found' && (
              <button type="button" className="btn btn--secondary btn--small" onClick={retry}>
                {t.retry}
              </button>
            )}
          </>
        ) : (
          <div className="card">
            <LoadingState rows={4} />
          </div>
        )}
      </section>
    );
  }

  const { customer: c, summary: s } = data;
  return (
    <section className="detail" data-testid="customer-detail" data-id={c.id}>
      <div className="detail__bar">
        <BackButton onBack={onBack} />
        <h2 className="detail__title">{s.fullName || `${c.firstName} ${c.lastName}`}</h2>
      </div>
      <div className="kpis">
        <div className="card kpi">
          <div className="kpi__label muted">{t.orderCount}</div>
          <div className="kpi__value" data-testid="customer-order-count" data-count={s.orderCount}>
            {fmt.num(s.orderCount)}
          </div>
        </div>
        <div className="card kpi">
          <div className="kpi__label muted">{t.totalSpent}</div>
          <div className="kpi__value" data-testid="customer-total-spent" data-rials={s.totalSpent}>
            {fmt.money(s.totalSpent)}
          </div>
        </div>
        <div className="card kpi">
          <div className="kpi__label muted">{t.firstOrder}</div>
          <div className="kpi__value kpi__value--small">{s.firstOrderAt ? fmt.date(s.firstOrderAt) : '—'}</div>
        </div>
        <div className="card kpi">
          <div className="kpi__label muted">{t.lastOrder}</div>
          <div className="kpi__value kpi__value--small">{s.lastOrderAt ? fmt.date(s.lastOrderAt) : '—'}</div>
        </div>
      </div>
      <div className="detail__grid">
        <div className="detail__main">
          <div className="card section section--list">
            <h3 className="section__title">{t.customerOrders}</h3>
            <div className="customer-orders" data-testid="customer-orders">
              <OrderList
                query={ordersQuery}
                reloadKey={reloadKey}
                onOpen={onOpenOrder}
                className="vlist--boxed"
                empty={<EmptyState title={t.noCustomerOrders} hint="" />}
              />
            </div>
          </div>
        </div>
        <aside className="detail__side">
          <div className="card section">
            <h3 className="section__title">{t.contact}</h3>
            <dl className="facts">
              {c.mobilePhone && (
                <div>
                  <dt>{t.mobile}</dt>
                  <dd>
                    <bdi dir="ltr">{fmt.digits(s.mobileDisplay ?? c.mobilePhone)}</bdi>
                  </dd>
                </div>
              )}
              {c.email && (
                <div>
                  <dt>{t.email}</dt>
                  <dd>
                    <bdi dir="ltr">{c.email}</bdi>
                  </dd>
                </div>
              )}
              {c.nationalCode && (
                <div>
                  <dt>{t.nationalCode}</dt>
                  <dd>
                    <bdi dir="ltr">{fmt.digits(c.nationalCode)}</bdi>
                  </dd>
                </div>
              )}
              <div>
                <dt>{t.customerSince}</dt>
                <dd>{fmt.date(c.createdAt)}</dd>
              </div>
            </dl>
          </div>
          <div className="card section">
            <h3 className="section__title">{t.addresses}</h3>
            {c.addresses.length === 0 ? (
              <p className="muted small">{t.noAddresses}</p>
            ) : (
              <ul className="addresses">
                {c.addresses.map((a) => (
                  <li key={a.id} className="address">
                    <div className="strong">
                      {a.region}، {a.city}
                    </div>
                    <div>{a.address}</div>
                    <div className="muted small">
                      {t.postalCode}: <bdi dir="ltr">{fmt.digits(a.postalCode)}</bdi>
                      {a.phoneNumber && (
                        <>
                          {' · '}
                          {t.phone}: <bdi dir="ltr">{fmt.digits(a.phoneNumber)}</bdi>
                        </>
                      )}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </aside>
      </div>
    </section>
  );
}
