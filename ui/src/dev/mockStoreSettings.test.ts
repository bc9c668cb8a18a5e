import { expect, test } from 'vitest';
import { mockStoreSettings } from './mockStoreSettings';

test('the mock: email always on; offline the SMS choice waits until a sync reaches the platform', () => {
  const m = mockStoreSettings({ offline: true });
  expect(m.storeSettings()).toEqual({ emailOnNewOrder: true, smsOnNewOrder: false, pending: false, lastError: null });
  const s = m.handle('set_sms_on_new_order', { on: true });
  expect(s).toMatchObject({ emailOnNewOrder: true, smsOnNewOrder: true, pending: true });
  expect(s.lastError?.code).toBe('platform_unreachable');
  m.sync(); // still offline
  expect(m.storeSettings().pending).toBe(true);
  // Another device's change does not hide the choice that waits.
  m.changeOnPlatform(false);
  expect(m.storeSettings().smsOnNewOrder).toBe(true);
  m.setOffline(false);
  m.sync();
  expect(m.storeSettings()).toEqual({ emailOnNewOrder: true, smsOnNewOrder: true, pending: false, lastError: null });
  // Online, a change reaches the platform at once.
  expect(m.setSmsOnNewOrder(false)).toEqual({ emailOnNewOrder: true, smsOnNewOrder: false, pending: false, lastError: null });
  m.changeOnPlatform(true);
  expect(m.handle('store_settings', {}).smsOnNewOrder).toBe(true);
  expect(() => m.handle('set_sms_on_new_order', { on: 'yes' })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
});
