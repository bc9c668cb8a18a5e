// The one place that talks to the Rust side. Nothing else imports @tauri-apps/api.
//
// The command contract's types (every command's input and output) are generated from the Rust
// types with ts-rs into ./bindings; never edit those by hand. After changing a Rust type that
// crosses IPC, regenerate them from the repository root with
//   UPDATE_BINDINGS=1 cargo test -p pishkhan-core --test bindings
// (without UPDATE_BINDINGS that test fails whenever ./bindings has drifted from Rust).
import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type {
  AppStatus,
  SessionInfo,
  StoreSettings,
  CustomerDetail,
  CustomerPage,
  CustomerQuery,
  Dashboard,
  DashboardQuery,
  DiagnosticEvent,
  ExportFormat,
  ExportResult,
  FilterOptions,
  Language,
  OrderDetail,
  OrderPage,
  OrderQuery,
  OrderStatus,
  OutboxEntry,
  PaymentStatus,
  Preferences,
  RejectedEdit,
  SignInRequest,
  StoreChoice,
  SyncProgress,
  SyncReport,
  SyncStatus,
  UpdateCheck,
} from './bindings';
// Identity verification (KYC).
import type {
  DraftImage,
  FieldCheck,
  FormCheck,
  KycDocument,
  KycField,
  KycForm,
  KycState,
  UploadProgress,
} from './bindings';

export type {
  DraftImage,
  Explained,
  FieldCheck,
  FormCheck,
  KycDocument,
  KycDocumentRef,
  KycField,
  KycForm,
  KycReason,
  KycReasonCode,
  KycState,
  KycStatus,
  KycSubject,
  KycVerification,
  Named,
  QueuedSubmission,
  UploadProgress,
} from './bindings';

export type {
  AppStatus,
  Customer,
  CustomerAddress,
  CustomerDetail,
  CustomerPage,
  CustomerQuery,
  CustomerSales,
  CustomerSummary,
  Dashboard,
  DashboardQuery,
  DaySales,
  Diagnostic,
  DiagnosticEvent,
  DiscountCode,
  DiscountUsage,
  EntryState,
  ExportFormat,
  ExportResult,
  FilterOptions,
  Image,
  InternalNote,
  Invoice,
  InvoiceItem,
  Language,
  NewOrder,
  Order,
  OrderChange,
  OrderDetail,
  OrderField,
  OrderPage,
  OrderQuery,
  OrderStatus,
  OrderSummary,
  OutboxEntry,
  PaymentStatus,
  Preferences,
  ProductSales,
  Province,
  PublicError,
  RejectedEdit,
  ShippingAddress,
  ShippingItem,
  ShippingItemStatus,
  ShippingRate,
  SignInRequest,
  SortDirection,
  SortKey,
  StatusChange,
  StatusCount,
  SyncProgress,
  SessionInfo,
  StoreChoice,
  StoreSettings,
  SyncReport,
  SyncStatus,
  AvailableUpdate,
  UpdateCheck,
  VariantAttribute,
} from './bindings';



export const ORDER_STATUSES: readonly OrderStatus[] = [
  'pending_payment',
  'processing',
  'shipped',
  'delivered',
  'cancelled',
  'refunded',
];

export const PAYMENT_STATUSES: readonly PaymentStatus[] = ['unpaid', 'paid', 'refunded'];

/** The verification form's fields, in the order Rust checks them (`KycField::ALL`). */
export const KYC_FIELDS: readonly KycField[] = [
  'fullName',
  'storeName',
  'email',
  'mobile',
  'address',
  'postalCode',
  'sheba',
  'birthDate',
  'nationalCode',
];

export const KYC_DOCUMENTS: readonly KycDocument[] = ['idFront', 'idBack'];

export interface AppError {
  code: string;
  message: string;
  messageFa?: string;
  details?: unknown;
}

export const ERROR_CODES = [
  'platform_unreachable',
  'wrong_credentials',
  'not_signed_in',
  // The platform ended this computer's session: sign in again (nothing local is lost).
  'session_expired',
  'invalid_input',
  'platform_error',
  'sync_in_progress',
  'storage',
  'demo_failed',
  'order_not_found',
  'customer_not_found',
  'export_failed',
  'edit_refused',
  'edits_waiting',
  'sync_cancelled',
  // Where this computer keeps its keys: the OS keychain, or sealed with a passphrase.
  'keychain_unavailable',
  'keychain_failed',
  'locked',
  'wrong_passphrase',
  'secrets_missing',
  'cache_unreadable',
  // Updates (Settings): the download is not signed by Pishkhan's key (nothing installed), or
  // the release channel could not be asked / the update could not be installed.
  'update_signature',
  'update_failed',
] as const;
export type KnownErrorCode = (typeof ERROR_CODES)[number];

