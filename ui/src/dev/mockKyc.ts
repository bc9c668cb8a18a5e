// DEV/TEST ONLY — an in-memory imitation of the Rust side's identity verification (KYC): a copy
// of the form's rules good enough for a demo (the real ones live in crates/iran and
// crates/core/src/kyc/form.rs; this copy is for the mock only), a draft, fake ID card images,
// a queued submission with fake upload progress, pause/resume, and seeded platform answers
// (`?kyc=rejected`, `?kyc=info`, `?kyc=review`, `?kyc=verified`).
import type {
  DraftImage,
  Explained,
  FieldCheck,
  FormCheck,
  KycDocument,
  KycField,
  KycForm,
  KycReason,
  KycState,
  KycStatus,
  KycVerification,
  Named,
  PublicError,
  QueuedSubmission,
  UploadProgress,
} from '../api';
import { KYC_DOCUMENTS, KYC_FIELDS } from '../api';
import { jalaliOf, tehranToday } from '../lib/days';
import { toLatinDigits } from '../lib/format';
import { jalaliMonthLength } from '../lib/jalali';

// ---------------------------------------------------------------------------------------------
// The form's rules

export interface JalaliDay {
  jy: number;
  jm: number;
  jd: number;
}

export const MIN_AGE = 18;

export function emptyKycForm(): KycForm {
  return {
    fullName: '',
    storeName: '',
    email: '',
    mobile: '',
    address: '',
    postalCode: '',
    sheba: '',
    birthDate: '',
    nationalCode: '',
  };
}

const NAMES: Record<KycField, [string, string]> = {
  fullName: ['full name', 'نام و نام خانوادگی'],
  storeName: ['store name', 'نام فروشگاه'],
  email: ['email', 'ایمیل'],
  mobile: ['mobile number', 'شمارهٔ همراه'],
  address: ['address', 'نشانی'],
  postalCode: ['postal code', 'کد پستی'],
  sheba: ['Sheba number', 'شمارهٔ شبا'],
  birthDate: ['date of birth', 'تاریخ تولد'],
  nationalCode: ['national code', 'کد ملی'],
};

const BANKS: Record<string, [string, string]> = {
  '010': ['Central Bank', 'بانک مرکزی'],
  '011': ['Sanat-o-Madan', 'صنعت و معدن'],
  '012': ['Mellat', 'ملت'],
  '013': ['Refah', 'رفاه'],
  '014': ['Maskan', 'مسکن'],
  '015': ['Sepah', 'سپه'],
  '016': ['Keshavarzi', 'کشاورزی'],
  '017': ['Melli', 'ملی'],
  '018': ['Tejarat', 'تجارت'],
  '019': ['Saderat', 'صادرات'],
  '020': ['Tosee-Saderat', 'توسعه صادرات'],
  '021': ['Post Bank', 'پست بانک'],
  '053': ['Karafarin', 'کارآفرین'],
  '054': ['Parsian', 'پارسیان'],
  '055': ['Eghtesad-Novin', 'اقتصاد نوین'],
  '056': ['Saman', 'سامان'],
  '057': ['Pasargad', 'پاسارگاد'],
  '058': ['Sarmayeh', 'سرمایه'],
  '059': ['Sina', 'سینا'],
  '061': ['Shahr', 'شهر'],
  '062': ['Ayandeh', 'آینده'],
  '066': ['Dey', 'دی'],
  '069': ['Iran-Zamin', 'ایران زمین'],
  '078': ['Middle-East', 'خاورمیانه'],
};

function operatorOf(prefix: number): Named | null {
  if ((prefix >= 910 && prefix <= 919) || (prefix >= 990 && prefix <= 996)) return { nameEn: 'MCI', nameFa: 'همراه اول' };
  if ((prefix >= 900 && prefix <= 905) || [930, 933, 941].includes(prefix) || (prefix >= 935 && prefix <= 939))
    return { nameEn: 'Irancell', nameFa: 'ایرانسل' };
  if (prefix >= 920 && prefix <= 923) return { nameEn: 'RighTel', nameFa: 'رایتل' };
  return null;
}

const ex = (code: string, message: string, messageFa: string): Explained => ({ code, message, messageFa });

function valid(field: KycField, normalized: string, display = normalized): FieldCheck {
  return { field, ok: true, normalized, display, error: null, incomplete: false, warning: null, bank: null, operator: null };
}

function invalid(field: KycField, error: Explained, incomplete: boolean): FieldCheck {
  return { field, ok: false, normalized: null, display: null, error, incomplete, warning: null, bank: null, operator: null };
}

