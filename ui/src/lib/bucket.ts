// Groups the dashboard's daily series into days, weeks or months of the merchant's calendar.
import { monthOf, weekStart, type Calendar, type Ymd } from './days';

export type Bucket = 'day' | 'week' | 'month';

export interface DailyPoint {
  date: Ymd;
  orders: number;
  revenue: number;
}

export interface BucketPoint {
  /** First day of the bucket that appears in the data (Gregorian Ymd). */
  start: Ymd;
  /** Last day of the bucket that appears in the data. */
  end: Ymd;
  /** Key of the bucket: the day, the week's first day, or 'YYYY-MM' in the calendar. */
  key: string;
  orders: number;
  revenue: number;
}

function keyOf(d: Ymd, bucket: Bucket, cal: Calendar): string {
  if (bucket === 'day') return d;
  if (bucket === 'week') return weekStart(d, cal);
  const { year, month } = monthOf(d, cal);
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** Sum consecutive days that fall in the same bucket; the input is in date order. */
export function bucketize(daily: DailyPoint[], bucket: Bucket, cal: Calendar): BucketPoint[] {
  const out: BucketPoint[] = [];
  for (const p of daily) {
    const key = keyOf(p.date, bucket, cal);
    const last = out[out.length - 1];
    if (last && last.key === key) {
      last.end = p.date;
      last.orders += p.orders;
      last.revenue += p.revenue;
    } else {
      out.push({ key, start: p.date, end: p.date, orders: p.orders, revenue: p.revenue });
    }
  }
  return out;
}
