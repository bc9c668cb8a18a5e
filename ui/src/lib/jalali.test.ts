import { expect, test } from 'vitest';
import { isJalaliLeapYear, jalaliMonthLength, toGregorian, toJalali } from './jalali';
import { addDays, fromJalali, jalaliString, tehranToday, weekStart } from './days';

test('Nowruz 1404 and the leap day before it', () => {
  expect(toGregorian(1404, 1, 1)).toEqual({ gy: 2025, gm: 3, gd: 21 });
  expect(toGregorian(1403, 12, 30)).toEqual({ gy: 2025, gm: 3, gd: 20 });
  expect(toJalali(2025, 3, 20)).toEqual({ jy: 1403, jm: 12, jd: 30 });
  expect(toJalali(2025, 3, 21)).toEqual({ jy: 1404, jm: 1, jd: 1 });
  expect(isJalaliLeapYear(1403)).toBe(true);
  expect(isJalaliLeapYear(1404)).toBe(false);
  expect(jalaliMonthLength(1403, 12)).toBe(30);
  expect(jalaliMonthLength(1404, 12)).toBe(29);
  expect(jalaliMonthLength(1404, 6)).toBe(31);
  expect(jalaliMonthLength(1404, 7)).toBe(30);
  expect(jalaliString('2025-03-20')).toBe('1403/12/30');
  expect(fromJalali(1404, 1, 1)).toBe('2025-03-21');
});

test('agrees with the platform Persian calendar for every day of 2010–2035', () => {
  const f = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  });
  let mismatches = 0;
  for (let d = '2010-01-01'; d <= '2035-12-31'; d = addDays(d, 1)) {
    const [y, m, dd] = d.split('-').map(Number);
    const parts = Object.fromEntries(f.formatToParts(new Date(Date.UTC(y, m - 1, dd))).map((p) => [p.type, p.value]));
    const j = toJalali(y, m, dd);
    if (j.jy !== Number.parseInt(parts.year) || j.jm !== Number(parts.month) || j.jd !== Number(parts.day)) mismatches++;
    const back = toGregorian(j.jy, j.jm, j.jd);
    expect(back).toEqual({ gy: y, gm: m, gd: dd });
  }
  expect(mismatches).toBe(0);
});

test('weeks start on Saturday in Jalali and Monday in Gregorian', () => {
  // 2025-03-21 (1 Farvardin 1404) was a Friday.
  expect(weekStart('2025-03-21', 'jalali')).toBe('2025-03-15');
  expect(weekStart('2025-03-22', 'jalali')).toBe('2025-03-22');
  expect(weekStart('2025-03-22', 'gregorian')).toBe('2025-03-17');
  expect(weekStart('2025-03-24', 'gregorian')).toBe('2025-03-24');
});

test('today is the Tehran calendar day', () => {
  // 22:00 UTC on 20 March is already 21 March (01:30) in Tehran.
  expect(tehranToday(new Date('2025-03-20T22:00:00Z'))).toBe('2025-03-21');
  expect(tehranToday(new Date('2025-03-20T20:00:00Z'))).toBe('2025-03-20');
});
