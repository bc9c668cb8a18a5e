// One side of the national ID card: a drop target (the page finds it under the pointer by its
// data-document attribute), the prepared image's preview, size and blur warning, the reason a
// file was refused, and the choose / remove buttons.
import { useState } from 'react';
import type { AppError, DraftImage, KycDocument, KycReason } from '../api';
import { detailedErrorText } from '../i18n';
import { useLang } from '../lang';
import { fileSize } from '../lib/kyc';
import { KycReasons } from './KycReasons';

interface Props {
  document: KycDocument;
  image: DraftImage | null;
  /** The platform already has this side from an earlier submission. */
  sentEarlier: boolean;
  editable: boolean;
  busy: boolean;
  error: AppError | null;
  reasons: KycReason[];
  onChoose: () => void;
  onRemove: () => void;
}

export function KycImageBox({ document, image, sentEarlier, editable, busy, error, reasons, onChoose, onRemove }: Props) {
  const { t, fmt } = useLang();
  const [over, setOver] = useState(false);
  const label = t.kycDocs[document];
  const classes = [
    'kyc-doc',
    image ? 'kyc-doc--filled' : '',
    editable ? '' : 'kyc-doc--locked',
    over && editable ? 'kyc-doc--over' : '',
    reasons.length > 0 ? 'kyc-doc--flagged' : '',
  ];
  return (
    <div
      className={classes.filter(Boolean).join(' ')}
      data-document={document}
      data-testid={`kyc-doc-${document}`}
      data-editable={editable ? 'true' : 'false'}
      aria-busy={busy}
      role="group"
      aria-label={label}
      // In the app the window takes the drop (Rust keeps the path and sends `file-dropped`);
      // these keep a browser from opening the file instead, and light the box up.
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
      }}
    >
      <div className="kyc-doc__title">{label}</div>
      <KycReasons reasons={reasons} testId={`kyc-reason-${document}`} />
      <div className="kyc-doc__body">
        {image ? (
          <figure className="kyc-doc__figure">
            <img
              className="kyc-doc__preview"
              data-testid={`kyc-preview-${document}`}
              src={image.preview}
              alt={t.kycPreviewAlt(label)}
              data-width={image.width}
              data-height={image.height}
            />
            <figcaption className="muted small" data-testid={`kyc-image-info-${document}`}>
              {t.kycImageInfo(`\u2066${fmt.digits(`${image.width}×${image.height}`)}\u2069`, fileSize(fmt, t, image.bytes))}
            </figcaption>
          </figure>
        ) : (
          <div className="kyc-doc__empty">
            <svg width="34" height="34" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
              <rect x="2.5" y="5" width="19" height="14" rx="2" />
              <circle cx="8.5" cy="11" r="2.2" />
              <path d="M5.5 16c.6-1.6 1.7-2.4 3-2.4s2.4.8 3 2.4M14 10h4.5M14 13h3" />
            </svg>
            {editable ? <span>{t.kycDropHere}</span> : sentEarlier && <span data-testid={`kyc-sent-earlier-${document}`}>{t.kycSentEarlier}</span>}
          </div>
        )}
        {busy && (
          <div className="kyc-doc__busy" data-testid={`kyc-busy-${document}`} role="status">
            <span className="kyc-spinner spin" aria-hidden="true" />
            {t.kycPreparing}
          </div>
        )}
      </div>
      {image?.blurry && (
        <div className="alert alert--warning kyc-doc__note" data-testid={`kyc-blurry-${document}`}>
          <span className="alert__icon" aria-hidden="true">!</span>
          <span className="alert__text">{t.kycBlurry}</span>
        </div>
      )}
      {error && (
        <div className="alert alert--error kyc-doc__note" role="alert" data-testid={`kyc-image-error-${document}`} data-code={error.code}>
          <span className="alert__icon" aria-hidden="true">!</span>
          <span className="alert__text">{detailedErrorText(t, error)}</span>
        </div>
      )}
      {editable && <p className="muted small kyc-doc__accepted">{t.kycAccepted}</p>}
      <div className="kyc-doc__actions">
        <button
          type="button"
          className="btn btn--secondary btn--small"
          data-testid={`kyc-choose-${document}`}
          disabled={!editable || busy}
          onClick={onChoose}
        >
          {image ? t.kycReplace : t.kycChoose}
        </button>
        {image && (
          <button
            type="button"
            className="btn btn--ghost btn--small"
            data-testid={`kyc-remove-${document}`}
            disabled={!editable || busy}
            onClick={onRemove}
          >
            {t.kycRemove}
          </button>
        )}
      </div>
    </div>
  );
}
