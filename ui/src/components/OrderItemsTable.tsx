// An order's items with variant attributes and quantities; prices optional (not on the slip).
import type { Order } from '../api';
import { useLang } from '../lang';

export function OrderItemsTable({ order, prices }: { order: Order; prices: boolean }) {
  const { t, fmt } = useLang();
  return (
    <table className="table items" data-testid="order-items">
      <thead>
        <tr>
          <th className="items__no">{t.rowNo}</th>
          <th>{t.colProduct}</th>
          <th className="num">{t.colQty}</th>
          {prices && <th className="num">{t.colUnitPrice}</th>}
          {prices && <th className="num">{t.colLineTotal}</th>}
        </tr>
      </thead>
      <tbody>
        {order.invoice.invoiceItems.map((it, i) => (
          <tr key={it.id} data-testid="order-item" data-quantity={it.noOfItems}>
            <td className="items__no muted">{fmt.num(i + 1)}</td>
            <td>
              <div className="items__name">{it.name}</div>
              {it.variantAttributes.length > 0 && (
                <div className="variants">
                  {it.variantAttributes.map((a) => (
                    <span key={a.name} className="variant">
                      {a.name}: {a.value}
                    </span>
                  ))}
                </div>
              )}
            </td>
            <td className="num">{fmt.num(it.noOfItems)}</td>
            {prices && <td className="num">{fmt.money(it.singleItemPrice)}</td>}
            {prices && <td className="num amount">{fmt.money(it.totalItemsPrice)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
