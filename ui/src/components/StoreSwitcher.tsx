// The store being worked in, and — for a merchant with several — the switch between them.
// Each store keeps its own cache and outbox on this computer, so a switch is instant, works
// offline and erases nothing; the app then syncs the store it switched to.
import { useEffect, useState } from 'react';
import { api, toAppError, type AppError, type AppStatus, type StoreChoice } from '../api';
import { useLang } from '../lang';

interface Props {
  status: AppStatus;
  onSwitched: (status: AppStatus) => void;
  onError: (e: AppError) => void;
}

export function StoreSwitcher({ status, onSwitched, onError }: Props) {
  const { t } = useLang();
  const [stores, setStores] = useState<StoreChoice[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api
      .stores()
      .then((list) => live && setStores(Array.isArray(list) ? list : []))
      // Without the list the header shows the current store's name alone.
      .catch(() => live && setStores([]));
    return () => {
      live = false;
    };
  }, [status.storeName]);

  const name = status.storeName ?? t.appName;
  if (stores.length < 2) {
    return <span data-testid="store-name">{name}</span>;
  }
  const current = stores.find((s) => s.current)?.id ?? stores[0].id;
  return (
    <select
      className="store-switch"
      aria-label={t.storeSwitch}
      data-testid="store-switch"
      value={current}
      disabled={busy}
      aria-busy={busy}
      onChange={async (e) => {
        const id = Number(e.target.value);
        setBusy(true);
        try {
          onSwitched(await api.useStore(id));
        } catch (err) {
          onError(toAppError(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      {stores.map((s) => (
        <option key={s.id} value={s.id}>
          {s.cached ? s.name : `${s.name} ${t.storeNotSynced}`}
        </option>
      ))}
    </select>
  );
}
