// The order's status changes, oldest first, as a vertical timeline.
import type { StatusChange } from '../api';
import { useLang } from '../lang';

export function StatusTimeline({ history }: { history: StatusChange[] }) {
  const { t, fmt } = useLang();
  return (
    <ol className="timeline" data-testid="order-timeline">
      {history.map((h, i) => (
        <li key={`${h.status}-${h.at}-${i}`} className="timeline__step" data-status={h.status}>
          <span className={`timeline__dot dot--${h.status}`} aria-hidden="true" />
          <span className={`status status--${h.status}`}>{t.status[h.status]}</span>
          <span className="muted small">{fmt.dateTime(h.at)}</span>
        </li>
      ))}
    </ol>
  );
}
