// A small date picker: Jalali months with Saturday-first weeks in Persian, Gregorian in English.
import { useRef, useState, useCallback } from 'react';
import { addDays, monthOf, monthStart, tehranToday, weekday, jalaliString, type Calendar, type Ymd } from '../lib/days';
import { gregorianMonthLength, jalaliMonthLength } from '../lib/jalali';
import { useLang } from '../lang';
import { useDismiss } from '../lib/useDismiss';

interface Props {
  value: Ymd | null;
  onChange: (v: Ymd | null) => void;
  testId: string;
  label: string;
  /** Oldest / newest day worth offering in the year list (e.g. of the cached orders). */
  minDate?: Ymd | null;
  maxDate?: Ymd | null;
}

export function DatePicker({ value, onChange, testId, label, minDate, maxDate }: Props) {
  const { lang, t, fmt } = useLang();
  const cal: Calendar = lang === 'fa' ? 'jalali' : 'gregorian';
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);

  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, close, rootRef);

  return (
    <div className="datepicker" ref={rootRef}>
      <button
        type="button"
        className={`input datepicker__button ${value ? 'datepicker__button--set' : ''}`}
        data-testid={testId}
        data-value={value ?? ''}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-label={label}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="datepicker__label muted small">{label}</span>
        <span>{value ? fmt.dayShort(value) : '—'}</span>
      </button>
      {open && (
        <CalendarPopup
          cal={cal}
          value={value}
          minDate={minDate ?? null}
          maxDate={maxDate ?? null}
          label={label}
          onPick={(d) => {
            onChange(d);
            setOpen(false);
          }}
          weekdays={cal === 'jalali' ? t.weekdaysJalali : t.weekdaysGregorian}
        />
      )}
    </div>
  );
}

interface PopupProps {
  cal: Calendar;
  value: Ymd | null;
  minDate: Ymd | null;
  maxDate: Ymd | null;
  label: string;
  weekdays: string[];
  onPick: (d: Ymd | null) => void;
  /** Offer a "today" shortcut (pointless for a birth date). */
  showToday?: boolean;
}

export function CalendarPopup({ cal, value, minDate, maxDate, label, weekdays, onPick, showToday = true }: PopupProps) {
  const { t, fmt } = useLang();
  const today = tehranToday();
  const start = monthOf(value ?? maxDate ?? today, cal);
  const [view, setView] = useState({ year: start.year, month: start.month });

  const first = monthStart(cal, view.year, view.month);
  const length = cal === 'jalali' ? jalaliMonthLength(view.year, view.month) : gregorianMonthLength(view.year, view.month);
  const firstDow = cal === 'jalali' ? 6 : 1; // Saturday / Monday
  const lead = (weekday(first) - firstDow + 7) % 7;
  const days = Array.from({ length }, (_, i) => addDays(first, i));

  const todayYear = monthOf(today, cal).year;
  const lo = Math.min(minDate ? monthOf(minDate, cal).year : todayYear - 5, todayYear - 1, view.year);
  const hi = Math.max(maxDate ? monthOf(maxDate, cal).year : todayYear, todayYear, view.year);
  const years = Array.from({ length: hi - lo + 1 }, (_, i) => hi - i);
  const monthNames = cal === 'jalali' ? t.jalaliMonths : t.gregorianMonths;

  const step = (delta: number) =>
    setView((v) => {
      const m = v.month + delta;
      if (m < 1) return { year: v.year - 1, month: 12 };
      if (m > 12) return { year: v.year + 1, month: 1 };
      return { year: v.year, month: m };
    });

  return (
    <div className="picker card" role="dialog" aria-label={label} data-testid="date-picker" data-calendar={cal}>
      <div className="picker__head">
        <button type="button" className="picker__nav" data-testid="picker-prev" aria-label={t.pickerPrev} onClick={() => step(-1)}>
          ‹
        </button>
        <select
          className="input picker__select"
          data-testid="picker-month"
          aria-label={t.pickerMonth}
          value={view.month}
          onChange={(e) => setView((v) => ({ ...v, month: Number(e.target.value) }))}
        >
          {monthNames.map((name, i) => (
            <option key={name} value={i + 1}>
              {name}
            </option>
          ))}
        </select>
        <select
          className="input picker__select"
          data-testid="picker-year"
          aria-label={t.pickerYear}
          value={view.year}
          onChange={(e) => setView((v) => ({ ...v, year: Number(e.target.value) }))}
        >
          {years.map((y) => (
            <option key={y} value={y}>
              {fmt.digits(String(y))}
            </option>
          ))}
        </select>
        <button type="button" className="picker__nav" data-testid="picker-next" aria-label={t.pickerNext} onClick={() => step(1)}>
          ›
        </button>
      </div>
      <div className="picker__grid" role="grid">
        {weekdays.map((w) => (
          <div key={w} className="picker__dow muted small" role="columnheader">
            {w}
          </div>
        ))}
        {Array.from({ length: lead }, (_, i) => (
          <div key={`b${i}`} />
        ))}
        {days.map((d, i) => (
          <button
            key={d}
            type="button"
            className={`picker__day ${d === value ? 'picker__day--selected' : ''} ${d === today ? 'picker__day--today' : ''}`}
            data-testid="picker-day"
            data-date={d}
            data-jalali={jalaliString(d)}
            aria-pressed={d === value}
            onClick={() => onPick(d)}
          >
            {fmt.digits(String(i + 1))}
          </button>
        ))}
      </div>
      <div className="picker__foot">
        {showToday ? (
          <button type="button" className="btn btn--ghost btn--small" onClick={() => onPick(today)}>
            {t.pickerToday}
          </button>
        ) : (
          <span />
        )}
        <button type="button" className="btn btn--ghost btn--small" data-testid="picker-clear" onClick={() => onPick(null)}>
          {t.pickerClear}
        </button>
      </div>
    </div>
  );
}
