import { afterEach, beforeEach, expect, test } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import { KYC_FIELDS, type DraftImage, type KycField, type KycForm, type KycState, type QueuedSubmission } from '../api';
import { checkKycField, checkKycForm, emptyKycForm, mockKyc, SAMPLE_FORM, type JalaliDay } from '../dev/mockKyc';
import { dicts, type Lang } from '../i18n';
import { LangContext } from '../lang';
import { makeFmt } from '../lib/format';
import { App } from '../App';
import { KycScreen } from './KycScreen';
import { emptyStoreAnswer } from '../test/emptyStore';

const fa = dicts.fa;
const TODAY: JalaliDay = { jy: 1404, jm: 9, jd: 1 };

const image = (document: 'idFront' | 'idBack', over: Partial<DraftImage> = {}): DraftImage => ({
  document,
  width: 1600,
  height: 1000,
  bytes: 412_377,
  sha256: `${document}-sha`,
  blurry: false,
  preview: 'data:image/jpeg;base64,AAAA',
  ...over,
});

const queuedSubmission = (over: Partial<QueuedSubmission> = {}): QueuedSubmission => ({
  queuedAt: '2025-11-20T10:00:00Z',
  paused: false,
  attempts: 0,
  lastError: null,
  refused: false,
  ...over,
});

function kycState(over: Partial<KycState> = {}): KycState {
  return {
    form: emptyKycForm(),
    images: [],
    verification: {
      status: 'not_submitted',
      revision: 0,
      form: null,
      idFront: null,
      idBack: null,
      reasons: [],
      submittedAt: null,
      updatedAt: null,
    },
    fetchedAt: '2025-11-20T10:30:00Z',
    queued: null,
    uploads: [],
    editableFields: [...KYC_FIELDS],
    editableDocuments: ['idFront', 'idBack'],
    ...over,
  };
}

/** The state while a submission waits: nothing editable, the images on their way. */
const waiting = (over: Partial<QueuedSubmission> = {}) =>
  kycState({
    form: { ...SAMPLE_FORM },
    images: [image('idFront'), image('idBack', { bytes: 388_912 })],
    queued: queuedSubmission(over),
    editableFields: [],
    editableDocuments: [],
  });

let calls: Array<[string, Record<string, unknown>]> = [];
let current: KycState;
/** Per-test answers; `undefined` falls through to the default fake. */
let extra: (cmd: string, args: Record<string, unknown>) => unknown = () => undefined;

function callsOf(cmd: string) {
  return calls.filter(([c]) => c === cmd).map(([, a]) => a);
}

beforeEach(() => {
  localStorage.clear();
  calls = [];
  current = kycState();
  extra = () => undefined;
  mockIPC(
    async (cmd, args) => {
      const a = (args ?? {}) as Record<string, unknown>;
      calls.push([cmd, a]);
      const answer = await extra(cmd, a);
      if (answer !== undefined) return answer;
      switch (cmd) {
        case 'kyc_state':
          return current;
        case 'kyc_check_field':
          return checkKycField(a.field as KycField, String(a.value), TODAY);
        case 'kyc_check_form':
          return checkKycForm(a.form as KycForm, TODAY);
        case 'kyc_save_draft':
          return null;
        case 'kyc_submit':
          current = { ...current, form: a.form as KycForm, queued: queuedSubmission(), editableFields: [], editableDocuments: [] };
          return current;
        case 'kyc_pause':
          current = { ...current, queued: queuedSubmission({ paused: a.paused === true }) };
          return current;
        default:
          throw { code: 'unknown_command', message: cmd };
      }
    },
    { shouldMockEvents: true },
  );
});

afterEach(() => {
  cleanup();
  clearMocks();
});

function renderIn(lang: Lang) {
  const prefs = { lang, digits: lang === 'fa' ? ('fa' as const) : ('latin' as const), currency: 'toman' as const };
  return render(
    <LangContext.Provider value={{ lang, t: dicts[lang], prefs, fmt: makeFmt(prefs), toggle() {}, setLang() {}, setDigits() {}, setCurrency() {} }}>
      <KycScreen reloadKey={0} />
    </LangContext.Provider>,
  );
}

const field = (f: KycField) => screen.getByTestId(`kyc-field-${f}`) as HTMLInputElement;

/** Lets answers already on their way land (the checks are debounced 150 ms). */
const settle = (ms = 250) => act(() => new Promise((r) => setTimeout(r, ms)));

