// DEV/TEST ONLY — deterministic sample store data (Persian names, realistic statuses) and a
// plain in-memory implementation of the order/customer/dashboard commands over it.
import type {
  Customer,
  CustomerDetail,
  CustomerPage,
  CustomerQuery,
  CustomerSummary,
  Dashboard,
  DashboardQuery,
  FilterOptions,
  Order,
  OrderDetail,
  OrderPage,
  OrderQuery,
  OrderStatus,
  OrderSummary,
  PaymentStatus,
  StatusChange,
} from '../api';
import { addDays, tehranToday } from '../lib/days';

const FIRST = ['مریم', 'علی', 'زهرا', 'حسین', 'فاطمه', 'رضا', 'نرگس', 'امیر', 'سارا', 'محمد', 'الهام', 'مهدی', 'نیلوفر', 'کاوه', 'شیما', 'پویا'];
const LAST = ['احمدی', 'رضایی', 'محمدی', 'کریمی', 'حسینی', 'موسوی', 'جعفری', 'قاسمی', 'نوری', 'صادقی', 'کاظمی', 'رحیمی', 'اکبری', 'شریفی'];
const PLACES: Array<[string, string[]]> = [
  ['تهران', ['تهران', 'شهریار', 'ورامین']],
  ['اصفهان', ['اصفهان', 'کاشان', 'نجف‌آباد']],
  ['فارس', ['شیراز', 'مرودشت']],
  ['خراسان رضوی', ['مشهد', 'نیشابور', 'سبزوار']],
  ['آذربایجان شرقی', ['تبریز', 'مراغه']],
  ['گیلان', ['رشت', 'لاهیجان', 'انزلی']],
  ['خوزستان', ['اهواز', 'دزفول']],
  ['البرز', ['کرج', 'نظرآباد']],
];
const PRODUCTS: Array<[string, number, Array<[string, string[]]>]> = [
  ['تی‌شرت نخی', 4_900_000, [['رنگ', ['سفید', 'مشکی', 'سرمه‌ای']], ['سایز', ['M', 'L', 'XL']]]],
  ['شال ابریشمی', 8_500_000, [['رنگ', ['قرمز', 'فیروزه‌ای']]]],
  ['کیف چرمی دستی', 32_000_000, [['رنگ', ['قهوه‌ای', 'مشکی']]]],
  ['ماگ سرامیکی', 2_200_000, []],
  ['دفتر یادداشت', 1_500_000, [['جلد', ['سخت', 'نرم']]]],
  ['کفش ورزشی', 45_000_000, [['سایز', ['40', '41', '42', '43']]]],
  ['عطر گل محمدی', 18_000_000, [['حجم', ['50ml', '100ml']]]],
  ['زعفران نیم مثقالی', 12_000_000, []],
];
const SHIPPING: Array<[string, string, number]> = [
  ['پست پیشتاز', 'post', 450_000],
  ['پیک موتوری', 'courier', 600_000],
  ['تیپاکس', 'courier', 900_000],
  ['تحویل حضوری', 'pickup', 0],
];
const STATUS_WEIGHTS: Array<[OrderStatus, number]> = [
  ['delivered', 46],
  ['shipped', 16],
  ['processing', 14],
  ['pending_payment', 10],
  ['cancelled', 9],
  ['refunded', 5],
];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T,>(r: () => number, a: T[]) => a[Math.floor(r() * a.length)];

export interface MockStore {
  orders: Order[];
  customers: Customer[];
}

