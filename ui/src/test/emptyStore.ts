// What the whole app needs from Rust to start signed in on an empty store: for tests that
// render <App /> to reach a screen through the sidebar. `undefined` for any other command, so a
// test answers those itself.
import type { AppStatus } from '../api';

export const signedInStatus: AppStatus = {
  signedIn: true,
  locked: false,
  sessionExpired: false,
  merchantEmail: null,
  demo: false,
  demoStarting: false,
  platformUrl: 'http://127.0.0.1:8787',
  merchantName: 'سارا نیک‌پور',
  storeName: 'فروشگاه گلبرگ',
  lastSyncAt: null,
  orderCount: 0,
  customerCount: 0,
};

export function emptyStoreAnswer(cmd: string): unknown {
  switch (cmd) {
    case 'app_status':
      return signedInStatus;
    case 'list_orders':
      return { orders: [], nextAfter: null };
    case 'count_orders':
      return 0;
    case 'order_filter_options':
      return { provinces: [], shippingMethods: [], firstDate: null, lastDate: null };
    case 'sync_status':
      throw { code: 'storage', message: 'not in this test' };
    default:
      return undefined;
  }
}
