import { expect, test } from 'vitest';
import { bucketize, type DailyPoint } from './bucket';
import { addDays } from './days';

function days(from: string, to: string): DailyPoint[] {
  const out: DailyPoint[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push({ date: d, orders: 1, revenue: 10 });
  return out;
}

test('Jalali months: the end of Esfand 1403 (a leap year), Farvardin, a bit of Ordibehesht', () => {
  const b = bucketize(days('2025-03-18', '2025-04-25'), 'month', 'jalali');
  expect(b.map((p) => [p.key, p.start, p.end, p.orders])).toEqual([
    ['1403-12', '2025-03-18', '2025-03-20', 3],
    ['1404-01', '2025-03-21', '2025-04-20', 31],
    ['1404-02', '2025-04-21', '2025-04-25', 5],
  ]);
  expect(b[1].revenue).toBe(310);
});

test('Gregorian months in English', () => {
  const b = bucketize(days('2025-03-18', '2025-04-25'), 'month', 'gregorian');
  expect(b.map((p) => [p.key, p.orders])).toEqual([
    ['2025-03', 14],
    ['2025-04', 25],
  ]);
});

test('weeks start on Saturday (Jalali) or Monday (Gregorian)', () => {
  // 2025-03-20 is a Thursday.
  const sat = bucketize(days('2025-03-20', '2025-04-02'), 'week', 'jalali');
  expect(sat.map((p) => [p.key, p.start, p.end, p.orders])).toEqual([
    ['2025-03-15', '2025-03-20', '2025-03-21', 2],
    ['2025-03-22', '2025-03-22', '2025-03-28', 7],
    ['2025-03-29', '2025-03-29', '2025-04-02', 5],
  ]);
  const mon = bucketize(days('2025-03-20', '2025-04-02'), 'week', 'gregorian');
  expect(mon.map((p) => [p.key, p.orders])).toEqual([
    ['2025-03-17', 4],
    ['2025-03-24', 7],
    ['2025-03-31', 3],
  ]);
});

test('days stay days', () => {
  expect(bucketize(days('2025-03-20', '2025-03-22'), 'day', 'jalali')).toHaveLength(3);
});
