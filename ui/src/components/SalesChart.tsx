// A hand-written SVG bar chart of revenue per bucket; time runs with the reading direction.
import type { BucketPoint, Bucket } from '../lib/bucket';
import { jalaliOf, parseYmd, type Calendar } from '../lib/days';
import { useLang } from '../lang';

const W = 720;
const H = 240;
const PAD = { top: 12, bottom: 30, side: 84 };

interface Props {
  points: BucketPoint[];
  bucket: Bucket;
}

export function SalesChart({ points, bucket }: Props) {
  const { lang, t, fmt, prefs } = useLang();
  const cal: Calendar = lang === 'fa' ? 'jalali' : 'gregorian';
  const rtl = lang === 'fa';
  const toCurrency = (rials: number) => (prefs.currency === 'toman' ? rials / 10 : rials);
  const max = Math.max(1, ...points.map((p) => toCurrency(p.revenue)));
  const plotW = W - PAD.side - 8;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = points.length ? plotW / points.length : plotW;
  const barW = Math.max(2, Math.min(40, slot * 0.7));
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const labelEvery = Math.max(1, Math.ceil(points.length / 10));

  const dayLabel = (d: string) => {
    if (cal === 'jalali') {
      const j = jalaliOf(d);
      return fmt.digits(`${j.jd} ${t.jalaliMonths[j.jm - 1]}`);
    }
    const { m, d: dd } = parseYmd(d);
    return fmt.digits(`${t.gregorianMonths[m - 1].slice(0, 3)} ${dd}`);
  };
  const label = (p: BucketPoint) => {
    if (bucket === 'month') {
      const [y, m] = p.key.split('-').map(Number);
      const names = cal === 'jalali' ? t.jalaliMonths : t.gregorianMonths;
      return fmt.digits(`${names[m - 1]} ${y}`);
    }
    return dayLabel(p.start);
  };
  // Plot x runs from the start side: right in Persian, left in English.
  const xOf = (i: number) => {
    const fromStart = PAD.side + slot * i + (slot - barW) / 2;
    return rtl ? W - fromStart - barW : fromStart;
  };
  // Tick labels sit in the start-side gutter; SVG text inherits the page direction.
  const axisX = rtl ? W - 4 : PAD.side - 6;

  return (
    <svg
      className="chart"
      data-testid="sales-chart"
      data-bucket={bucket}
      data-bars={points.length}
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={t.salesChart}
    >
      {ticks.map((f) => {
        const y = PAD.top + plotH * (1 - f);
        return (
          <g key={f}>
            <line x1={rtl ? 8 : PAD.side} x2={rtl ? W - PAD.side : W - 8} y1={y} y2={y} className="chart__grid" />
            <text x={axisX} y={y + 4} className="chart__tick" textAnchor={rtl ? 'start' : 'end'}>
              {fmt.num(max * f, { notation: 'compact', maximumFractionDigits: 1 })}
            </text>
          </g>
        );
      })}
      {points.map((p, i) => {
        const v = toCurrency(p.revenue);
        const h = (v / max) * plotH;
        const x = xOf(i);
        return (
          <g key={p.key}>
            <rect
              className="chart__bar"
              data-testid="chart-bar"
              data-key={p.key}
              data-revenue={p.revenue}
              data-orders={p.orders}
              x={x}
              y={PAD.top + plotH - h}
              width={barW}
              height={Math.max(h, v > 0 ? 1 : 0)}
              rx={Math.min(4, barW / 3)}
            >
              <title>{`${bucket === 'week' ? t.weekOf(label(p)) : label(p)}: ${fmt.money(p.revenue)} · ${t.ordersN(fmt.num(p.orders))}`}</title>
            </rect>
            {i % labelEvery === 0 && (
              <text x={x + barW / 2} y={H - 10} className="chart__label" textAnchor="middle">
                {label(p)}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
