// The export button and menu (CSV / XLSX); Rust asks where to save and writes the file.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { toAppError, type AppError, type ExportFormat, type ExportResult } from '../api';
import { useLang } from '../lang';
import { useDismiss } from '../lib/useDismiss';

interface Props {
  /** 'orders' or 'customers', for the notice's wording. */
  kind: 'orders' | 'customers';
  run: (format: ExportFormat) => Promise<ExportResult | null>;
  onError: (e: AppError) => void;
}

export function ExportMenu({ kind, run, onError }: Props) {
  const { t, fmt } = useLang();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ExportResult | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  // A click outside or Escape closes the menu (the focus back on its button).
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, close, rootRef);
  // Opened: the first format takes the focus, so the arrows and Enter work at once.
  useEffect(() => {
    if (open) menuRef.current?.querySelector<HTMLElement>('[role=menuitem]')?.focus();
  }, [open]);
  /** Up/Down (and Home/End) move between the formats; Tab leaves and closes the menu. */
  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Tab') {
      setOpen(false);
      return;
    }
    const items = Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role=menuitem]') ?? []);
    const at = items.indexOf(document.activeElement as HTMLElement);
    let next: number | null = null;
    if (e.key === 'ArrowDown') next = (at + 1) % items.length;
    else if (e.key === 'ArrowUp') next = (at - 1 + items.length) % items.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = items.length - 1;
    if (next === null) return;
    e.preventDefault();
    items[next]?.focus();
  };

  const start = async (format: ExportFormat) => {
    setOpen(false);
    setBusy(true);
    setDone(null);
    try {
      const r = await run(format);
      if (r) setDone(r); // null: the merchant cancelled the save dialog
    } catch (e) {
      onError(toAppError(e));
    } finally {
      setBusy(false);
    }
  };

  const message = done
    ? (kind === 'orders' ? t.exportDoneOrders : t.exportDoneCustomers)(fmt.num(done.rows), done.path)
    : '';

  return (
    <div className="export" ref={rootRef}>
      <button
        type="button"
        className="btn btn--ghost btn--small"
        data-testid="export-button"
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={busy}
        onClick={() => setOpen((o) => !o)}
      >
        <svg width="15" height="15" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
          <path d="M12 3v12m0 0-4-4m4 4 4-4M5 21h14" />
        </svg>
        {busy ? t.exporting : t.exportLabel}
      </button>
      {open && (
        <div className="menu card" role="menu" ref={menuRef} aria-label={t.exportLabel} onKeyDown={onMenuKey}>
          <button type="button" role="menuitem" className="menu__item" data-testid="export-csv" onClick={() => void start('csv')}>
            {t.exportCsv}
          </button>
          <button type="button" role="menuitem" className="menu__item" data-testid="export-xlsx" onClick={() => void start('xlsx')}>
            {t.exportXlsx}
          </button>
        </div>
      )}
      {done && (
        <div
          className="alert alert--success export__done"
          role="status"
          data-testid="export-done"
          data-path={done.path}
          data-rows={done.rows}
        >
          <span className="alert__icon" aria-hidden="true">✓</span>
          <span className="alert__text">
            <bdi>{message}</bdi>
          </span>
          <button type="button" className="alert__close" aria-label={t.dismiss} onClick={() => setDone(null)}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
