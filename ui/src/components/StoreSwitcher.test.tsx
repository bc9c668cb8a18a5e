import { describe, expect, it, vi, afterEach } from 'vitest';
import { cleanup, render, screen, fireEvent, waitFor } from '@testing-library/react';
import { mockIPC, clearMocks } from '@tauri-apps/api/mocks';
import { StoreSwitcher } from './StoreSwitcher';
import type { AppStatus, StoreChoice } from '../api';
import { LangContext } from '../lang';
import { dicts } from '../i18n';
import { makeFmt } from '../lib/format';

const status = (name: string): AppStatus => ({
  signedIn: true,
  locked: false,
  sessionExpired: false,
  merchantEmail: null,
  demo: false,
  demoStarting: false,
  platformUrl: 'http://127.0.0.1:1',
  merchantName: 'M',
  storeName: name,
  lastSyncAt: null,
  orderCount: 0,
  customerCount: 0,
});

function withLang(ui: React.ReactNode) {
  const prefs = { lang: 'en' as const, digits: 'latin' as const, currency: 'toman' as const };
  return (
    <LangContext.Provider
      value={{ lang: 'en', t: dicts.en, prefs, fmt: makeFmt(prefs), toggle: () => {}, setLang: () => {}, setDigits: () => {}, setCurrency: () => {} }}
    >
      {ui}
    </LangContext.Provider>
  );
}

afterEach(() => {
  cleanup();
  clearMocks();
});

describe('StoreSwitcher', () => {
  it('shows just the name for a merchant with one store', async () => {
    mockIPC((cmd) => (cmd === 'stores' ? [{ id: 1, name: 'Golbarg', current: true, cached: true }] : null));
    render(withLang(<StoreSwitcher status={status('Golbarg')} onSwitched={() => {}} onError={() => {}} />));
    expect((await screen.findByTestId('store-name')).textContent).toBe('Golbarg');
    expect(screen.queryByTestId('store-switch')).toBeNull();
  });

  it('switches to another store and hands the new status back', async () => {
    const stores: StoreChoice[] = [
      { id: 1, name: 'Golbarg', current: true, cached: true },
      { id: 2, name: 'Bazaar', current: false, cached: false },
    ];
    const calls: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'stores') return stores;
      if (cmd === 'use_store') {
        calls.push(args);
        return status('Bazaar');
      }
      return null;
    });
    const onSwitched = vi.fn();
    render(withLang(<StoreSwitcher status={status('Golbarg')} onSwitched={onSwitched} onError={() => {}} />));
    const select = (await screen.findByTestId('store-switch')) as HTMLSelectElement;
    expect(select.getAttribute('aria-label')).toBe('Store');
    expect(screen.getByText('Bazaar (not synced yet)')).toBeTruthy();
    fireEvent.change(select, { target: { value: '2' } });
    await waitFor(() => expect(onSwitched).toHaveBeenCalledWith(status('Bazaar')));
    expect(calls).toEqual([{ storeId: 2 }]);
  });

  it('reports a refused switch instead of changing store', async () => {
    mockIPC((cmd) => {
      if (cmd === 'stores')
        return [
          { id: 1, name: 'A', current: true, cached: true },
          { id: 2, name: 'B', current: false, cached: true },
        ];
      if (cmd === 'use_store') throw { code: 'locked', message: 'locked', messageFa: 'قفل' };
      return null;
    });
    const onSwitched = vi.fn();
    const onError = vi.fn();
    render(withLang(<StoreSwitcher status={status('A')} onSwitched={onSwitched} onError={onError} />));
    fireEvent.change(await screen.findByTestId('store-switch'), { target: { value: '2' } });
    await waitFor(() => expect(onError).toHaveBeenCalled());
    expect(onError.mock.calls[0][0].code).toBe('locked');
    expect(onSwitched).not.toHaveBeenCalled();
  });
});
