// Small helpers for the identity verification screen: reasons per field or document, the value
// a locked field shows, sizes, and Rust's bilingual texts in the merchant's language.
import type { Explained, KycDocument, KycField, KycReason, KycState, KycVerification, Named, UploadProgress } from '../api';
import type { Dict, Lang } from '../i18n';
import { fromJalali, type Ymd } from './days';
import type { Fmt } from './format';
import { toLatinDigits } from './format';
import { jalaliMonthLength } from './jalali';

/** The reviewer's reasons that name this field. */
export function fieldReasons(v: KycVerification, field: KycField): KycReason[] {
  return v.reasons.filter((r) => 'field' in r.subject && r.subject.field === field);
}

/** The reviewer's reasons that name this side of the card. */
export function documentReasons(v: KycVerification, document: KycDocument): KycReason[] {
  return v.reasons.filter((r) => 'document' in r.subject && r.subject.document === document);
}

/** What a field shows when it comes from Rust: the draft as typed, else the form last sent. */
export function storedValue(s: KycState, field: KycField): string {
  return s.form[field] || s.verification.form?.[field] || '';
}

export function named(lang: Lang, n: Named): string {
  return lang === 'fa' ? n.nameFa || n.nameEn : n.nameEn || n.nameFa;
}

export function explained(lang: Lang, e: Explained): string {
  return lang === 'fa' ? e.messageFa || e.message : e.message || e.messageFa;
}

/** 412 KB, 1.4 MB — in the merchant's digits. */
export function fileSize(fmt: Fmt, t: Dict, bytes: number): string {
  if (bytes >= 1024 * 1024) return `${fmt.num(bytes / (1024 * 1024), { maximumFractionDigits: 1 })} ${t.kycMB}`;
  return `${fmt.num(bytes > 0 ? Math.max(1, Math.round(bytes / 1024)) : 0)} ${t.kycKB}`;
}

/** A Jalali `YYYY/MM/DD` as typed (Persian digits allowed) → the Gregorian day, or null. */
export function parseJalaliDate(text: string): Ymd | null {
  const m = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(toLatinDigits(text).trim());
  if (!m) return null;
  const [jy, jm, jd] = [Number(m[1]), Number(m[2]), Number(m[3])];
  try {
    if (jm < 1 || jm > 12 || jd < 1 || jd > jalaliMonthLength(jy, jm)) return null;
    return fromJalali(jy, jm, jd);
  } catch {
    return null; // a year outside the calendar's range
  }
}

/** Of two reports on one upload, the one to show: the live event unless the saved state is
 * further along the same file. */
export function latestProgress(saved: UploadProgress | undefined, live: UploadProgress | undefined): UploadProgress | undefined {
  if (!saved) return live;
  if (!live) return saved;
  return saved.total === live.total && saved.sent > live.sent ? saved : live;
}
