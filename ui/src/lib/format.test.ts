import { expect, test } from 'vitest';
import { makeFmt, parseAmount, toLatinDigits, toPersianDigits } from './format';

test('digits both ways', () => {
  expect(toPersianDigits('PK-1042')).toBe('PK-۱۰۴۲');
  expect(toLatinDigits('۱۲۳۴۵۶۷۸۹۰')).toBe('1234567890');
  expect(toLatinDigits('٤٥٦')).toBe('456');
});

test('typed amounts become Rials; Persian digits and separators work', () => {
  expect(parseAmount('۱۲۰٬۰۰۰', 'toman')).toBe(1_200_000);
  expect(parseAmount('120,000', 'toman')).toBe(1_200_000);
  expect(parseAmount('۱۲۰۰۰۰۰', 'rial')).toBe(1_200_000);
  expect(parseAmount(' 5 000 ', 'rial')).toBe(5000);
  expect(parseAmount('', 'toman')).toBeNull();
  expect(parseAmount('12a', 'toman')).toBeNull();
  expect(parseAmount('-5', 'rial')).toBeNull();
});

test('money in Toman or Rial, Persian or Latin digits', () => {
  expect(makeFmt({ lang: 'fa', digits: 'fa', currency: 'toman' }).money(12_500_000)).toBe('۱٬۲۵۰٬۰۰۰ تومان');
  expect(makeFmt({ lang: 'fa', digits: 'fa', currency: 'rial' }).money(12_500_000)).toBe('۱۲٬۵۰۰٬۰۰۰ ریال');
  expect(makeFmt({ lang: 'fa', digits: 'latin', currency: 'toman' }).money(12_500_000)).toMatch(/^1.250.000 تومان$/);
  expect(makeFmt({ lang: 'en', digits: 'latin', currency: 'toman' }).money(12_500_000)).toBe('1,250,000 Toman');
  expect(makeFmt({ lang: 'en', digits: 'latin', currency: 'rial' }).money(990_000)).toBe('990,000 Rial');
  expect(makeFmt({ lang: 'en', digits: 'fa', currency: 'toman' }).num(1234)).toMatch(/^۱.۲۳۴$/);
});

test('dates: Jalali in Persian, Gregorian in English, Tehran time', () => {
  const fa = makeFmt({ lang: 'fa', digits: 'fa', currency: 'toman' });
  const faLatin = makeFmt({ lang: 'fa', digits: 'latin', currency: 'toman' });
  const en = makeFmt({ lang: 'en', digits: 'latin', currency: 'toman' });
  // 21:00 UTC on 20 March 2025 = 00:30 on 1 Farvardin 1404 in Tehran.
  expect(fa.date('2025-03-20T21:00:00Z')).toBe('۱ فروردین ۱۴۰۴');
  expect(faLatin.date('2025-03-20T21:00:00Z')).toBe('1 فروردین 1404');
  expect(en.date('2025-03-20T21:00:00Z')).toBe('March 21, 2025');
  expect(fa.time('2025-03-20T21:00:00Z')).toBe('۰۰:۳۰');
  expect(fa.day('2025-03-20')).toBe('۳۰ اسفند ۱۴۰۳');
  expect(fa.dayShort('2025-03-20')).toBe('۱۴۰۳/۱۲/۳۰');
  expect(en.day('2025-03-20')).toBe('Mar 20, 2025');
});