test('an unfinished value is not called wrong until the merchant leaves the field; a wrong one is shown at once', async () => {
  renderIn('fa');
  await screen.findByTestId('kyc-form');
  const nc = field('nationalCode');

  fireEvent.change(nc, { target: { value: '۰۴۹۹' } });
  await waitFor(() => expect(callsOf('kyc_check_field').some((a) => a.field === 'nationalCode' && a.value === '۰۴۹۹')).toBe(true));
  await settle();
  expect(screen.queryByTestId('kyc-error-nationalCode')).toBeNull();
  expect(nc.value).toBe('۰۴۹۹'); // what the merchant typed, Persian digits and all

  fireEvent.blur(nc);
  const err = await screen.findByTestId('kyc-error-nationalCode');
  expect(err.dataset.code).toBe('wrong_length');
  expect(err.textContent).toContain('کد ملی ۱۰ رقم است');
  expect(nc.getAttribute('aria-invalid')).toBe('true');

  // Complete but wrong: shown while still typing in the field, no blur needed.
  const pc = field('postalCode');
  fireEvent.change(pc, { target: { value: '1111111111' } });
  expect((await screen.findByTestId('kyc-error-postalCode')).dataset.code).toBe('repeated_digits');

  // Fixing the national code clears its error.
  fireEvent.change(nc, { target: { value: '۰۴۹۹۳۷۰۸۹۹' } });
  await waitFor(() => expect(screen.queryByTestId('kyc-error-nationalCode')).toBeNull());
  expect(nc.closest('.kyc-field')!.className).toContain('kyc-field--ok');
});

test('the Sheba names its bank while it is typed; the mobile its operator; the draft is saved', async () => {
  renderIn('fa');
  await screen.findByTestId('kyc-form');
  fireEvent.change(field('sheba'), { target: { value: 'IR82054' } });
  expect((await screen.findByTestId('kyc-bank')).textContent).toBe('بانک: پارسیان');
  // Still unfinished: no error yet, the bank already.
  expect(screen.queryByTestId('kyc-error-sheba')).toBeNull();

  fireEvent.change(field('mobile'), { target: { value: '۰۹۱۲ ۱۲۳ ۴۵۶۷' } });
  expect((await screen.findByTestId('kyc-operator')).textContent).toBe('اپراتور: همراه اول');

  await waitFor(() => expect(callsOf('kyc_save_draft').length).toBeGreaterThan(0), { timeout: 2000 });
  const saved = callsOf('kyc_save_draft').at(-1)!.form as KycForm;
  expect(saved.sheba).toBe('IR82054');
  expect(saved.mobile).toBe('۰۹۱۲ ۱۲۳ ۴۵۶۷');
  expect(await screen.findByTestId('kyc-draft-saved')).toBeTruthy();
});

test('in English: labels, status text and the bank in English, the Jalali birth date picker with a year list', async () => {
  renderIn('en');
  await screen.findByTestId('kyc-form');
  expect(screen.getByTestId('kyc-status').dataset.status).toBe('not_submitted');
  expect(screen.getByTestId('kyc-status').textContent).toContain('Not submitted yet');
  expect(screen.getByText('National code')).toBeTruthy();
  fireEvent.change(field('sheba'), { target: { value: 'IR55 0570 0220 8001 3447 3701 01' } });
  expect((await screen.findByTestId('kyc-bank')).textContent).toBe('Bank: Pasargad');

  fireEvent.click(screen.getByTestId('kyc-birthdate-picker'));
  const years = Array.from((screen.getByTestId('picker-year') as HTMLSelectElement).options).map((o) => Number(o.value));
  expect(Math.min(...years)).toBeLessThanOrEqual(1300);
  expect(screen.getByTestId('date-picker').dataset.calendar).toBe('jalali');
  fireEvent.change(screen.getByTestId('picker-year'), { target: { value: '1370' } });
  fireEvent.change(screen.getByTestId('picker-month'), { target: { value: '5' } });
  fireEvent.click(screen.getAllByTestId('picker-day')[11]);
  expect(field('birthDate').value).toBe('1370/05/12');
  expect(screen.queryByTestId('date-picker')).toBeNull();
});

test('submit with mistakes shows every error (unfinished ones too), focuses the first, and queues nothing', async () => {
  current = kycState({ form: { ...SAMPLE_FORM, email: '', nationalCode: '1234567890' } });
  renderIn('fa');
  await screen.findByTestId('kyc-form');
  expect(field('fullName').value).toBe(SAMPLE_FORM.fullName);
  // The wrong national code is known at once; the empty email waits.
  expect((await screen.findByTestId('kyc-error-nationalCode')).dataset.code).toBe('checksum');
  expect(screen.queryByTestId('kyc-error-email')).toBeNull();

  fireEvent.click(screen.getByTestId('kyc-submit'));
  await waitFor(() => expect(callsOf('kyc_check_form')).toHaveLength(1));
  expect((await screen.findByTestId('kyc-error-email')).textContent).toContain('ایمیل را وارد کنید');
  expect(screen.getByTestId('kyc-form-errors').dataset.count).toBe('2');
  await waitFor(() => expect(document.activeElement).toBe(field('nationalCode')));
  await settle(50);
  expect(callsOf('kyc_submit')).toHaveLength(0);
});

