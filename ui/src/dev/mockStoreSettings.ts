// DEV/TEST ONLY — an in-memory imitation of the store's order notifications as the Rust side
// keeps them (`store_settings`, `set_sms_on_new_order`): the email is always on (the platform's
// policy); the SMS choice is saved here at once and sent to the platform, or — `offline` — waits
// for the next sync that reaches it.
import type { PublicError, StoreSettings } from '../api';

const unreachable = (): PublicError => ({
  code: 'platform_unreachable',
  message: 'The store platform cannot be reached. Check the internet connection.',
  messageFa: 'سکوی فروشگاه در دسترس نیست. اتصال اینترنت را بررسی کنید.',
});

export interface MockStoreSettings {
  /** Answers the two commands; anything else is not its own. */
  handle(cmd: string, args: Record<string, unknown>): StoreSettings;
  storeSettings(): StoreSettings;
  setSmsOnNewOrder(on: boolean): StoreSettings;
  /** What a sync does: sends the waiting choice when the platform can be reached. */
  sync(): void;
  setOffline(offline: boolean): void;
  /** Another device changed the choice on the platform (seen here when nothing waits). */
  changeOnPlatform(on: boolean): void;
}

export function mockStoreSettings(opts: { offline?: boolean; sms?: boolean } = {}): MockStoreSettings {
  let offline = opts.offline ?? false;
  /** The platform's copy. */
  let platformSms = opts.sms ?? false;
  /** The choice saved on this computer that has not reached the platform yet. */
  let waiting: boolean | null = null;
  let lastError: PublicError | null = null;

  const send = () => {
    if (waiting === null) return;
    if (offline) {
      lastError = unreachable();
      return;
    }
    platformSms = waiting;
    waiting = null;
    lastError = null;
  };
  const current = (): StoreSettings => ({
    emailOnNewOrder: true,
    smsOnNewOrder: waiting ?? platformSms,
    pending: waiting !== null,
    lastError: lastError && { ...lastError },
  });

  const m: MockStoreSettings = {
    handle(cmd, args) {
      switch (cmd) {
        case 'store_settings':
          return m.storeSettings();
        case 'set_sms_on_new_order':
          if (typeof args.on !== 'boolean') throw { code: 'invalid_input', message: '`on` must be true or false', messageFa: 'مقدار نامعتبر است.' };
          return m.setSmsOnNewOrder(args.on);
        default:
          throw { code: 'unknown_command', message: cmd };
      }
    },
    storeSettings: current,
    setSmsOnNewOrder(on) {
      waiting = on;
      send();
      return current();
    },
    sync: send,
    setOffline(v) {
      offline = v;
    },
    changeOnPlatform(on) {
      platformSms = on;
    },
  };
  return m;
}