/** `orders` orders over the last ~14 months, `orders / 5` customers; same data on every call. */
export function makeMockStore(orderCount = 3000, now: Date = new Date()): MockStore {
  const r = rng(1404);
  const customers: Customer[] = Array.from({ length: Math.max(1, Math.round(orderCount / 5)) }, (_, i) => {
    const [region, cities] = pick(r, PLACES);
    const mobile = `+98912${String(1_000_000 + Math.floor(r() * 8_999_999)).slice(0, 7)}`;
    const created = new Date(now.getTime() - (450 + r() * 300) * 86400_000).toISOString();
    return {
      id: 5000 + i,
      firstName: pick(r, FIRST),
      lastName: pick(r, LAST),
      email: r() < 0.6 ? `customer${i + 1}@example.ir` : null,
      mobilePhone: mobile,
      nationalCode: r() < 0.4 ? String(1_000_000_000 + Math.floor(r() * 8_999_999_999)).slice(0, 10) : null,
      addresses: [
        {
          id: 9000 + i,
          region,
          city: pick(r, cities),
          address: `خیابان ${pick(r, ['ولیعصر', 'آزادی', 'انقلاب', 'بهار', 'امام'])}، کوچهٔ ${1 + Math.floor(r() * 30)}، پلاک ${1 + Math.floor(r() * 120)}`,
          postalCode: String(1_000_000_000 + Math.floor(r() * 8_999_999_999)).slice(0, 10),
          phoneNumber: null,
        },
      ],
      createdAt: created,
      updatedAt: created,
      version: 1,
    };
  });
  const span = 420 * 86400_000;
  const orders: Order[] = Array.from({ length: orderCount }, (_, i) => {
    // Newer orders get higher ids; times spread over the span, denser lately.
    const age = Math.pow(1 - i / orderCount, 1.3) * span;
    const created = new Date(now.getTime() - age - r() * 3600_000);
    const guest = r() < 0.08;
    const c = guest ? null : pick(r, customers);
    let roll = r() * 100;
    let status: OrderStatus = 'delivered';
    for (const [s, w] of STATUS_WEIGHTS) {
      if ((roll -= w) < 0) {
        status = s;
        break;
      }
    }
    // Recent orders are still moving; old ones have settled.
    if (age < 3 * 86400_000 && status === 'delivered') status = r() < 0.5 ? 'processing' : 'shipped';
    const paymentStatus: PaymentStatus =
      status === 'pending_payment' ? 'unpaid' : status === 'refunded' ? 'refunded' : status === 'cancelled' && r() < 0.5 ? 'unpaid' : 'paid';
    const items = Array.from({ length: 1 + Math.floor(r() * 3) }, (_, k) => {
      const [name, price, attrs] = pick(r, PRODUCTS);
      const qty = 1 + Math.floor(r() * 3);
      return {
        id: (i + 1) * 10 + k,
        productVariantId: 300 + PRODUCTS.findIndex((p) => p[0] === name),
        name,
        image: null,
        variantAttributes: attrs.map(([n, vals]) => ({ name: n, value: pick(r, vals) })),
        singleItemPrice: price,
        noOfItems: qty,
        totalItemsPrice: price * qty,
      };
    });
    const [shipName, shipType, shipPrice] = pick(r, SHIPPING);
    const net = items.reduce((s, it) => s + it.totalItemsPrice, 0);
    const discount = r() < 0.2 ? Math.round((net * 0.1) / 10_000) * 10_000 : 0;
    const vat = Math.round(((net - discount) * 0.1) / 10) * 10;
    const final = net + shipPrice - discount + vat;
    const addr = c?.addresses[0];
    const [gRegion, gCities] = pick(r, PLACES);
    const history: StatusChange[] = [{ status: 'pending_payment', at: created.toISOString() }];
    const step = (s: OrderStatus, h: number) => history.push({ status: s, at: new Date(created.getTime() + h * 3600_000).toISOString() });
    if (status !== 'pending_payment') {
      if (status === 'cancelled') step('cancelled', 5);
      else {
        step('processing', 1);
        if (status === 'shipped' || status === 'delivered' || status === 'refunded') step('shipped', 20);
        if (status === 'delivered' || status === 'refunded') step('delivered', 60);
        if (status === 'refunded') step('refunded', 150);
      }
    }
    const shipStatus = status === 'delivered' ? 'delivered' : status === 'shipped' ? 'shipped' : status === 'refunded' ? 'returned' : 'pending';
    return {
      id: 100_000 + i,
      orderNumber: String(100_000 + i),
      orderIdentifier: `ord_${(i * 2654435761) >>> 0}`,
      status,
      paymentStatus,
      customerId: c?.id ?? null,
      invoice: {
        invoiceItems: items,
        shippingItems: [
          {
            id: (i + 1) * 10,
            invoiceItemIds: items.map((it) => it.id),
            rate: { id: SHIPPING.findIndex((s) => s[0] === shipName) + 1, name: shipName, price: shipPrice, type: shipType },
            status: shipStatus,
            carrier: shipType === 'pickup' ? null : shipName,
            trackingCode: shipStatus === 'pending' || shipType === 'pickup' ? null : String(100_000_000_000 + i * 7919),
          },
        ],
        netTotal: net,
        shippingTotal: shipPrice,
        discountTotal: discount,
        creditTotal: 0,
        vat,
        vatPercent: 10,
        finalTotal: final,
        discountUsages: discount ? [{ discountCode: { code: 'NOROOZ' } }] : [],
      },
      shippingAddress: {
        firstName: c?.firstName ?? pick(r, FIRST),
        lastName: c?.lastName ?? pick(r, LAST),
        mobilePhone: c?.mobilePhone ?? null,
        phoneNumber: null,
        email: c?.email ?? null,
        region: addr?.region ?? gRegion,
        city: addr?.city ?? pick(r, gCities),
        address: addr?.address ?? 'خیابان بهار، پلاک ۱۲',
        postalCode: addr?.postalCode ?? null,
        description: null,
        latitude: null,
        longitude: null,
      },
      note: r() < 0.15 ? 'لطفاً کادوپیچ شود.' : null,
      createdAt: created.toISOString(),
      updatedAt: created.toISOString(),
      version: history.length,
      statusHistory: history,
      internalNotes: [],
    };
  });
  return { orders, customers };
}

