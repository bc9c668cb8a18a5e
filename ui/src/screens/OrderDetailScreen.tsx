// One order in full: items, totals, shipments, address, customer, status timeline and note,
// and what the merchant can do to it (status, shipment, internal note, cancel). Edits apply to
// the cache at once and wait in the outbox; their banners say so until the platform has them.
import { useContext, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api, toAppError, type AppError, type Order, type OrderDetail, type OrderStatus } from '../api';
import { BackButton } from '../components/BackButton';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorMessage } from '../components/ErrorMessage';
import { LoadingState } from '../components/LoadingState';
import { OrderItemsTable } from '../components/OrderItemsTable';
import { OrderTotals } from '../components/OrderTotals';
import { PaymentBadge, StatusBadge } from '../components/StatusBadge';
import { StatusTimeline } from '../components/StatusTimeline';
import { WaitingEditBanner } from '../components/WaitingEdit';
import { useLang } from '../lang';
import { useSync } from '../lib/sync';
import { ListCacheContext, patchCachedOrder } from '../lib/usePagedList';

interface Props {
  id: number;
  reloadKey: number;
  onBack: () => void;
  onOpenCustomer: (id: number) => void;
  onPrint: (kind: 'invoice' | 'slip') => void;
}

export function OrderDetailScreen({ id, reloadKey, onBack, onOpenCustomer, onPrint }: Props) {
  const { t } = useLang();
  const sync = useSync();
  const [detail, setDetail] = useState<OrderDetail | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [attempt, setAttempt] = useState(0);
  // Answers are applied in the order they were asked for: a reload that started before an
  // edit never overwrites the edit's answer.
  const seq = useRef(0);
  const listCache = useContext(ListCacheContext);
  // The lists the merchant came from show the order as this page does.
  useEffect(() => {
    if (detail) patchCachedOrder(listCache, detail.order);
  }, [detail, listCache]);

  useEffect(() => {
    const mine = ++seq.current;
    api
      .orderDetail(id)
      .then((d) => {
        if (mine !== seq.current) return;
        setDetail(d);
        setError(null);
      })
      .catch((e) => {
        if (mine === seq.current) setError(toAppError(e));
      });
    // Reload after a sync (reloadKey) and whenever the outbox moved (sync.version); the page
    // keeps showing the last answer meanwhile.
  }, [id, reloadKey, sync.version, attempt]);

  const edited = (d: OrderDetail) => {
    seq.current++;
    setDetail(d);
    setError(null);
    sync.refresh();
  };

  if (error && !detail) {
    return (
      <section className="detail">
        <div className="detail__bar">
          <BackButton onBack={onBack} />
        </div>
        <ErrorMessage error={error} />
        {error.code !== 'order_not_found' && (
          <button type="button" className="btn btn--secondary btn--small" onClick={() => setAttempt((a) => a + 1)}>
            {t.retry}
          </button>
        )}
      </section>
    );
  }
  if (!detail || detail.order.id !== id) {
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
  return (
    <OrderDetailView
      detail={detail}
      onEdited={edited}
      onResolved={sync.refresh}
      onBack={onBack}
      onOpenCustomer={onOpenCustomer}
      onPrint={onPrint}
    />
  );
}

function OrderDetailView({
  detail,
  onEdited,
  onResolved,
  onBack,
  onOpenCustomer,
  onPrint,
}: {
  detail: OrderDetail;
  onEdited: (d: OrderDetail) => void;
  onResolved: () => void;
  onBack: () => void;
  onOpenCustomer: (id: number) => void;
  onPrint: (kind: 'invoice' | 'slip') => void;
}) {
  const { t, fmt } = useLang();
  const o = detail.order;
  const [editError, setEditError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  /** Runs one edit; the answer is the order as the cache now shows it. */
  const run = async (edit: () => Promise<OrderDetail>): Promise<boolean> => {
    setBusy(true);
    setEditError(null);
    try {
      onEdited(await edit());
      return true;
    } catch (e) {
      setEditError(toAppError(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="detail" data-testid="order-detail" data-order-number={o.orderNumber} data-id={o.id} data-status={o.status}>
      <div className="detail__bar">
        <BackButton onBack={onBack} />
        <h2 className="detail__title">{t.orderTitle(fmt.digits(o.orderNumber))}</h2>
        <span data-testid="order-status" data-status={o.status}>
          <StatusBadge status={o.status} />
        </span>
        <PaymentBadge status={o.paymentStatus} />
        <div className="toolbar__spacer" />
        <button type="button" className="btn btn--ghost btn--small" data-testid="print-invoice" onClick={() => onPrint('invoice')}>
          {t.printInvoice}
        </button>
        <button type="button" className="btn btn--ghost btn--small" data-testid="print-slip" onClick={() => onPrint('slip')}>
          {t.printSlip}
        </button>
      </div>
      {(detail.waitingEdits.length > 0 || editError) && (
        <div className="edit-banners" data-testid="waiting-edits">
          {editError && <ErrorMessage error={editError} onDismiss={() => setEditError(null)} />}
          {detail.waitingEdits.map((e) => (
            <WaitingEditBanner key={e.mutationId} entry={e} onResolved={onResolved} onError={setEditError} />
          ))}
        </div>
      )}
      <div className="detail__grid">
        <div className="detail__main">
          <div className="card section">
            <h3 className="section__title">{t.orderItems}</h3>
            <OrderItemsTable order={o} prices />
            <OrderTotals invoice={o.invoice} />
          </div>
          <Shipments order={o} />
          <InternalNotes order={o} busy={busy} onAdd={(text) => run(() => api.addOrderNote(o.id, text))} />
          <div className="card section">
            <h3 className="section__title">{t.timeline}</h3>
            <StatusTimeline history={o.statusHistory ?? []} />
          </div>
        </div>
        <aside className="detail__side">
          <OrderActions detail={detail} busy={busy} run={run} />
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

/** Status menu (only what the workflow allows now), shipment form and cancel. */
function OrderActions({
  detail,
  busy,
  run,
}: {
  detail: OrderDetail;
  busy: boolean;
  run: (edit: () => Promise<OrderDetail>) => Promise<boolean>;
}) {
  const { t, fmt } = useLang();
  const o = detail.order;
  const [confirm, setConfirm] = useState<'cancel' | 'refunded' | null>(null);
  const [shipping, setShipping] = useState(false);
  // Cancelling has its own button; the menu offers every other next status.
  const options = detail.nextStatuses.filter((s) => s !== 'cancelled');
  const canCancel = detail.nextStatuses.includes('cancelled');
  const pendingParcels = o.invoice.shippingItems.filter((s) => s.status === 'pending');
  const canShip = pendingParcels.length > 0 && (detail.nextStatuses.includes('shipped') || o.status === 'shipped');
  const choose = (s: OrderStatus) => {
    if (s === 'refunded') setConfirm('refunded');
    else void run(() => api.setOrderStatus(o.id, s));
  };
  const number = fmt.digits(o.orderNumber);
  return (
    <div className="card section" data-testid="order-actions">
      <h3 className="section__title">{t.orderActions}</h3>
      {detail.nextStatuses.length === 0 ? (
        <p className="muted small">{t.noNextStatus}</p>
      ) : (
        <>
          {options.length > 0 && (
            <div className="status-menu" data-testid="status-menu" role="group" aria-label={t.changeStatus}>
              <span className="field__label">{t.changeStatus}</span>
              <div className="status-menu__options">
                {options.map((s) => (
                  <button
                    key={s}
                    type="button"
                    className="btn btn--secondary btn--small"
                    data-testid="status-option"
                    data-status={s}
                    disabled={busy}
                    onClick={() => choose(s)}
                  >
                    {t.status[s]}
                  </button>
                ))}
              </div>
            </div>
          )}
        </>
      )}
      <div className="order-actions__row">
        {canShip && !shipping && (
          <button type="button" className="btn btn--primary btn--small" data-testid="ship-button" disabled={busy} onClick={() => setShipping(true)}>
            {t.ship}
          </button>
        )}
        {canCancel && (
          <button type="button" className="btn btn--danger btn--small" data-testid="cancel-order" disabled={busy} onClick={() => setConfirm('cancel')}>
            {t.cancelOrder}
          </button>
        )}
      </div>
      {shipping && (
        <ShipForm
          order={o}
          busy={busy}
          onCancel={() => setShipping(false)}
          onSubmit={async (parcel, carrier, code) => {
            if (await run(() => api.shipOrder(o.id, parcel, carrier, code))) setShipping(false);
          }}
        />
      )}
      {confirm && (
        <ConfirmDialog
          testid="confirm-dialog"
          title={t.confirmTitle}
          onCancel={() => setConfirm(null)}
          actions={
            <>
              <button type="button" className="btn btn--secondary" data-testid="confirm-no" onClick={() => setConfirm(null)}>
                {t.confirmNo}
              </button>
              <button
                type="button"
                className="btn btn--danger"
                data-testid="confirm-yes"
                onClick={() => {
                  const what = confirm;
                  setConfirm(null);
                  void run(() => (what === 'cancel' ? api.cancelOrder(o.id) : api.setOrderStatus(o.id, 'refunded')));
                }}
              >
                {t.confirmYes}
              </button>
            </>
          }
        >
          <p>{confirm === 'cancel' ? t.confirmCancel(number) : t.confirmRefund(number)}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function ShipForm({
  order,
  busy,
  onCancel,
  onSubmit,
}: {
  order: Order;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (parcel: number | null, carrier: string, trackingCode: string) => void;
}) {
  const { t } = useLang();
  const pending = order.invoice.shippingItems.filter((s) => s.status === 'pending');
  const [parcel, setParcel] = useState<string>('');
  const [carrier, setCarrier] = useState('');
  const [code, setCode] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Empty fields go to Rust too: it says what is missing, in the merchant's language.
    onSubmit(parcel === '' ? null : Number(parcel), carrier, code);
  };
  return (
    <form className="ship-form" data-testid="ship-form" onSubmit={submit}>
      <h4 className="ship-form__title">{t.shipTitle}</h4>
      {pending.length > 1 && (
        <label className="field">
          <span className="field__label">{t.shipParcel}</span>
          <select className="input" data-testid="ship-parcel" value={parcel} onChange={(e) => setParcel(e.target.value)}>
            <option value="">{t.shipAllPending}</option>
            {pending.map((s) => (
              <option key={s.id} value={String(s.id)}>
                {s.rate.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        <span className="field__label">{t.carrier}</span>
        <input
          className="input"
          data-testid="ship-carrier"
          value={carrier}
          placeholder={t.shipCarrierPlaceholder}
          onChange={(e) => setCarrier(e.target.value)}
        />
      </label>
      <label className="field">
        <span className="field__label">{t.tracking}</span>
        <input className="input" dir="ltr" data-testid="ship-tracking" value={code} onChange={(e) => setCode(e.target.value)} />
      </label>
      <div className="order-actions__row">
        <button type="submit" className="btn btn--primary btn--small" data-testid="ship-submit" disabled={busy}>
          {busy ? t.saving : t.shipSubmit}
        </button>
        <button type="button" className="btn btn--ghost btn--small" data-testid="ship-cancel" onClick={onCancel}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}

function InternalNotes({ order, busy, onAdd }: { order: Order; busy: boolean; onAdd: (text: string) => Promise<boolean> }) {
  const { t, fmt } = useLang();
  const [text, setText] = useState('');
  const notes = order.internalNotes ?? [];
  const hint = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await onAdd(text)) setText('');
  };
  return (
    <div className="card section">
      <h3 className="section__title">{t.internalNotes}</h3>
      <p className="muted small">{t.internalNotesHint}</p>
      <ul className="internal-notes" data-testid="internal-notes" data-count={notes.length}>
        {notes.length === 0 && <li className="muted small">{t.noInternalNotes}</li>}
        {notes.map((n, i) => (
          <li key={`${n.at}-${i}`} className="internal-note" data-testid="internal-note">
            <p className="note">{n.text}</p>
            <div className="muted small">{fmt.dateTime(n.at)}</div>
          </li>
        ))}
      </ul>
      <form className="note-form" onSubmit={submit}>
        <textarea
          className="input"
          data-testid="note-input"
          rows={2}
          value={text}
          placeholder={t.notePlaceholder}
          aria-label={t.newNoteLabel}
          aria-describedby={hint}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            // Enter writes a new line; Ctrl+Enter (⌘+Enter) adds the note.
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !busy) {
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            }
          }}
        />
        <span className="visually-hidden" id={hint}>
          {t.noteShortcut}
        </span>
        <button type="submit" className="btn btn--secondary btn--small" data-testid="note-submit" disabled={busy}>
          {t.addNote}
        </button>
      </form>
    </div>
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
