// A small modal question with a safe default (Escape and the backdrop say no).
import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  testid: string;
  title: string;
  children: ReactNode;
  onCancel: () => void;
  /** The buttons, the safe one first. */
  actions: ReactNode;
}

export function ConfirmDialog({ testid, title, children, onCancel, actions }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onCancel();
    window.addEventListener('keydown', onKey);
    ref.current?.querySelector<HTMLButtonElement>('button')?.focus();
    return () => window.removeEventListener('keydown', onKey);
  }, [onCancel]);
  return (
    <div className="modal-backdrop" onClick={onCancel}>
      <div
        ref={ref}
        className="modal card"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${testid}-title`}
        data-testid={testid}
        onClick={(e) => e.stopPropagation()}
      >
        <h2 className="modal__title" id={`${testid}-title`}>
          {title}
        </h2>
        <div className="modal__body">{children}</div>
        <div className="modal__actions">{actions}</div>
      </div>
    </div>
  );
}
