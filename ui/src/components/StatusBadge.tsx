// Coloured badges for order and payment status, shared by lists, detail and dashboard.
import type { OrderStatus, PaymentStatus } from '../api';
import { useLang } from '../lang';

export function StatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useLang();
  return <span className={`status status--${status}`}>{t.status[status]}</span>;
}

export function PaymentBadge({ status }: { status: PaymentStatus }) {
  const { t } = useLang();
  return <span className={`small pay pay--${status}`}>{t.payment[status]}</span>;
}