/** Turn whatever a rejected invoke() carried into an AppError. */
export function toAppError(e: unknown): AppError {
  if (e && typeof e === 'object' && typeof (e as AppError).code === 'string') {
    const o = e as AppError;
    return {
      code: o.code,
      message: typeof o.message === 'string' ? o.message : '',
      messageFa: typeof o.messageFa === 'string' ? o.messageFa : undefined,
      details: o.details,
    };
  }
  if (typeof e === 'string') return { code: 'unknown', message: e };
  if (e instanceof Error) return { code: 'unknown', message: e.message };
  return { code: 'unknown', message: String(e) };
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toAppError(e);
  }
}

export const api = {
  appStatus: () => call<AppStatus>('app_status'),
  /** With `request.passphrase`, this computer's keys are sealed with it instead of the OS
   * keychain (offered after `keychain_unavailable`); it is then asked at every start. */
  signIn: (request: SignInRequest) => call<AppStatus>('sign_in', { request }),
  /** Opens this computer's data sealed with a passphrase (`AppStatus.locked`); a wrong one
   * fails with `wrong_passphrase` and changes nothing. */
  unlock: (passphrase: string) => call<AppStatus>('unlock', { passphrase }),
  startDemo: () => call<AppStatus>('start_demo'),
  syncNow: () => call<SyncReport>('sync_now'),
  /** Fails with `edits_waiting` while edits have not reached the platform, unless
   * `discardEdits` says to drop them. */
  signOut: (discardEdits = false) => call<AppStatus>('sign_out', { discardEdits }),
  listOrders: (query: OrderQuery) => call<OrderPage>('list_orders', { query }),
  countOrders: (query: OrderQuery) => call<number>('count_orders', { query }),
  orderFilterOptions: () => call<FilterOptions>('order_filter_options'),
  orderDetail: (id: number) => call<OrderDetail>('order_detail', { id }),
  listCustomers: (query: CustomerQuery) => call<CustomerPage>('list_customers', { query }),
  countCustomers: (query: CustomerQuery) => call<number>('count_customers', { query }),
  customerDetail: (id: number) => call<CustomerDetail>('customer_detail', { id }),
  dashboard: (query: DashboardQuery) => call<Dashboard>('dashboard', { query }),
  /** Rust shows the save dialog; null = the merchant cancelled it. `lang` sets the file's
   * headers, status names and calendar (fa: Jalali, en: Gregorian). */
  exportOrders: (query: OrderQuery, format: ExportFormat, lang: Language) =>
    call<ExportResult | null>('export_orders', { query, format, lang }),
  exportCustomers: (query: CustomerQuery, format: ExportFormat, lang: Language) =>
    call<ExportResult | null>('export_customers', { query, format, lang }),

  // Edits: each returns the order as the cache now shows it; a refusal is `edit_refused`
  // with the reason in message/messageFa.
  setOrderStatus: (id: number, status: OrderStatus) => call<OrderDetail>('set_order_status', { id, status }),
  shipOrder: (id: number, shippingItemId: number | null, carrier: string, trackingCode: string) =>
    call<OrderDetail>('ship_order', { id, shippingItemId, carrier, trackingCode }),
  addOrderNote: (id: number, text: string) => call<OrderDetail>('add_order_note', { id, text }),
  cancelOrder: (id: number) => call<OrderDetail>('cancel_order', { id }),
  outbox: () => call<OutboxEntry[]>('outbox'),
  rejectedEdits: () => call<RejectedEdit[]>('rejected_edits'),
  keepMyEdit: (mutationId: string) => call<null>('keep_my_edit', { mutationId }),
  takePlatformVersion: (mutationId: string) => call<null>('take_platform_version', { mutationId }),
  syncStatus: () => call<SyncStatus>('sync_status'),
  cancelSync: () => call<null>('cancel_sync'),
  preferences: () => call<Preferences>('preferences'),
  setPreferences: (preferences: Preferences) => call<null>('set_preferences', { preferences }),
  storeSettings: () => call<StoreSettings>('store_settings'),
  /** Saved on this computer at once and sent to the platform (now, or by the next sync when
   * offline, like any edit); the answer says whether it is still `pending`. */
  setSmsOnNewOrder: (on: boolean) => call<StoreSettings>('set_sms_on_new_order', { on }),

  // Where the merchant is signed in (read from the platform: fails with `platform_unreachable`
  // when offline).
  sessions: () => call<SessionInfo[]>('sessions'),
  /** Signs another session out; this computer's own one is refused with `invalid`. */
  revokeSession: (sessionId: number) => call<null>('revoke_session', { sessionId }),

  // The merchant's stores: each has its own cache and outbox here, so switching erases nothing.
  /** Refreshed from the platform when it answers, the saved list otherwise. */
  stores: () => call<StoreChoice[]>('stores'),
  /** Switches store (works offline); a sync then brings the store up to date. */
  useStore: (storeId: number) => call<AppStatus>('use_store', { storeId }),

  // Identity verification (KYC).
  /** Pure and fast: called as the merchant types (debounced). */
  kycCheckField: (field: KycField, value: string) => call<FieldCheck>('kyc_check_field', { field, value }),
  kycCheckForm: (form: KycForm) => call<FormCheck>('kyc_check_form', { form }),
  kycState: () => call<KycState>('kyc_state'),
  /** Keeps the form as typed, so the draft survives a restart. */
  kycSaveDraft: (form: KycForm) => call<null>('kyc_save_draft', { form }),
  /** Rust shows the open dialog and prepares the image; null = the merchant cancelled. A refused
   * file is an error with its own code (`image_too_large`, …) and message. */
  kycChooseImage: (document: KycDocument, lang: Language) =>
    call<DraftImage | null>('kyc_choose_image', { document, lang }),
  /** Uses the file just dropped on the window (see `events.onFileDropped`) as this side. */
  kycAttachDropped: (document: KycDocument) => call<DraftImage>('kyc_attach_dropped', { document }),
  kycRemoveImage: (document: KycDocument) => call<null>('kyc_remove_image', { document }),
  /** Queues the submission; it is sent in the background (`kyc-upload`, `kyc-changed`). */
  kycSubmit: (form: KycForm) => call<KycState>('kyc_submit', { form }),
  kycPause: (paused: boolean) => call<KycState>('kyc_pause', { paused }),
  /** Asks the platform where the verification stands (the last known state when offline). */
  kycRefresh: () => call<KycState>('kyc_refresh'),

  // Privacy.
  /** "Export my data": Rust gathers the profile, stores, sessions, store settings, preferences
   * and identity verification (the platform must be reachable), shows the save dialog and
   * writes one JSON file; the saved file's path, or null when the merchant cancelled the
   * dialog. `lang` names the file and titles the dialog. */
  privacyExport: (lang: Language) => call<string | null>('privacy_export', { lang }),
  /** What "share diagnostics" would send now (kept in memory, oldest first), whether or not
   * it is on; the switch is `Preferences.shareDiagnostics`. */
  diagnosticsPreview: () => call<DiagnosticEvent[]>('diagnostics_preview'),

  // The desktop around the page.
  /** Rebuilds the native menu in this language (it starts in Persian). */
  setMenuLanguage: (lang: Language) => call<null>('set_menu_language', { lang }),
  /** Asks the release channel for a newer version; nothing is downloaded. `off: 'demo'` in the
   * demo, where updates are not checked. */
  checkForUpdate: () => call<UpdateCheck>('check_for_update'),
  /** Downloads the newer version, checks its signature, installs it and restarts the app (the
   * promise then never settles). Fails with `update_signature` (nothing installed) or
   * `update_failed`. */
  installUpdate: () => call<null>('install_update'),
};

