// The export button and menu (CSV / XLSX); Rust asks where to save and writes the file.
import { useEffect, useRef, useState } from 'react';
import { toAppError, type AppError, type ExportFormat, type ExportResult } from '../api';
import { useLang } from '../lang';

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

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

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
        <div className="menu card" role="menu">
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