function empty(field: KycField): FieldCheck {
  const [en, fa] = NAMES[field];
  return invalid(field, ex('empty', `Enter your ${en}`, `${fa} را وارد کنید`), true);
}

const faDigits = (n: number) => String(n).replace(/[0-9]/g, (c) => String.fromCharCode(0x06f0 + Number(c)));

/** Digits in ASCII, without the spaces, dashes and ZWNJs people type between groups. */
function compact(raw: string): string {
  return toLatinDigits(raw).replace(/[\s\-\u200c_]/g, '');
}

function wrongLength(field: KycField, expected: number, actual: number): FieldCheck {
  const [en, fa] = NAMES[field];
  return invalid(
    field,
    ex(
      'wrong_length',
      `The ${en} has ${expected} digits; check that none is missing or extra`,
      `${fa} ${faDigits(expected)} رقم است؛ ببینید رقمی جا نیفتاده یا اضافه نشده باشد`,
    ),
    actual < expected,
  );
}

function notDigits(field: KycField): FieldCheck {
  const [en, fa] = NAMES[field];
  return invalid(field, ex('not_digits', `The ${en} is made of digits only`, `${fa} فقط از رقم تشکیل می‌شود`), false);
}

function repeated(field: KycField): FieldCheck {
  const [en, fa] = NAMES[field];
  return invalid(field, ex('repeated_digits', `The ${en} cannot be one digit repeated`, `${fa} نمی‌تواند یک رقم تکراری باشد`), false);
}

/** Persian letters (Arabic yeh and kaf → Persian), ASCII digits, single spaces. */
function tidyText(raw: string): string {
  return toLatinDigits(raw).replace(/ي/g, 'ی').replace(/ك/g, 'ک').replace(/\s+/g, ' ').trim();
}

function checkText(field: KycField, raw: string, min: number, max: number): FieldCheck {
  const text = tidyText(raw);
  const [en, fa] = NAMES[field];
  const len = [...text].length;
  if (len === 0) return empty(field);
  if (len < min)
    return invalid(
      field,
      ex('too_short', `The ${en} is too short: write at least ${min} characters`, `${fa} کوتاه است: دست‌کم ${faDigits(min)} نویسه بنویسید`),
      true,
    );
  if (len > max)
    return invalid(field, ex('too_long', `The ${en} is too long: at most ${max} characters`, `${fa} بلند است: حداکثر ${faDigits(max)} نویسه`), false);
  return valid(field, text);
}