test('a valid form is queued: the banner says it waits to be sent, the form locks; kyc_submit errors are shown', async () => {
  current = kycState({ form: { ...SAMPLE_FORM }, images: [image('idFront')] });
  extra = (cmd) => {
    if (cmd === 'kyc_submit' && callsOf('kyc_submit').length === 1)
      throw { code: 'invalid_input', message: 'Add a photo of the back of your national ID card', messageFa: 'تصویر پشت کارت ملی را بیفزایید' };
    return undefined;
  };
  renderIn('fa');
  await screen.findByTestId('kyc-form');
  fireEvent.click(screen.getByTestId('kyc-submit'));
  expect((await screen.findByTestId('kyc-submit-error')).textContent).toContain('تصویر پشت کارت ملی را بیفزایید');
  expect(screen.getByTestId('kyc-status').dataset.queued).toBeUndefined();

  fireEvent.click(screen.getByTestId('kyc-submit'));
  await waitFor(() => expect(screen.getByTestId('kyc-status').dataset.queued).toBe('true'));
  expect(callsOf('kyc_submit')[1].form).toEqual(SAMPLE_FORM);
  expect(screen.getByTestId('kyc-status').textContent).toContain('در صف ارسال');
  expect(screen.queryByTestId('kyc-submit-error')).toBeNull();
  expect(field('fullName').disabled).toBe(true);
  expect((screen.getByTestId('kyc-submit') as HTMLButtonElement).disabled).toBe(true);
  expect(screen.getByTestId('kyc-pause')).toBeTruthy();
});