/** What the native menu's items send (`menu` event); quitting is handled by Rust. */
export const MENU_COMMANDS = ['sync', 'orders', 'customers', 'dashboard', 'settings', 'privacy'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(id: unknown): id is MenuCommand {
  return typeof id === 'string' && (MENU_COMMANDS as readonly string[]).includes(id);
}

export const events = {
  onSyncProgress: (cb: (p: SyncProgress) => void): Promise<UnlistenFn> =>
    listen<SyncProgress>('sync-progress', (e) => cb(e.payload)),
  onStatusChanged: (cb: () => void): Promise<UnlistenFn> => listen('status-changed', () => cb()),
  /** No payload: the outbox or the last sync attempt changed; refetch sync_status/outbox. */
  onSyncStatus: (cb: () => void): Promise<UnlistenFn> => listen('sync-status', () => cb()),
  /** Live progress of an ID card image upload. */
  onKycUpload: (cb: (p: UploadProgress) => void): Promise<UnlistenFn> =>
    listen<UploadProgress>('kyc-upload', (e) => cb(e.payload)),
  /** No payload: the verification, its queue or its draft changed; reload kyc_state. */
  onKycChanged: (cb: () => void): Promise<UnlistenFn> => listen('kyc-changed', () => cb()),
  /** A file was dropped on the window at (x, y), in logical (CSS) pixels; its path stays in
   * Rust until `api.kycAttachDropped` says which side of the card it is. */
  onFileDropped: (cb: (at: { x: number; y: number }) => void): Promise<UnlistenFn> =>
    listen<{ x: number; y: number }>('file-dropped', (e) => cb(e.payload)),
  /** A native menu item was chosen (or its shortcut pressed): its id. Unknown ids are dropped. */
  onMenu: (cb: (id: MenuCommand) => void): Promise<UnlistenFn> =>
    listen<string>('menu', (e) => {
      if (isMenuCommand(e.payload)) cb(e.payload);
    }),
};

export type { UnlistenFn };