function checkFullName(raw: string): FieldCheck {
  const c = checkText('fullName', raw, 2, 100);
  if (!c.ok || !c.normalized) return c;
  if (!/^[\p{L}\p{M} \u200c'.-]+$/u.test(c.normalized))
    return invalid(
      'fullName',
      ex('invalid_characters', 'A name has letters only: no digits or symbols', 'نام فقط از حروف تشکیل می‌شود: بدون رقم یا نماد'),
      false,
    );
  if (c.normalized.split(' ').length < 2)
    return invalid(
      'fullName',
      ex(
        'first_and_last_name',
        'Write your first and last name, as on your national ID card',
        'نام و نام خانوادگی را همان‌گونه که روی کارت ملی آمده بنویسید',
      ),
      true,
    );
  return c;
}

function checkEmail(raw: string): FieldCheck {
  const email = toLatinDigits(raw.trim());
  if (!email) return empty('email');
  const bad = (incomplete: boolean) =>
    invalid(
      'email',
      ex('invalid_email', 'This is not an email address: write it like name@example.com', 'این نشانی ایمیل نیست: آن را به شکل name@example.com بنویسید'),
      incomplete,
    );
  if (/\s/.test(email) || email.length > 254) return bad(false);
  const at = email.lastIndexOf('@');
  if (at < 0) return bad(true);
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (!local || local.includes('@') || local.length > 64) return bad(false);
  const labels = domain.split('.');
  const domainOk = labels.length > 1 && labels.every((l) => /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u.test(l));
  if (!domainOk) return bad(!domain.includes('..') && (!domain.includes('.') || domain.endsWith('.')));
  return valid('email', `${local}@${domain.toLowerCase()}`);
}

function checkMobile(raw: string): FieldCheck {
  const field: KycField = 'mobile';
  const c = compact(raw).replace(/[()]/g, '');
  if (!c) return empty(field);
  const plus = c.startsWith('+');
  const digits = plus ? c.slice(1) : c;
  if (!/^\d+$/.test(digits)) return notDigits(field);
  const badPrefix = () =>
    invalid(field, ex('bad_prefix', 'An Iranian mobile number starts with 09 (or +989)', 'شمارهٔ همراه ایران با ۰۹ (یا ‎+989) آغاز می‌شود'), false);
  let national: string;
  if (plus) {
    if (digits.length !== 12) return wrongLength(field, 13, digits.length + 1);
    if (!digits.startsWith('98')) return badPrefix();
    national = digits.slice(2);
  } else if (digits.length === 10) national = digits;
  else if (digits.length === 11) {
    if (!digits.startsWith('0')) return badPrefix();
    national = digits.slice(1);
  } else if (digits.length === 12 && digits.startsWith('98')) national = digits.slice(2);
  else if (digits.length === 14 && digits.startsWith('0098')) national = digits.slice(4);
  else {
    // Typing: a number that cannot become a mobile number is wrong already.
    if (digits.length >= 2 && !digits.startsWith('09') && !digits.startsWith('9') && !digits.startsWith('98') && !digits.startsWith('00'))
      return badPrefix();
    return wrongLength(field, 11, digits.length);
  }
  if (!national.startsWith('9')) return badPrefix();
  const check = valid(field, `+98${national}`, `0${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`);
  check.operator = operatorOf(Number(national.slice(0, 3)));
  if (!check.operator)
    check.warning = ex(
      'unknown_operator',
      'No Iranian operator is known to use this prefix; check the number',
      'اپراتوری با این پیش‌شماره شناخته نیست؛ شماره را بررسی کنید',
    );
  return check;
}

function mod97(digits: string): number {
  let r = 0;
  for (const ch of digits) r = (r * 10 + Number(ch)) % 97;
  return r;
}

function bankNamed(code: string): Named | null {
  const b = BANKS[code];
  return b ? { nameEn: b[0], nameFa: b[1] } : null;
}

function checkSheba(raw: string): FieldCheck {
  const field: KycField = 'sheba';
  const c = compact(raw).toUpperCase();
  if (!c) return empty(field);
  let digits = c;
  if (/^[A-Z]{2}/.test(c)) {
    if (!c.startsWith('IR'))
      return invalid(
        field,
        ex('bad_country', 'Only Iranian Sheba numbers, starting with IR, are accepted', 'فقط شمارهٔ شبای ایران که با IR آغاز می‌شود پذیرفته است'),
        false,
      );
    digits = c.slice(2);
  }
  const bank = /^\d{5}/.test(digits) ? bankNamed(digits.slice(2, 5)) : null;
  let check: FieldCheck;
  if (!/^\d*$/.test(digits))
    check = invalid(field, ex('not_digits', 'A Sheba is IR followed by 24 digits', 'شبا از IR و ۲۴ رقم تشکیل می‌شود'), false);
  else if (digits.length !== 24) check = wrongLength(field, 24, digits.length);
  else if (mod97(digits.slice(2) + '1827' + digits.slice(0, 2)) !== 1)
    check = invalid(
      field,
      ex(
        'checksum',
        'This Sheba number is not valid: its check digits do not match. Copy it again from your bank card or statement',
        'این شمارهٔ شبا معتبر نیست: رقم‌های کنترل آن نمی‌خوانند. آن را دوباره از کارت یا صورت‌حساب بانکی بنویسید',
      ),
      false,
    );
  else {
    const normalized = `IR${digits}`;
    check = valid(field, normalized, normalized.replace(/(.{4})/g, '$1 ').trim());
    if (!bank)
      check.warning = ex(
        'unknown_bank',
        "This Sheba's bank code is not one we know; check it with your bank",
        'کد بانک این شبا شناخته نیست؛ آن را با بانک خود بررسی کنید',
      );
  }
  check.bank = bank;
  return check;
}

function checkDigits(field: KycField, raw: string, validate: (d: number[]) => FieldCheck | null): FieldCheck {
  const c = compact(raw);
  if (!c) return empty(field);
  if (!/^\d+$/.test(c)) return notDigits(field);
  if (c.length !== 10) return wrongLength(field, 10, c.length);
  const d = [...c].map(Number);
  return validate(d) ?? valid(field, c);
}

/** The national code's check digit rule. */
export function nationalCodeOk(code: string): boolean {
  const d = [...code].map(Number);
  if (d.length !== 10 || d.some(Number.isNaN)) return false;
  const sum = d.slice(0, 9).reduce((s, x, i) => s + x * (10 - i), 0) % 11;
  return d[9] === (sum < 2 ? sum : 11 - sum);
}

function checkNationalCode(raw: string): FieldCheck {
  const field: KycField = 'nationalCode';
  return checkDigits(field, raw, (d) => {
    if (d.every((x) => x === d[0])) return repeated(field);
    if (d.slice(3, 9).every((x) => x === 0))
      return invalid(
        field,
        ex(
          'invalid_pattern',
          'This national code is not valid: digits 4 to 9 cannot all be zero',
          'این کد ملی معتبر نیست: رقم‌های چهارم تا نهم نمی‌توانند همه صفر باشند',
        ),
        false,
      );
    if (!nationalCodeOk(d.join('')))
      return invalid(
        field,
        ex(
          'checksum',
          'This national code is not valid: its check digit does not match. Copy the 10 digits from your card again',
          'این کد ملی معتبر نیست: رقم کنترل آن نمی‌خواند. ۱۰ رقم را دوباره از روی کارت بنویسید',
        ),
        false,
      );
    return null;
  });
}

function checkPostalCode(raw: string): FieldCheck {
  const field: KycField = 'postalCode';
  return checkDigits(field, raw, (d) => {
    if (d.slice(0, 4).every((x) => x === d[0])) return repeated(field);
    const ok = !d.slice(0, 4).some((x) => x === 0 || x === 2) && [1, 3, 4, 6, 7, 8, 9].includes(d[4]) && !d.slice(5).includes(2);
    return ok
      ? null
      : invalid(
          field,
          ex(
            'invalid_pattern',
            'This is not an Iranian postal code: check the 10 digits on your bill or at the post office',
            'این کد پستی ایران نیست: ۱۰ رقم را از روی قبض یا اداره پست بررسی کنید',
          ),
          false,
        );
  });
}

function checkBirthDate(raw: string, today: JalaliDay): FieldCheck {
  const field: KycField = 'birthDate';
  const s = toLatinDigits(raw).trim();
  if (!s) return empty(field);
  const bad = (incomplete = false) =>
    invalid(
      field,
      ex(
        'invalid_date',
        'This is not a date of the Jalali calendar: write it as year/month/day, e.g. 1370/05/12',
        'این تاریخ در تقویم خورشیدی نیست: آن را به شکل سال/ماه/روز بنویسید، مانند ۱۳۷۰/۰۵/۱۲',
      ),
      incomplete,
    );
  const m = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(s);
  if (!m) return bad(/^\d{0,4}(?:[/-]\d{0,2}(?:[/-]\d?)?)?$/.test(s));
  const [jy, jm, jd] = [Number(m[1]), Number(m[2]), Number(m[3])];
  let length = 0;
  try {
    length = jm >= 1 && jm <= 12 ? jalaliMonthLength(jy, jm) : 0;
  } catch {
    length = 0;
  }
  if (jd < 1 || jd > length) return bad();
  if (jy < today.jy - 120)
    return invalid(
      field,
      ex('invalid_date', 'This birth date is more than 120 years ago; check the year', 'این تاریخ تولد بیش از ۱۲۰ سال پیش است؛ سال را بررسی کنید'),
      false,
    );
  // Old enough on the day they turn 18 (Esfand 30 of a leap year counts from the day after
  // Esfand 29 in other years: a small difference the mock can live with).
  if (compareDays([jy + MIN_AGE, jm, jd], [today.jy, today.jm, today.jd]) > 0)
    return invalid(
      field,
      ex('too_young', `The store's owner must be at least ${MIN_AGE} years old`, `مالک فروشگاه باید دست‌کم ${faDigits(MIN_AGE)} سال داشته باشد`),
      false,
    );
  const pad = (n: number) => String(n).padStart(2, '0');
  return valid(field, `${jy}/${pad(jm)}/${pad(jd)}`);
}

function compareDays(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

export function jalaliToday(): JalaliDay {
  return jalaliOf(tehranToday());
}

/** The mock's copy of `kyc::form::check_field`. */
export function checkKycField(field: KycField, raw: string, today: JalaliDay = jalaliToday()): FieldCheck {
  switch (field) {
    case 'fullName':
      return checkFullName(raw);
    case 'storeName':
      return checkText(field, raw, 2, 100);
    case 'email':
      return checkEmail(raw);
    case 'mobile':
      return checkMobile(raw);
    case 'address':
      return checkText(field, raw, 10, 500);
    case 'postalCode':
      return checkPostalCode(raw);
    case 'sheba':
      return checkSheba(raw);
    case 'birthDate':
      return checkBirthDate(raw, today);
    case 'nationalCode':
      return checkNationalCode(raw);
  }
}

/** The mock's copy of `kyc::form::check_form`. */
export function checkKycForm(form: KycForm, today: JalaliDay = jalaliToday()): FormCheck {
  const fields = KYC_FIELDS.map((f) => checkKycField(f, form[f], today));
  const ok = fields.every((f) => f.ok);
  let normalized: KycForm | null = null;
  if (ok) {
    normalized = emptyKycForm();
    for (const c of fields) normalized[c.field] = c.normalized ?? '';
  }
  return { ok, fields, normalized };
}

// ---------------------------------------------------------------------------------------------
// The verification: draft, images, queue, upload, platform answers

export type KycSeed = 'rejected' | 'info' | 'review' | 'verified' | null;

export interface MockKycOptions {
  seed: KycSeed;
  /** The platform cannot be reached: the submission waits, each attempt fails. */
  offline: boolean;
  /** Every image chosen comes back blurred. */
  blurry: boolean;
  /** "Choose photo" opens the browser's file picker instead of making a fake card. */
  pick: boolean;
  emit: (event: string, payload?: unknown) => void;
  /** Milliseconds between fake upload chunks. */
  tick?: number;
}

/** A valid form, as the merchant might type it (Persian digits and all). */
export const SAMPLE_FORM: KycForm = {
  fullName: 'سارا نیک‌پور',
  storeName: 'فروشگاه گلبرگ',
  email: 'sara@golbarg.example',
  mobile: '۰۹۱۲ ۱۲۳ ۴۵۶۷',
  address: 'شیراز، خیابان زند، کوچهٔ ۱۲، پلاک ۸',
  postalCode: '۳۳۵۴۳۵۵۵۹۹',
  sheba: 'IR82 0540 1026 8002 0817 9090 02',
  birthDate: '۱۳۶۵/۰۱/۱۵',
  nationalCode: '۰۴۹۹۳۷۰۸۹۹',
};

const CHUNK = 96 * 1024;
const MAX_BYTES = 10 * 1024 * 1024;

const refusal = (code: string, message: string, messageFa: string): PublicError => ({ code, message, messageFa });
const invalidInput = (message: string, messageFa: string) => refusal('invalid_input', message, messageFa);
const UNREACHABLE = refusal(
  'platform_unreachable',
  'Cannot reach the store platform. Check the address and your internet connection, then try again.',
  'دسترسی به سکوی فروشگاه ممکن نشد. نشانی و اتصال اینترنت را بررسی و دوباره تلاش کنید.',
);

function randomHex(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(Math.random() * 16).toString(16);
  return s;
}

/** A drawing of one side of a national ID card, as an SVG data URL (no canvas needed). */
function fakeCardPreview(document: KycDocument): string {
  const front = document === 'idFront';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200" viewBox="0 0 320 200">
<rect width="320" height="200" rx="14" fill="${front ? '#dbeafe' : '#e0e7ff'}"/>
<rect x="10" y="10" width="300" height="34" rx="8" fill="${front ? '#1e3a8a' : '#3730a3'}"/>
<text x="160" y="33" font-family="Vazirmatn, sans-serif" font-size="15" fill="#fff" text-anchor="middle">کارت هوشمند ملی</text>
${
  front
    ? `<rect x="222" y="60" width="76" height="96" rx="6" fill="#94a3b8"/><circle cx="260" cy="92" r="18" fill="#e2e8f0"/><rect x="236" y="116" width="48" height="32" rx="14" fill="#e2e8f0"/>
<g font-family="Vazirmatn, sans-serif" font-size="12" fill="#1f2937" text-anchor="end"><text x="206" y="76">کد ملی: ۰۴۹۹۳۷۰۸۹۹</text><text x="206" y="100">نام: سارا</text><text x="206" y="124">نام خانوادگی: نیک‌پور</text><text x="206" y="148">تاریخ تولد: ۱۳۶۵/۰۱/۱۵</text></g>`
    : `<rect x="20" y="64" width="280" height="40" fill="#fff"/><g fill="#111">${Array.from({ length: 40 }, (_, i) => `<rect x="${24 + i * 7}" y="68" width="${(i * 7) % 4 === 0 ? 4 : 2}" height="32"/>`).join('')}</g>
<g font-family="monospace" font-size="11" fill="#1f2937"><text x="20" y="134">IDIRN0499370899&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;</text><text x="20" y="152">6501158F3012314IRN&lt;&lt;&lt;&lt;&lt;&lt;</text><text x="20" y="170">NIKPOUR&lt;&lt;SARA&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;</text></g>`
}
</svg>`;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

function fakeCard(document: KycDocument, blurry: boolean): DraftImage {
  return {
    document,
    width: 1600,
    height: 1000,
    bytes: document === 'idFront' ? 412_377 : 388_912,
    sha256: randomHex(64),
    blurry,
    preview: fakeCardPreview(document),
  };
}

/** What Rust would say of a file before decoding it. */
function refuseFile(file: File): PublicError | null {
  const name = file.name.toLowerCase();
  const accepted = 'Choose a JPEG, PNG or WebP photo of the card';
  const acceptedFa = 'عکسی از کارت با قالب JPEG، PNG یا WebP انتخاب کنید';
  if (file.size === 0) return refusal('image_empty', `This file is empty (0 bytes). ${accepted}.`, `این فایل خالی است. ${acceptedFa}.`);
  if (file.size > MAX_BYTES)
    return refusal(
      'image_too_large',
      `This file is over 10 MB. ${accepted}, or a smaller photo of it.`,
      `حجم این فایل بیش از ۱۰ مگابایت است. ${acceptedFa} یا عکسی کم‌حجم‌تر بفرستید.`,
    );
  if (/\.(heic|heif)$/.test(name) || /hei[cf]/.test(file.type))
    return refusal(
      'image_heic',
      `HEIC photos (an iPhone's own format) are not accepted. ${accepted}: on the iPhone, choose "Most Compatible" under Camera › Formats.`,
      `عکس‌های HEIC (قالب خود آیفون) پذیرفته نیستند. ${acceptedFa}؛ در آیفون، در Camera › Formats گزینهٔ Most Compatible را برگزینید.`,
    );
  if (name.endsWith('.pdf') || file.type === 'application/pdf')
    return refusal('image_pdf', `This is a PDF document, not a photo. ${accepted}.`, `این فایل PDF است، نه عکس. ${acceptedFa}.`);
  if (!/^image\/(jpeg|png|webp)$/.test(file.type) && !/\.(jpe?g|png|webp)$/.test(name))
    return refusal('image_unsupported', `This kind of file is not accepted. ${accepted}.`, `این نوع فایل پذیرفته نیست. ${acceptedFa}.`);
  return null;
}

async function imageFromFile(document: KycDocument, file: File, blurry: boolean): Promise<DraftImage> {
  const refused = refuseFile(file);
  if (refused) throw refused;
  const preview = await new Promise<string>((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(refusal('image_unreadable', 'The file could not be read.', 'فایل خوانده نشد.'));
    r.readAsDataURL(file);
  });
  const size = await new Promise<{ w: number; h: number }>((resolve) => {
    const img = new Image();
    img.onload = () => resolve({ w: img.naturalWidth, h: img.naturalHeight });
    img.onerror = () => resolve({ w: 0, h: 0 });
    img.src = preview;
  });
  if (size.w === 0)
    throw refusal('image_corrupt', 'This image cannot be decoded; it may be damaged. Take the photo again.', 'این تصویر باز نمی‌شود؛ شاید آسیب دیده باشد. دوباره عکس بگیرید.');
  // Rust downscales to at most 2000 px on the long side and re-encodes as JPEG.
  const scale = Math.min(1, 2000 / Math.max(size.w, size.h));
  return {
    document,
    width: Math.round(size.w * scale),
    height: Math.round(size.h * scale),
    bytes: Math.min(file.size, Math.round(600_000 * scale * scale) + 80_000),
    sha256: randomHex(64),
    blurry: blurry || /blur/i.test(file.name),
    preview,
  };
}

/** The browser's own file picker; null when the merchant cancels. */
function pickFile(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = 'image/jpeg,image/png,image/webp';
    input.onchange = () => resolve(input.files?.[0] ?? null);
    input.addEventListener('cancel', () => resolve(null));
    input.click();
  });
}

const accepts = (s: KycStatus) => s === 'not_submitted' || s === 'rejected' || s === 'info_requested';

function notSubmitted(): KycVerification {
  return { status: 'not_submitted', revision: 0, form: null, idFront: null, idBack: null, reasons: [], submittedAt: null, updatedAt: null };
}

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

export function mockKyc(opts: MockKycOptions) {
  const tick = opts.tick ?? 350;
  let draft = emptyKycForm();
  const images = new Map<KycDocument, DraftImage>();
  let verification = notSubmitted();
  let fetchedAt: string | null = null;
  let queued: (QueuedSubmission & { form: KycForm }) | null = null;
  const uploads = new Map<KycDocument, UploadProgress & { sha256: string }>();
  let dropped: File | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const changed = () => opts.emit('kyc-changed');

  if (opts.seed) {
    const sent = checkKycForm(SAMPLE_FORM).normalized ?? emptyKycForm();
    draft = { ...SAMPLE_FORM };
    for (const d of KYC_DOCUMENTS) {
      const img = fakeCard(d, d === 'idBack' && opts.seed === 'rejected');
      images.set(d, img);
      uploads.set(d, { document: d, sent: img.bytes, total: img.bytes, complete: true, sha256: img.sha256 });
    }
    const ref = (d: KycDocument) => {
      const img = images.get(d)!;
      return { uploadId: `up-${d}-${img.sha256.slice(0, 8)}`, sha256: img.sha256, size: img.bytes };
    };
    const reasons: KycReason[] =
      opts.seed === 'rejected'
        ? [
            { subject: { field: 'sheba' }, code: 'invalid_value', note: 'این شماره شبا به نام صاحب فروشگاه نیست؛ شبای حساب خودتان را وارد کنید.' },
            { subject: { document: 'idBack' }, code: 'not_readable', note: 'Glare covers the barcode.' },
          ]
        : opts.seed === 'info'
          ? [{ subject: { document: 'idFront' }, code: 'more_information', note: 'عکس روی کارت را بدون کاور پلاستیکی بفرستید.' }]
          : [];
    const status: KycStatus =
      opts.seed === 'rejected' ? 'rejected' : opts.seed === 'info' ? 'info_requested' : opts.seed === 'review' ? 'in_review' : 'verified';
    verification = {
      status,
      revision: 1,
      form: sent,
      idFront: ref('idFront'),
      idBack: ref('idBack'),
      reasons,
      submittedAt: ago(60 * 26),
      updatedAt: ago(60 * 3),
    };
    fetchedAt = ago(12);
  }

  const open = () => accepts(verification.status) && (!queued || queued.refused);
  const named = (field: KycField) => verification.reasons.some((r) => 'field' in r.subject && r.subject.field === field);
  const namedDoc = (d: KycDocument) => verification.reasons.some((r) => 'document' in r.subject && r.subject.document === d);
  const mayChangeField = (f: KycField) => verification.form === null || named(f);
  const mayChangeDoc = (d: KycDocument) => verification[d] === null || namedDoc(d);

  function state(): KycState {
    const isOpen = open();
    return {
      form: { ...draft },
      images: KYC_DOCUMENTS.flatMap((d) => (images.has(d) ? [images.get(d)!] : [])),
      verification: structuredClone(verification),
      fetchedAt,
      queued: queued ? { queuedAt: queued.queuedAt, paused: queued.paused, attempts: queued.attempts, lastError: queued.lastError, refused: queued.refused } : null,
      uploads: KYC_DOCUMENTS.flatMap((d) => {
        const u = uploads.get(d);
        return u ? [{ document: d, sent: u.sent, total: u.total, complete: u.complete }] : [];
      }),
      editableFields: isOpen ? KYC_FIELDS.filter(mayChangeField) : [],
      editableDocuments: isOpen ? KYC_DOCUMENTS.filter(mayChangeDoc) : [],
    };
  }

  function requireEditable(d: KycDocument) {
    if (!open() || !mayChangeDoc(d))
      throw invalidInput('This side of the card cannot be changed now', 'این روی کارت اکنون قابل تغییر نیست');
  }

  function schedule(ms = tick) {
    if (timer || !queued || queued.paused || queued.refused) return;
    timer = setTimeout(step, ms);
  }

  function step() {
    timer = null;
    if (!queued || queued.paused || queued.refused) return;
    if (opts.offline) {
      queued.attempts += 1;
      queued.lastError = UNREACHABLE;
      changed();
      schedule(8000);
      return;
    }
    queued.lastError = null;
    // One chunk of the first image the platform does not have yet.
    for (const d of KYC_DOCUMENTS) {
      const img = images.get(d);
      if (!img) continue;
      let u = uploads.get(d);
      if (u && u.sha256 === img.sha256 && u.complete) continue;
      if (!u || u.sha256 !== img.sha256) {
        u = { document: d, sent: 0, total: img.bytes, complete: false, sha256: img.sha256 };
        uploads.set(d, u);
      }
      u.sent = Math.min(u.total, u.sent + CHUNK);
      u.complete = u.sent === u.total;
      opts.emit('kyc-upload', { document: d, sent: u.sent, total: u.total, complete: u.complete });
      schedule();
      return;
    }
    // Every image is there: post the form.
    const ref = (d: KycDocument) => {
      const img = images.get(d)!;
      return { uploadId: `up-${d}-${img.sha256.slice(0, 8)}`, sha256: img.sha256, size: img.bytes };
    };
    const now = new Date().toISOString();
    verification = {
      status: 'submitted',
      revision: verification.revision + 1,
      form: queued.form,
      idFront: ref('idFront'),
      idBack: ref('idBack'),
      reasons: [],
      submittedAt: now,
      updatedAt: now,
    };
    fetchedAt = now;
    queued = null;
    changed();
    // A reviewer picks it up a little later.
    setTimeout(() => {
      if (verification.status !== 'submitted') return;
      verification = { ...verification, status: 'in_review', updatedAt: new Date().toISOString() };
      fetchedAt = new Date().toISOString();
      changed();
    }, 6000);
  }

  async function attach(d: KycDocument, file: File | null): Promise<DraftImage | null> {
    requireEditable(d);
    const img = file ? await imageFromFile(d, file, opts.blurry) : fakeCard(d, opts.blurry);
    await new Promise((r) => setTimeout(r, file ? 300 : 700)); // decoding, downscaling, re-encoding
    images.set(d, img);
    return img;
  }

  function submit(form: KycForm): KycState {
    draft = { ...form };
    const checked = checkKycForm(form);
    if (!checked.normalized) {
      const n = checked.fields.filter((f) => !f.ok).length;
      throw invalidInput(
        `${n} field(s) of the form need correcting; each says what is wrong`,
        `${faDigits(n)} خانهٔ فرم نیاز به اصلاح دارد؛ کنار هر یک نوشته شده چه چیزی نادرست است`,
      );
    }
    if (!accepts(verification.status))
      throw verification.status === 'verified'
        ? invalidInput('Your identity is already verified; there is nothing to submit', 'هویت شما پیش‌تر تأیید شده است؛ چیزی برای فرستادن نیست')
        : invalidInput(
            'Your verification is being reviewed; wait for the answer before changing it',
            'درخواست احراز هویت شما در حال بررسی است؛ پیش از تغییر، منتظر پاسخ بمانید',
          );
    const previous = verification.form;
    if (previous)
      for (const f of KYC_FIELDS)
        if (!mayChangeField(f) && checked.normalized[f] !== previous[f])
          throw invalidInput(
            `The reviewer did not ask to change your ${NAMES[f][0]}; put back the value you sent, and fix only what is marked`,
            `بررسی‌کننده تغییر ${NAMES[f][1]} را نخواسته است؛ مقدار فرستاده‌شده را برگردانید و فقط موارد مشخص‌شده را اصلاح کنید`,
          );
    for (const d of KYC_DOCUMENTS)
      if (!images.has(d) && mayChangeDoc(d)) {
        const [en, fa] = d === 'idFront' ? ['front', 'روی'] : ['back', 'پشت'];
        throw invalidInput(`Add a photo of the ${en} of your national ID card`, `تصویر ${fa} کارت ملی را بیفزایید`);
      }
    queued = { queuedAt: new Date().toISOString(), paused: false, attempts: 0, lastError: null, refused: false, form: checked.normalized };
    schedule();
    return state();
  }

  /** The browser stand-in for the window's file drop: keep the file, say where it landed. */
  function installDrop(target: Window) {
    target.addEventListener('dragover', (e) => e.preventDefault());
    target.addEventListener('drop', (e) => {
      e.preventDefault();
      const file = e.dataTransfer?.files?.[0];
      if (!file) return;
      dropped = file;
      opts.emit('file-dropped', { x: e.clientX, y: e.clientY });
    });
  }

  async function handle(cmd: string, args: Record<string, unknown>): Promise<unknown> {
    const doc = args.document as KycDocument;
    switch (cmd) {
      case 'kyc_check_field':
        return checkKycField(args.field as KycField, String(args.value ?? ''));
      case 'kyc_check_form':
        return checkKycForm(args.form as KycForm);
      case 'kyc_state':
        return state();
      case 'kyc_save_draft':
        draft = { ...(args.form as KycForm) };
        return null;
      case 'kyc_choose_image': {
        requireEditable(doc);
        if (opts.pick) {
          const file = await pickFile();
          return file ? attach(doc, file) : null;
        }
        return attach(doc, null);
      }
      case 'kyc_attach_dropped': {
        const file = dropped;
        dropped = null;
        if (!file) throw invalidInput('No file was dropped; drop a photo of the card on its box', 'فایلی رها نشد؛ عکس کارت را روی کادر آن رها کنید');
        return attach(doc, file);
      }
      case 'kyc_remove_image':
        requireEditable(doc);
        images.delete(doc);
        return null;
      case 'kyc_submit':
        return submit(args.form as KycForm);
      case 'kyc_pause':
        if (queued) {
          queued.paused = args.paused === true;
          if (queued.paused && timer) {
            clearTimeout(timer);
            timer = null;
          }
          schedule();
        }
        return state();
      case 'kyc_refresh':
        await new Promise((r) => setTimeout(r, 400));
        if (!opts.offline) fetchedAt = new Date().toISOString();
        return state();
      default:
        throw { code: 'unknown_command', message: cmd };
    }
  }

  return { handle, state, installDrop };
}
