// The "nothing here" panel: no data yet, or nothing matches, with an optional action.
import type { ReactNode } from 'react';

interface Props {
  title: string;
  hint: string;
  action?: ReactNode;
}

export function EmptyState({ title, hint, action }: Props) {
  return (
    <div className="empty" data-testid="empty-state">
      <div className="empty__icon" aria-hidden="true">
        <svg width="44" height="44" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.6">
          <path d="M3 7h18l-1.5 12.5a2 2 0 0 1-2 1.5H6.5a2 2 0 0 1-2-1.5L3 7z" />
          <path d="M8 7V5a4 4 0 0 1 8 0v2" />
        </svg>
      </div>
      <div className="empty__title">{title}</div>
      <div className="muted">{hint}</div>
      {action}
    </div>
  );
}
