// The sync status every screen can read: the last sync_status answer, a counter that moves
// whenever the outbox or the last sync attempt may have changed (screens showing waiting edits
// refetch on it), and a way to ask for a refresh after an edit.
import { createContext, useContext } from 'react';
import type { OrderChange, SyncStatus } from '../api';
import type { Dict } from '../i18n';
import type { Fmt } from './format';

export interface SyncCtx {
  status: SyncStatus | null;
  version: number;
  refresh: () => void;
}

export const SyncContext = createContext<SyncCtx>({ status: null, version: 0, refresh: () => {} });

export const useSync = () => useContext(SyncContext);

/** Online unless the last attempt could not reach the platform at all. */
export function isOnline(status: SyncStatus | null): boolean {
  return status?.lastError?.code !== 'platform_unreachable';
}

/** What an edit does, in the merchant's words. */
export function describeChange(t: Dict, fmt: Fmt, change: OrderChange): string {
  switch (change.kind) {
    case 'set_status':
      return t.changeSetStatus(t.status[change.status]);
    case 'ship':
      // Tracking codes are Latin-script runs: isolated, so they read left to right inside a
      // Persian sentence.
      return t.changeShip(isolate(change.carrier), isolate(fmt.digits(change.trackingCode), 'ltr'));
    case 'add_note':
      return t.changeNote(isolate(change.text.length > 80 ? `${change.text.slice(0, 80)}…` : change.text));
    case 'cancel':
      return t.changeCancel;
  }
}

/** Unicode bidi isolation for a run inside a sentence: first-strong, or forced left-to-right. */
export function isolate(s: string, dir: 'auto' | 'ltr' = 'auto'): string {
  return `${dir === 'ltr' ? '\u2066' : '\u2068'}${s}\u2069`;
}
