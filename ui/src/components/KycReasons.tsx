// The reviewer's reasons about one field or one side of the card: what the code means, in the
// merchant's language, and the reviewer's own note as written (plain text, its own direction).
import type { KycReason, KycReasonCode } from '../api';
import { useLang } from '../lang';

export function KycReasons({ reasons, testId }: { reasons: KycReason[]; testId: string }) {
  const { t } = useLang();
  if (reasons.length === 0) return null;
  const texts = t.kycReasons as Record<string, string>;
  const special = (r: KycReason) =>
    'field' in r.subject && r.subject.field === 'sheba' ? t.kycReasonsSheba[r.code as KycReasonCode] : undefined;
  return (
    <div className="kyc-reason" role="note" data-testid={testId} data-codes={reasons.map((r) => r.code).join(' ')}>
      {reasons.map((r, i) => (
        <p key={i} className="kyc-reason__item">
          <span className="alert__icon kyc-reason__icon" aria-hidden="true">!</span>
          <span>
            {special(r) ?? texts[r.code] ?? t.kycReasons.invalid_value}
            {r.note && (
              <span className="kyc-reason__note">
                {' '}
                {t.kycReviewerNote} <bdi>{r.note}</bdi>
              </span>
            )}
          </span>
        </p>
      ))}
    </div>
  );
}