test('?kyc=rejected: only the fields and sides the reviewer named are editable, each with its reason', async () => {
  const kyc = mockKyc({ seed: 'rejected', offline: false, blurry: false, pick: false, emit: () => {} });
  extra = (cmd, a) => (cmd === 'kyc_state' ? kyc.handle(cmd, a) : undefined);
  renderIn('fa');
  await screen.findByTestId('kyc-form');

  const status = screen.getByTestId('kyc-status');
  expect(status.dataset.status).toBe('rejected');
  expect(status.textContent).toContain(fa.kycStatus.rejected);

  expect(field('sheba').disabled).toBe(false);
  for (const f of KYC_FIELDS.filter((f) => f !== 'sheba')) expect(field(f).disabled).toBe(true);
  expect(field('fullName').value).toBe(SAMPLE_FORM.fullName);

  const sheba = screen.getByTestId('kyc-reason-sheba');
  expect(sheba.textContent).toContain(fa.kycReasons.invalid_value);
  expect(sheba.textContent).toContain('این شماره شبا به نام صاحب فروشگاه نیست');
  const back = screen.getByTestId('kyc-reason-idBack');
  expect(back.textContent).toContain(fa.kycReasons.not_readable);
  expect(back.textContent).toContain('Glare covers the barcode.');
  expect(back.closest('[data-document]')!.getAttribute('data-document')).toBe('idBack');
  expect(screen.queryByTestId('kyc-reason-fullName')).toBeNull();
  expect(screen.queryByTestId('kyc-reason-idFront')).toBeNull();

  expect((screen.getByTestId('kyc-choose-idFront') as HTMLButtonElement).disabled).toBe(true);
  expect((screen.getByTestId('kyc-remove-idFront') as HTMLButtonElement).disabled).toBe(true);
  expect((screen.getByTestId('kyc-choose-idBack') as HTMLButtonElement).disabled).toBe(false);
  expect(screen.getByTestId('kyc-blurry-idBack').textContent).toContain('تار');
  expect(screen.queryByTestId('kyc-blurry-idFront')).toBeNull();
  expect((screen.getByTestId('kyc-preview-idFront') as HTMLImageElement).src).toMatch(/^data:image\//);
  expect((screen.getByTestId('kyc-submit') as HTMLButtonElement).disabled).toBe(false);
});

test('a verified merchant sees a success state and a read-only form', async () => {
  current = kycState({
    form: { ...SAMPLE_FORM },
    images: [image('idFront'), image('idBack')],
    verification: { ...kycState().verification, status: 'verified', revision: 1, submittedAt: '2025-11-18T08:00:00Z' },
    editableFields: [],
    editableDocuments: [],
  });
  renderIn('fa');
  await screen.findByTestId('kyc-form');
  const status = screen.getByTestId('kyc-status');
  expect(status.dataset.status).toBe('verified');
  expect(status.className).toContain('kyc-status--ok');
  expect(status.textContent).toContain('هویت شما تأیید شد');
  expect(screen.getByTestId('kyc-fetched-at').textContent).toContain('آخرین بررسی وضعیت');
  expect(screen.getByTestId('kyc-fetched-at').textContent).toContain('۱۴۰۴'); // Jalali
  for (const f of KYC_FIELDS) expect(field(f).disabled).toBe(true);
  expect((screen.getByTestId('kyc-submit') as HTMLButtonElement).disabled).toBe(true);
  expect((screen.getByTestId('kyc-choose-idBack') as HTMLButtonElement).disabled).toBe(true);
});

test('kyc-upload events move the bars; kyc-changed reloads the state', async () => {
  current = waiting();
  renderIn('fa');
  const bar = await screen.findByTestId('kyc-progress-idFront');
  expect(bar.dataset.sent).toBe('0');
  expect(bar.dataset.total).toBe('412377');

  await act(() => emit('kyc-upload', { document: 'idFront', sent: 98_304, total: 412_377, complete: false }));
  await waitFor(() => expect(screen.getByTestId('kyc-progress-idFront').dataset.sent).toBe('98304'));
  expect(screen.getByTestId('kyc-progress-idFront').getAttribute('aria-valuenow')).toBe('23');
  expect(screen.getByTestId('kyc-progress-idBack').dataset.sent).toBe('0');

  await act(() => emit('kyc-upload', { document: 'idFront', sent: 412_377, total: 412_377, complete: true }));
  await waitFor(() => expect(screen.getByTestId('kyc-progress-idFront').dataset.complete).toBe('true'));
  expect(screen.getByTestId('kyc-progress-idFront').getAttribute('aria-valuenow')).toBe('100');

  current = kycState({
    ...waiting(),
    queued: null,
    verification: { ...current.verification, status: 'submitted', revision: 1, submittedAt: '2025-11-20T10:40:00Z' },
  });
  const before = callsOf('kyc_state').length;
  await act(() => emit('kyc-changed'));
  await waitFor(() => expect(screen.getByTestId('kyc-status').dataset.status).toBe('submitted'));
  expect(callsOf('kyc_state').length).toBeGreaterThan(before);
  expect(screen.getByTestId('kyc-status').dataset.queued).toBeUndefined();
  expect(screen.queryByTestId('kyc-send')).toBeNull();
});

test('pause and resume call kyc_pause; a failed attempt says it will retry', async () => {
  current = waiting({
    attempts: 2,
    lastError: { code: 'platform_unreachable', message: 'Cannot reach the platform', messageFa: 'دسترسی به سکو ممکن نشد' },
  });
  renderIn('fa');
  const sendError = await screen.findByTestId('kyc-send-error');
  expect(sendError.dataset.code).toBe('platform_unreachable');
  expect(sendError.textContent).toContain(fa.kycWillRetry);
  expect(sendError.textContent).toContain('۲ بار تلاش');

  fireEvent.click(screen.getByTestId('kyc-pause'));
  await waitFor(() => expect(callsOf('kyc_pause')).toEqual([{ paused: true }]));
  fireEvent.click(await screen.findByTestId('kyc-resume'));
  await waitFor(() => expect(callsOf('kyc_pause')).toEqual([{ paused: true }, { paused: false }]));
  expect(await screen.findByTestId('kyc-pause')).toBeTruthy();
  expect(screen.getByTestId('kyc-status').dataset.queued).toBe('true');
});

test('a refused submission says so and the merchant may submit again', async () => {
  current = {
    ...waiting({ refused: true, lastError: { code: 'invalid_input', message: 'The Sheba is not yours', messageFa: 'شبا به نام شما نیست' } }),
    editableFields: ['sheba'],
  };
  renderIn('fa');
  expect((await screen.findByTestId('kyc-refused')).textContent).toContain(fa.kycRefused);
  expect(screen.getByTestId('kyc-send-error').textContent).toContain('شبا به نام شما نیست');
  expect(screen.getByTestId('kyc-send-error').textContent).not.toContain(fa.kycWillRetry);
  expect(screen.queryByTestId('kyc-pause')).toBeNull();
  expect(screen.getByTestId('kyc-status').dataset.refused).toBe('true');
  expect((screen.getByTestId('kyc-submit') as HTMLButtonElement).disabled).toBe(false);
});

test('images: a refused file shows its reason, a chosen one its preview, a dropped one goes to the box under the pointer', async () => {
  extra = (cmd, a) => {
    if (cmd === 'kyc_choose_image' && a.document === 'idFront')
      throw { code: 'image_too_large', message: 'This file is over 10 MB.', messageFa: 'حجم این فایل بیش از ۱۰ مگابایت است.' };
    if (cmd === 'kyc_choose_image') return image('idBack', { blurry: true });
    if (cmd === 'kyc_attach_dropped') return image('idFront', { width: 1200, height: 800 });
    if (cmd === 'kyc_remove_image') return null;
    return undefined;
  };
  renderIn('fa');
  await screen.findByTestId('kyc-form');
  expect(screen.getByTestId('kyc-doc-idFront').textContent).toContain('۱۰ مگابایت');

  fireEvent.click(screen.getByTestId('kyc-choose-idFront'));
  const err = await screen.findByTestId('kyc-image-error-idFront');
  expect(err.textContent).toBe('!حجم این فایل بیش از ۱۰ مگابایت است.');
  expect(callsOf('kyc_choose_image')[0]).toEqual({ document: 'idFront', lang: 'fa' });

  fireEvent.click(screen.getByTestId('kyc-choose-idBack'));
  const preview = (await screen.findByTestId('kyc-preview-idBack')) as HTMLImageElement;
  expect(preview.src).toBe('data:image/jpeg;base64,AAAA');
  expect(screen.getByTestId('kyc-image-info-idBack').textContent).toContain('۱۶۰۰×۱۰۰۰');
  expect(screen.getByTestId('kyc-blurry-idBack')).toBeTruthy();

  const original = document.elementFromPoint;
  document.elementFromPoint = () => screen.getByTestId('kyc-doc-idFront').querySelector('.kyc-doc__title');
  try {
    await act(() => emit('file-dropped', { x: 120, y: 300 }));
    await waitFor(() => expect(callsOf('kyc_attach_dropped')).toEqual([{ document: 'idFront' }]));
  } finally {
    document.elementFromPoint = original;
  }
  await screen.findByTestId('kyc-preview-idFront');
  expect(screen.queryByTestId('kyc-image-error-idFront')).toBeNull();

  fireEvent.click(screen.getByTestId('kyc-remove-idBack'));
  await waitFor(() => expect(screen.queryByTestId('kyc-preview-idBack')).toBeNull());
  expect(callsOf('kyc_remove_image')).toEqual([{ document: 'idBack' }]);
});

test('the navigation reaches the screen as «احراز هویت»', async () => {
  extra = emptyStoreAnswer;
  render(<App />);
  const nav = await screen.findByTestId('nav-kyc');
  expect(nav.textContent).toBe('احراز هویت');
  fireEvent.click(nav);
  expect((await screen.findByTestId('kyc-status')).dataset.status).toBe('not_submitted');
  expect(nav.getAttribute('aria-current')).toBe('page');
});

test('info requested: the reason is explained for its subject, in the UI language, with the note as plain text', async () => {
  current = kycState({
    form: { ...SAMPLE_FORM },
    images: [image('idFront'), image('idBack')],
    verification: {
      ...kycState().verification,
      status: 'info_requested',
      revision: 1,
      form: checkKycForm(SAMPLE_FORM, TODAY).normalized,
      reasons: [
        { subject: { field: 'sheba' }, code: 'name_mismatch', note: '<b>not bold</b>' },
        { subject: { field: 'fullName' }, code: 'name_mismatch' },
      ],
    },
    editableFields: ['sheba', 'fullName'],
    editableDocuments: [],
  });
  renderIn('en');
  await screen.findByTestId('kyc-form');
  expect(screen.getByTestId('kyc-status').textContent).toContain('More information requested');
  const sheba = screen.getByTestId('kyc-reason-sheba');
  expect(sheba.textContent).toContain(dicts.en.kycReasonsSheba.name_mismatch!);
  expect(sheba.textContent).toContain('Reviewer’s note: <b>not bold</b>');
  expect(sheba.querySelector('b')).toBeNull();
  expect(screen.getByTestId('kyc-reason-fullName').textContent).toContain(dicts.en.kycReasons.name_mismatch);
  expect(field('fullName').disabled).toBe(false);
  expect(field('email').disabled).toBe(true);
  // Both sides were sent before and were not asked about.
  expect((screen.getByTestId('kyc-choose-idFront') as HTMLButtonElement).disabled).toBe(true);
});
