// Print view of an invoice or a packing slip (A4 or A5), printed with window.print().
import { useState } from 'react';
import { api, type OrderDetail } from '../api';
import { BackButton } from '../components/BackButton';
import { ErrorMessage } from '../components/ErrorMessage';
import { LoadingState } from '../components/LoadingState';
import { OrderItemsTable } from '../components/OrderItemsTable';
import { OrderTotals } from '../components/OrderTotals';
import { useLang } from '../lang';
import { useLoad } from '../lib/useLoad';
import { Address } from './OrderDetailScreen';

export type PrintKind = 'invoice' | 'slip';
type Paper = 'A4' | 'A5';
const PAPER_KEY = 'pishkhan.paper';

function loadPaper(): Paper {
  try {
    return localStorage.getItem(PAPER_KEY) === 'A5' ? 'A5' : 'A4';
  } catch {
    return 'A4';
  }
}

interface Props {
  id: number;
  kind: PrintKind;
  storeName: string | null;
  onBack: () => void;
}

export function PrintScreen({ id, kind, storeName, onBack }: Props) {
  const { t } = useLang();
  const [paper, setPaper] = useState<Paper>(loadPaper);
  const { data, error } = useLoad<OrderDetail>(String(id), () => api.orderDetail(id));

  const choosePaper = (p: Paper) => {
    setPaper(p);
    try {
      localStorage.setItem(PAPER_KEY, p);
    } catch {
      /* ignore */
    }
  };

  return (
    <section className="print-screen" data-testid="print-view" data-kind={kind} data-paper={paper}>
      {/* The page size follows the choice; the CSP allows inline styles, not scripts. */}
      <style>{`@page { size: ${paper} portrait; margin: 10mm; }`}</style>
      <div className="print-toolbar no-print">
        <BackButton onBack={onBack} />
        <div className="toolbar__spacer" />
        <label className="sort">
          <span className="muted small">{t.paperSize}</span>
          <select
            className="input select select--narrow"
            data-testid="paper-size"
            value={paper}
            onChange={(e) => choosePaper(e.target.value as Paper)}
          >
            <option value="A4">A4</option>
            <option value="A5">A5</option>
          </select>
        </label>
        <button type="button" className="btn btn--primary" data-testid="print-button" disabled={!data} onClick={() => window.print()}>
          {t.print}
        </button>
      </div>
      {error && <ErrorMessage error={error} />}
      {!data && !error && <LoadingState rows={4} />}
      {data && (
        <article className={`paper paper--${paper}`}>
          {kind === 'invoice' ? <Invoice detail={data} storeName={storeName} /> : <Slip detail={data} storeName={storeName} />}
        </article>
      )}
    </section>
  );
}

function DocHeader({ title, detail, storeName }: { title: string; detail: OrderDetail; storeName: string | null }) {
  const { t, fmt } = useLang();
  const o = detail.order;
  return (
    <header className="doc__head">
      <div>
        <div className="doc__store">{storeName ?? t.appName}</div>
        <h1 className="doc__title">{title}</h1>
      </div>
      <dl className="doc__meta">
        <div>
          <dt>{t.orderNumber}</dt>
          <dd>{fmt.digits(o.orderNumber)}</dd>
        </div>
        <div>
          <dt>{t.date}</dt>
          <dd>{fmt.date(o.createdAt)}</dd>
        </div>
      </dl>
    </header>
  );
}

function Invoice({ detail, storeName }: { detail: OrderDetail; storeName: string | null }) {
  const { t } = useLang();
  const o = detail.order;
  return (
    <div className="doc">
      <DocHeader title={t.invoiceTitle} detail={detail} storeName={storeName} />
      <div className="doc__parties">
        <div className="doc__box">
          <div className="doc__label">{t.seller}</div>
          <div>{storeName ?? t.appName}</div>
        </div>
        <div className="doc__box">
          <div className="doc__label">{t.buyer}</div>
          <Address order={o} mobileDisplay={detail.mobileDisplay} />
        </div>
      </div>
      <OrderItemsTable order={o} prices />
      <OrderTotals invoice={o.invoice} />
      {o.note && (
        <p className="doc__note">
          <strong>{t.note}: </strong>
          {o.note}
        </p>
      )}
    </div>
  );
}

function Slip({ detail, storeName }: { detail: OrderDetail; storeName: string | null }) {
  const { t } = useLang();
  const o = detail.order;
  const methods = o.invoice.shippingItems.map((s) => s.rate.name);
  return (
    <div className="doc doc--slip">
      <DocHeader title={t.slipTitle} detail={detail} storeName={storeName} />
      <div className="doc__box doc__box--ship">
        <div className="doc__label">{t.shippingAddress}</div>
        <Address order={o} mobileDisplay={detail.mobileDisplay} />
        {methods.length > 0 && (
          <div className="muted small">
            {t.shippingFilter}: {methods.join('، ')}
          </div>
        )}
      </div>
      <OrderItemsTable order={o} prices={false} />
      {o.note && (
        <p className="doc__note">
          <strong>{t.note}: </strong>
          {o.note}
        </p>
      )}
      <div className="doc__sign">{t.packedBy}: ____________________</div>
    </div>
  );
}
