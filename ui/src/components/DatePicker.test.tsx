import { afterEach, expect, test } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { dicts, type Lang } from '../i18n';
import { LangContext } from '../lang';
import { makeFmt } from '../lib/format';
import { DatePicker } from './DatePicker';

afterEach(cleanup);

function Harness({ lang, initial = null }: { lang: Lang; initial?: string | null }) {
  const [value, setValue] = useState<string | null>(initial);
  const prefs = { lang, digits: lang === 'fa' ? ('fa' as const) : ('latin' as const), currency: 'toman' as const };
  return (
    <LangContext.Provider
      value={{ lang, t: dicts[lang], prefs, fmt: makeFmt(prefs), toggle() {}, setLang() {}, setDigits() {}, setCurrency() {} }}
    >
      <DatePicker testId="date-from" label="from" value={value} onChange={setValue} />
      <output data-testid="value">{value ?? ''}</output>
    </LangContext.Provider>
  );
}

test('Jalali picker: Esfand 1403 has 30 days, weeks start on Saturday, choosing shows the Jalali date', () => {
  render(<Harness lang="fa" initial="2025-03-01" />);
  fireEvent.click(screen.getByTestId('date-from'));
  const picker = screen.getByTestId('date-picker');
  expect((screen.getByTestId('picker-year') as HTMLSelectElement).value).toBe('1403');
  expect((screen.getByTestId('picker-month') as HTMLSelectElement).value).toBe('12');
  expect(screen.getByTestId('picker-month').querySelector('option')!.textContent).toBe('فروردین');
  expect(picker.querySelector('[role=columnheader]')!.textContent).toBe('ش');

  const days = screen.getAllByTestId('picker-day');
  expect(days).toHaveLength(30);
  expect(days[29].dataset.date).toBe('2025-03-20');
  expect(days[29].dataset.jalali).toBe('1403/12/30');
  // 1 Esfand 1403 (2025-02-19) is a Wednesday: four blanks (Sat..Tue) before it.
  const cells = Array.from(picker.querySelector('.picker__grid')!.children).slice(7);
  expect(cells.findIndex((c) => c.getAttribute('data-testid') === 'picker-day')).toBe(4);

  fireEvent.click(screen.getByTestId('picker-next'));
  const farvardin = screen.getAllByTestId('picker-day');
  expect(farvardin).toHaveLength(31);
  expect(farvardin[0].dataset.date).toBe('2025-03-21');
  expect(farvardin[0].dataset.jalali).toBe('1404/01/01');
  fireEvent.click(farvardin[0]);

  expect(screen.getByTestId('value').textContent).toBe('2025-03-21');
  expect(screen.queryByTestId('date-picker')).toBeNull();
  expect(screen.getByTestId('date-from').textContent).toContain('۱۴۰۴/۰۱/۰۱');
});

test('the year select jumps years; 1404 Esfand has 29 days; clear empties the value', () => {
  render(<Harness lang="fa" initial="2025-03-21" />);
  fireEvent.click(screen.getByTestId('date-from'));
  fireEvent.change(screen.getByTestId('picker-month'), { target: { value: '12' } });
  expect(screen.getAllByTestId('picker-day')).toHaveLength(29);
  fireEvent.click(screen.getByTestId('picker-clear'));
  expect(screen.getByTestId('value').textContent).toBe('');
});

test('Gregorian picker in English, Monday first', () => {
  render(<Harness lang="en" initial="2025-02-10" />);
  fireEvent.click(screen.getByTestId('date-from'));
  expect((screen.getByTestId('picker-year') as HTMLSelectElement).value).toBe('2025');
  expect(screen.getByTestId('picker-month').querySelector('option')!.textContent).toBe('January');
  const days = screen.getAllByTestId('picker-day');
  expect(days).toHaveLength(28);
  expect(days[0].dataset.jalali).toBe('1403/11/13');
  fireEvent.click(days[13]);
  expect(screen.getByTestId('value').textContent).toBe('2025-02-14');
  expect(screen.getByTestId('date-from').textContent).toContain('Feb 14, 2025');
});
