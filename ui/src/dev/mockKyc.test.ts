import { expect, test } from 'vitest';
import type { KycState, UploadProgress } from '../api';
import { checkKycField, checkKycForm, mockKyc, nationalCodeOk, SAMPLE_FORM, type JalaliDay } from './mockKyc';

const TODAY: JalaliDay = { jy: 1405, jm: 9, jd: 4 };
const check = (field: Parameters<typeof checkKycField>[0], raw: string) => checkKycField(field, raw, TODAY);

test('the mock validator follows the Rust rules the demo needs', () => {
  expect(nationalCodeOk('0499370899')).toBe(true);
  expect(nationalCodeOk('1234567890')).toBe(false);
  expect(check('nationalCode', '۰۴۹۹۳۷۰۸۹۹')).toMatchObject({ ok: true, normalized: '0499370899' });
  expect(check('nationalCode', '1234567890').error?.code).toBe('checksum');
  expect(check('nationalCode', '1111111111').error?.code).toBe('repeated_digits');
  expect(check('nationalCode', '0010000000').error?.code).toBe('invalid_pattern');
  expect(check('nationalCode', '049')).toMatchObject({ ok: false, incomplete: true });

  expect(check('postalCode', '۳۳۵۴۳-۵۵۵۹۹')).toMatchObject({ ok: true, normalized: '3354355599' });
  expect(check('postalCode', '1023456789').error?.code).toBe('invalid_pattern');

  const m = check('mobile', '۰۹۱۲ ۳۴۵ ۶۷۸۹');
  expect(m).toMatchObject({ ok: true, normalized: '+989123456789', display: '0912 345 6789' });
  expect(m.operator?.nameEn).toBe('MCI');
  expect(check('mobile', '08123456789').error?.code).toBe('bad_prefix');
  expect(check('mobile', '0912')).toMatchObject({ ok: false, incomplete: true });

  const partial = check('sheba', 'IR82054');
  expect(partial).toMatchObject({ ok: false, incomplete: true });
  expect(partial.bank?.nameFa).toBe('پارسیان');
  const full = check('sheba', 'ir82 0540 1026 8002 0817 9090 02');
  expect(full).toMatchObject({ ok: true, normalized: 'IR820540102680020817909002', display: 'IR82 0540 1026 8002 0817 9090 02' });
  const wrong = check('sheba', 'IR012345678901234567890123');
  expect(wrong.error?.code).toBe('checksum');
  expect(wrong.incomplete).toBe(false);

  expect(check('birthDate', '۱۳۷۰/۵/۱۲')).toMatchObject({ ok: true, normalized: '1370/05/12' });
  expect(check('birthDate', '1387/09/04').ok).toBe(true);
  expect(check('birthDate', '1387/09/05').error?.code).toBe('too_young');
  expect(check('birthDate', '1371/12/30').error?.code).toBe('invalid_date');
  expect(check('birthDate', '1370/0')).toMatchObject({ ok: false, incomplete: true });

  expect(check('fullName', 'Ali').error?.code).toBe('first_and_last_name');
  expect(check('fullName', 'Ali 2pac').error?.code).toBe('invalid_characters');
  expect(check('fullName', '  علي   كريمی ').normalized).toBe('علی کریمی');
  expect(check('email', 'a@b')).toMatchObject({ ok: false, incomplete: true });
  expect(check('email', 'Sara@Example.COM').normalized).toBe('Sara@example.com');
  expect(check('address', 'x').error?.code).toBe('too_short');
  for (const c of checkKycForm({ ...SAMPLE_FORM, email: '' }, TODAY).fields.filter((f) => !f.ok)) {
    expect(c.error!.message).not.toBe('');
    expect(c.error!.messageFa).toMatch(/[\u0600-\u06ff]/);
  }
  expect(checkKycForm(SAMPLE_FORM, TODAY).ok).toBe(true);
});

test('the mock queues a submission, uploads both images with progress events, then answers submitted', async () => {
  const events: Array<[string, unknown]> = [];
  const kyc = mockKyc({ seed: null, offline: false, blurry: false, pick: false, tick: 1, emit: (e, p) => events.push([e, p]) });
  await expect(kyc.handle('kyc_submit', { form: SAMPLE_FORM })).rejects.toMatchObject({ code: 'invalid_input' });
  await kyc.handle('kyc_choose_image', { document: 'idFront', lang: 'fa' });
  await kyc.handle('kyc_choose_image', { document: 'idBack', lang: 'fa' });
  const queued = (await kyc.handle('kyc_submit', { form: SAMPLE_FORM })) as KycState;
  expect(queued.queued).toMatchObject({ paused: false, refused: false });
  expect(queued.editableFields).toEqual([]);

  await expect.poll(() => kyc.state().verification.status, { timeout: 5000 }).toBe('submitted');
  const uploads = events.filter(([e]) => e === 'kyc-upload').map(([, p]) => p as UploadProgress);
  expect(uploads.some((p) => p.document === 'idFront' && p.complete)).toBe(true);
  expect(uploads.some((p) => p.document === 'idBack' && p.complete)).toBe(true);
  expect(events.some(([e]) => e === 'kyc-changed')).toBe(true);
  expect(kyc.state().queued).toBeNull();
  expect(kyc.state().verification.form?.mobile).toBe('+989121234567');
});

test('the rejected seed opens only what the reviewer named, and a changed locked field is refused', async () => {
  const kyc = mockKyc({ seed: 'rejected', offline: false, blurry: false, pick: false, emit: () => {} });
  const s = kyc.state();
  expect(s.verification.status).toBe('rejected');
  expect(s.editableFields).toEqual(['sheba']);
  expect(s.editableDocuments).toEqual(['idBack']);
  await expect(kyc.handle('kyc_remove_image', { document: 'idFront' })).rejects.toMatchObject({ code: 'invalid_input' });
  await expect(kyc.handle('kyc_submit', { form: { ...SAMPLE_FORM, storeName: 'فروشگاه دیگر' } })).rejects.toMatchObject({
    code: 'invalid_input',
  });
  const ok = (await kyc.handle('kyc_submit', { form: { ...SAMPLE_FORM, sheba: 'IR550570022080013447370101' } })) as KycState;
  expect(ok.queued).not.toBeNull();
});
