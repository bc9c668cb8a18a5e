// A small modal question with a safe default (Escape and the backdrop say no).
//
// Keyboard: the first button (the safe one) takes the focus; Tab and Shift+Tab stay inside
// the dialog; Escape cancels; when the dialog closes the focus goes back where it was.
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

interface Props {
  testid: string;
  title: string;
  children: ReactNode;
  onCancel: () => void;
  /** The buttons, the safe one first. */
  actions: ReactNode;
}

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function ConfirmDialog({ testid, title, children, onCancel, actions }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const cancel = useRef(onCancel);
  cancel.current = onCancel;

  // Opened: the safe button takes the focus; closed: it goes back to what had it (the button
  // that asked), if that is still on the page.
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    ref.current?.querySelector<HTMLElement>('button:not([disabled])')?.focus();
    return () => {
      if (before && before !== document.body && before.isConnected) before.focus();
    };
  }, []);

  // Escape cancels wherever the focus is (a click may have put it outside the dialog).
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      cancel.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  /** Tab and Shift+Tab cycle through the dialog's own controls. */
  const trap = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Tab' || !ref.current) return;
    const items = Array.from(ref.current.querySelectorAll<HTMLElement>(FOCUSABLE));
    if (items.length === 0) {
      e.preventDefault();
      return;
    }
    const first = items[0];
    const last = items[items.length - 1];
    const at = document.activeElement;
    if (e.shiftKey && (at === first || !ref.current.contains(at))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (at === last || !ref.current.contains(at))) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="modal-backdrop" onClick={onCancel} onKeyDown={trap}>
      <div
        ref={ref}
        className="modal card"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${testid}-title`}
        aria-describedby={`${testid}-body`}
        data-testid={testid}
        onClick={(e) => e.stopPropagation()}
      >
        <h2 className="modal__title" id={`${testid}-title`}>
          {title}
        </h2>
        <div className="modal__body" id={`${testid}-body`}>
          {children}
        </div>
        <div className="modal__actions">{actions}</div>
      </div>
    </div>
  );
}