const mobileDisplay = (m: string | null) => (m ? `0${m.slice(3, 6)} ${m.slice(6, 9)} ${m.slice(9)}` : null);
const tehranDay = (iso: string) => tehranToday(new Date(iso));

export function summarize(o: Order): OrderSummary {
  const a = o.shippingAddress;
  return {
    id: o.id,
    orderNumber: o.orderNumber,
    status: o.status,
    paymentStatus: o.paymentStatus,
    customerId: o.customerId,
    customerName: `${a.firstName} ${a.lastName}`,
    mobile: a.mobilePhone,
    mobileDisplay: mobileDisplay(a.mobilePhone),
    province: a.region,
    city: a.city,
    shippingMethod: o.invoice.shippingItems[0]?.rate.name ?? null,
    finalTotal: o.invoice.finalTotal,
    itemCount: o.invoice.invoiceItems.reduce((s, it) => s + it.noOfItems, 0),
    createdAt: o.createdAt,
  };
}

/** The in-memory "Rust side" over a MockStore. */
export function mockCommands(store: MockStore) {
  const summaries = store.orders.map(summarize);
  const days = store.orders.map((o) => tehranDay(o.createdAt));
  const byId = new Map(store.orders.map((o, i) => [o.id, i]));
  const customerStats = new Map<number, { count: number; spent: number; first: string; last: string }>();
  for (const o of store.orders) {
    if (o.customerId === null) continue;
    const s = customerStats.get(o.customerId) ?? { count: 0, spent: 0, first: o.createdAt, last: o.createdAt };
    s.count++;
    if (o.paymentStatus === 'paid') s.spent += o.invoice.finalTotal;
    if (o.createdAt < s.first) s.first = o.createdAt;
    if (o.createdAt > s.last) s.last = o.createdAt;
    customerStats.set(o.customerId, s);
  }
  const customerSummary = (c: Customer): CustomerSummary => {
    const s = customerStats.get(c.id);
    return {
      id: c.id,
      fullName: `${c.firstName} ${c.lastName}`,
      mobile: c.mobilePhone,
      mobileDisplay: mobileDisplay(c.mobilePhone),
      email: c.email,
      city: c.addresses[0]?.city ?? null,
      orderCount: s?.count ?? 0,
      totalSpent: s?.spent ?? 0,
      firstOrderAt: s?.first ?? null,
      lastOrderAt: s?.last ?? null,
      createdAt: c.createdAt,
    };
  };
  const customersNewestFirst = [...store.customers].reverse();

  const matchOrders = (q: OrderQuery): number[] => {
    const s = (q.search ?? '').trim();
    const idx: number[] = [];
    summaries.forEach((o, i) => {
      if (q.status && o.status !== q.status) return;
      if (q.paymentStatus && o.paymentStatus !== q.paymentStatus) return;
      if (q.shippingMethod && o.shippingMethod !== q.shippingMethod) return;
      if (q.province && o.province !== q.province) return;
      if (q.city && o.city !== q.city) return;
      if (q.customerId != null && o.customerId !== q.customerId) return;
      if (q.minTotal != null && o.finalTotal < q.minTotal) return;
      if (q.maxTotal != null && o.finalTotal > q.maxTotal) return;
      if (q.fromDate && days[i] < q.fromDate) return;
      if (q.toDate && days[i] > q.toDate) return;
      if (s && !(o.orderNumber.includes(s) || o.customerName.includes(s) || (o.city ?? '').includes(s) || (o.mobile ?? '').includes(s)))
        return;
      idx.push(i);
    });
    const dir = q.direction === 'asc' ? 1 : -1;
    const key = q.sort ?? 'date';
    idx.sort((a, b) => {
      const x = summaries[a];
      const y = summaries[b];
      const c =
        key === 'amount' ? x.finalTotal - y.finalTotal : key === 'status' ? x.status.localeCompare(y.status) : x.createdAt.localeCompare(y.createdAt);
      return c !== 0 ? c * dir : (x.id - y.id) * dir;
    });
    return idx;
  };
  const page = <T,>(rows: T[], limit: number | null | undefined, after: string | null | undefined) => {
    const start = after ? Number(after) : 0;
    const n = Math.min(500, Math.max(1, limit ?? 100));
    const slice = rows.slice(start, start + n);
    return { slice, nextAfter: start + n < rows.length ? String(start + n) : null };
  };
  const matchCustomers = (q: CustomerQuery) => {
    const s = (q.search ?? '').trim();
    return customersNewestFirst.filter(
      (c) =>
        !s ||
        `${c.firstName} ${c.lastName}`.includes(s) ||
        (c.mobilePhone ?? '').includes(s) ||
        (c.email ?? '').includes(s) ||
        (c.addresses[0]?.city ?? '').includes(s),
    );
  };

  return {
    listOrders(q: OrderQuery): OrderPage {
      const { slice, nextAfter } = page(matchOrders(q), q.limit, q.after);
      return { orders: slice.map((i) => summaries[i]), nextAfter };
    },
    countOrders: (q: OrderQuery): number => matchOrders(q).length,
    /** After an order in `store` changed (mock edits): the list shows it as it now is. */
    touch(id: number) {
      const i = byId.get(id);
      if (i !== undefined) summaries[i] = summarize(store.orders[i]);
    },
    filterOptions(): FilterOptions {
      const provinces = new Map<string, Set<string>>();
      for (const o of summaries) {
        if (!o.province) continue;
        const set = provinces.get(o.province) ?? new Set<string>();
        if (o.city) set.add(o.city);
        provinces.set(o.province, set);
      }
      const sorted = [...days].sort();
      return {
        provinces: [...provinces].map(([name, cities]) => ({ name, cities: [...cities].sort() })).sort((a, b) => a.name.localeCompare(b.name)),
        shippingMethods: [...new Set(summaries.map((o) => o.shippingMethod).filter((m): m is string => !!m))],
        firstDate: sorted[0] ?? null,
        lastDate: sorted[sorted.length - 1] ?? null,
      };
    },
    orderDetail(id: number): OrderDetail {
      const i = byId.get(id);
      if (i === undefined) throw { code: 'order_not_found', message: `order ${id}`, messageFa: 'سفارش پیدا نشد' };
      const o = store.orders[i];
      const c = store.customers.find((x) => x.id === o.customerId);
      return { order: o, customer: c ? customerSummary(c) : null, mobileDisplay: mobileDisplay(o.shippingAddress.mobilePhone), nextStatuses: [], waitingEdits: [] };
    },
    listCustomers(q: CustomerQuery): CustomerPage {
      const { slice, nextAfter } = page(matchCustomers(q), q.limit, q.after);
      return { customers: slice.map(customerSummary), nextAfter };
    },
    countCustomers: (q: CustomerQuery): number => matchCustomers(q).length,
    customerDetail(id: number): CustomerDetail {
      const c = store.customers.find((x) => x.id === id);
      if (!c) throw { code: 'customer_not_found', message: `customer ${id}`, messageFa: 'مشتری پیدا نشد' };
      return { customer: c, summary: customerSummary(c) };
    },
    dashboard(q: DashboardQuery): Dashboard {
      const daily: Dashboard['daily'] = [];
      const at = new Map<string, { orders: number; revenue: number }>();
      for (let d = q.fromDate, n = 0; d <= q.toDate && n < 4000; d = addDays(d, 1), n++) {
        const p = { orders: 0, revenue: 0 };
        at.set(d, p);
        daily.push({ date: d, ...p });
      }
      const byStatus = new Map<OrderStatus, number>();
      const products = new Map<string, { quantity: number; revenue: number }>();
      const buyers = new Map<string, { customerId: number | null; name: string; orders: number; spent: number }>();
      let orderCount = 0;
      let paid = 0;
      let revenue = 0;
      store.orders.forEach((o, i) => {
        const p = at.get(days[i]);
        if (!p) return;
        orderCount++;
        p.orders++;
        byStatus.set(o.status, (byStatus.get(o.status) ?? 0) + 1);
        if (o.paymentStatus !== 'paid') return;
        paid++;
        revenue += o.invoice.finalTotal;
        p.revenue += o.invoice.finalTotal;
        for (const it of o.invoice.invoiceItems) {
          const x = products.get(it.name) ?? { quantity: 0, revenue: 0 };
          x.quantity += it.noOfItems;
          x.revenue += it.totalItemsPrice;
          products.set(it.name, x);
        }
        const name = summaries[i].customerName;
        const k = o.customerId === null ? `guest:${name}` : String(o.customerId);
        const b = buyers.get(k) ?? { customerId: o.customerId, name, orders: 0, spent: 0 };
        b.orders++;
        b.spent += o.invoice.finalTotal;
        buyers.set(k, b);
      });
      for (const d of daily) Object.assign(d, at.get(d.date));
      return {
        orderCount,
        paidOrderCount: paid,
        revenue,
        averageOrderValue: paid ? Math.round(revenue / paid) : 0,
        daily,
        byStatus: [...byStatus].map(([status, count]) => ({ status, count })).sort((a, b) => b.count - a.count),
        topProducts: [...products].map(([name, v]) => ({ name, ...v })).sort((a, b) => b.revenue - a.revenue).slice(0, 5),
        topCustomers: [...buyers.values()].sort((a, b) => b.spent - a.spent).slice(0, 5),
      };
    },
  };
}
