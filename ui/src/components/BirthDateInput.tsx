// A Jalali birth date: typed as YYYY/MM/DD (Persian digits welcome) or picked from the Jalali
// calendar, whose year list reaches 120 years back and which opens 18 years ago (the youngest
// owner allowed), so nobody pages back through decades month by month.
import { useRef, useState, type InputHTMLAttributes, useCallback } from 'react';
import { useLang } from '../lang';
import { useDismiss } from '../lib/useDismiss';
import { fromJalali, jalaliOf, jalaliString, tehranToday } from '../lib/days';
import { jalaliMonthLength } from '../lib/jalali';
import { parseJalaliDate } from '../lib/kyc';
import { CalendarPopup } from './DatePicker';

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> {
  value: string;
  onChange: (value: string) => void;
  /** Minimum age in years: where the calendar opens. */
  minAge?: number;
  inputRef?: (el: HTMLInputElement | null) => void;
}

export function BirthDateInput({ value, onChange, minAge = 18, disabled, inputRef, ...input }: Props) {
  const { t, fmt } = useLang();
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);

  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, close, rootRef);

  const today = jalaliOf(tehranToday());
  const youngest = fromJalali(today.jy - minAge, today.jm, Math.min(today.jd, jalaliMonthLength(today.jy - minAge, today.jm)));
  const oldest = fromJalali(today.jy - 120, 1, 1);

  return (
    <div className="datepicker kyc-date" ref={rootRef}>
      <input
        {...input}
        ref={inputRef}
        className="input"
        dir="ltr"
        inputMode="numeric"
        autoComplete="off"
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
      />
      <button
        type="button"
        className="btn btn--ghost kyc-date__button"
        data-testid="kyc-birthdate-picker"
        aria-label={t.kycPickDate}
        title={t.kycPickDate}
        aria-haspopup="dialog"
        aria-expanded={open}
        disabled={disabled}
        onClick={() => setOpen((o) => !o)}
      >
        <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" aria-hidden="true">
          <rect x="3.5" y="5" width="17" height="15.5" rx="2" />
          <path d="M3.5 10h17M8 3v4M16 3v4" />
        </svg>
      </button>
      {open && (
        <CalendarPopup
          cal="jalali"
          value={parseJalaliDate(value)}
          minDate={oldest}
          maxDate={youngest}
          label={t.kycFields.birthDate}
          weekdays={t.weekdaysJalali}
          showToday={false}
          onPick={(d) => {
            onChange(d ? fmt.digits(jalaliString(d)) : '');
            setOpen(false);
          }}
        />
      )}
    </div>
  );
}
