// A row of a long list whose page is being fetched again (it was dropped from memory when
// scrolled away, see `usePagedList`): a light placeholder, styled like the loader row, that can
// hold the keyboard focus until the row arrives and takes it over.
import { useLang } from '../lang';
import type { RowNav } from './VirtualList';

export function PendingRow({ index, nav }: { index: number; nav: RowNav }) {
  const { t, fmt } = useLang();
  return (
    <div
      className="vrow vrow--loader vrow--pending muted small"
      role="button"
      aria-disabled="true"
      aria-busy="true"
      aria-label={t.rowLoading(fmt.num(index + 1))}
      data-testid="pending-row"
      {...nav}
    >
      {t.loadingMore}
    </div>
  );
}
