// One ID card image on its way to the platform, fed by `kyc-upload` events.
import type { KycDocument, UploadProgress } from '../api';
import { useLang } from '../lang';
import { fileSize } from '../lib/kyc';

export function UploadBar({ document, progress, label }: { document: KycDocument; progress: UploadProgress; label: string }) {
  const { t, fmt } = useLang();
  const pct = progress.complete ? 100 : progress.total > 0 ? Math.min(100, Math.floor((progress.sent / progress.total) * 100)) : 0;
  return (
    <div className="kyc-upload">
      <div className="kyc-upload__name small">{label}</div>
      <div className="progress">
        <div
          className="progress__track"
          data-testid={`kyc-progress-${document}`}
          data-sent={progress.sent}
          data-total={progress.total}
          data-complete={progress.complete ? 'true' : 'false'}
          role="progressbar"
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct}
        >
          <div className="progress__fill" style={{ width: `${pct}%` }} />
        </div>
        <span className="progress__label">
          {progress.complete
            ? `${t.kycUploadDone} ✓`
            : t.kycUploadOf(fileSize(fmt, t, progress.sent), fileSize(fmt, t, progress.total))}
        </span>
      </div>
    </div>
  );
}
