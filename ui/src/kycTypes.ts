// TEMPORARY hand-written copies of the identity verification (KYC) types, until ts-rs writes
// them into ./bindings (KycForm.ts, FieldCheck.ts, KycState.ts, …). They mirror
// crates/api/src/kyc.rs and crates/core/src/kyc/{form,draft,submission,upload}.rs; api.ts
// re-exports them, so switching to the generated files only changes api.ts's import.
import type { PublicError } from './bindings';

/** What the merchant fills in. `birthDate` is Jalali `YYYY/MM/DD`. */
export type KycForm = {
  fullName: string;
  storeName: string;
  email: string;
  mobile: string;
  address: string;
  postalCode: string;
  sheba: string;
  birthDate: string;
  nationalCode: string;
};

export type KycField =
  | 'fullName'
  | 'storeName'
  | 'email'
  | 'mobile'
  | 'address'
  | 'postalCode'
  | 'sheba'
  | 'birthDate'
  | 'nationalCode';

export type KycDocument = 'idFront' | 'idBack';

export type KycStatus = 'not_submitted' | 'submitted' | 'in_review' | 'verified' | 'rejected' | 'info_requested';

export type KycReasonCode =
  | 'not_readable'
  | 'expired'
  | 'missing_front'
  | 'missing_back'
  | 'too_large'
  | 'type_not_supported'
  | 'manipulated'
  | 'name_mismatch'
  | 'birth_date_mismatch'
  | 'id_number_mismatch'
  | 'invalid_value'
  | 'more_information';

export type KycSubject = { field: KycField } | { document: KycDocument };

export type KycReason = { subject: KycSubject; code: KycReasonCode; note?: string };

export type KycDocumentRef = { uploadId: string; sha256: string; size: number };

export type KycVerification = {
  status: KycStatus;
  revision: number;
  form: KycForm | null;
  idFront: KycDocumentRef | null;
  idBack: KycDocumentRef | null;
  reasons: Array<KycReason>;
  submittedAt: string | null;
  updatedAt: string | null;
};

export type Explained = { code: string; message: string; messageFa: string };

export type Named = { nameEn: string; nameFa: string };

export type FieldCheck = {
  field: KycField;
  ok: boolean;
  normalized: string | null;
  display: string | null;
  error: Explained | null;
  incomplete: boolean;
  warning: Explained | null;
  bank: Named | null;
  operator: Named | null;
};

export type FormCheck = { ok: boolean; fields: Array<FieldCheck>; normalized: KycForm | null };

export type DraftImage = {
  document: KycDocument;
  width: number;
  height: number;
  bytes: number;
  sha256: string;
  blurry: boolean;
  /** `data:image/jpeg;base64,…` */
  preview: string;
};

export type UploadProgress = { document: KycDocument; sent: number; total: number; complete: boolean };

export type QueuedSubmission = {
  queuedAt: string;
  paused: boolean;
  attempts: number;
  lastError: PublicError | null;
  refused: boolean;
};

export type KycState = {
  form: KycForm;
  images: Array<DraftImage>;
  verification: KycVerification;
  fetchedAt: string | null;
  queued: QueuedSubmission | null;
  uploads: Array<UploadProgress>;
  editableFields: Array<KycField>;
  editableDocuments: Array<KycDocument>;
};
