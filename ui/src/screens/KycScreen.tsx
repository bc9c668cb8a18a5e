// Identity verification (KYC): where the platform's review stands, the owner's form (checked by
// Rust as the merchant types, saved as a draft), the two sides of the national ID card, and the
// queued submission's upload with pause / resume. After a rejection only what the reviewer
// named can change, and each reason is shown beside its field or image.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import {
  api,
  events,
  KYC_DOCUMENTS,
  KYC_FIELDS,
  toAppError,
  type AppError,
  type DraftImage,
  type Explained,
  type FieldCheck,
  type KycDocument,
  type KycField,
  type KycForm,
  type KycReason,
  type KycState,
  type KycStatus,
  type UnlistenFn,
  type UploadProgress,
} from '../api';
import { BirthDateInput } from '../components/BirthDateInput';
import { ErrorMessage } from '../components/ErrorMessage';
import { KycImageBox } from '../components/KycImageBox';
import { KycReasons } from '../components/KycReasons';
import { LoadingState } from '../components/LoadingState';
import { UploadBar } from '../components/UploadBar';
import { detailedErrorText } from '../i18n';
import { useLang } from '../lang';
import { documentReasons, explained, fieldReasons, latestProgress, named, storedValue } from '../lib/kyc';

/** How the form lists the fields (identity first, as on the card; then contact; then the bank). */
const FIELD_ORDER: readonly KycField[] = [
  'fullName',
  'nationalCode',
  'birthDate',
  'mobile',
  'email',
  'storeName',
  'address',
  'postalCode',
  'sheba',
];

interface FieldSpec {
  /** Codes, numbers and addresses read left to right whatever the page's direction. */
  ltr?: boolean;
  inputMode?: 'numeric' | 'tel' | 'email' | 'text';
  autoComplete?: string;
  multiline?: boolean;
}

const SPECS: Record<KycField, FieldSpec> = {
  fullName: { autoComplete: 'name' },
  nationalCode: { ltr: true, inputMode: 'numeric', autoComplete: 'off' },
  birthDate: { ltr: true },
  mobile: { ltr: true, inputMode: 'tel', autoComplete: 'tel' },
  email: { ltr: true, inputMode: 'email', autoComplete: 'email' },
  storeName: { autoComplete: 'organization' },
  address: { multiline: true, autoComplete: 'street-address' },
  postalCode: { ltr: true, inputMode: 'numeric', autoComplete: 'postal-code' },
  sheba: { ltr: true, autoComplete: 'off' },
};

/** Rust checks a field this long after the merchant stops typing. */
const CHECK_DELAY_MS = 150;
/** The draft is saved this long after the last keystroke. */
const SAVE_DELAY_MS = 500;
/** While a submission waits, its state is polled this often (events also reload it). */
const POLL_MS = 4000;

const EMPTY_FORM: KycForm = {
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

type PerDocument<T> = Partial<Record<KycDocument, T>>;

export function KycScreen({ reloadKey }: { reloadKey: number }) {
  const { t, lang, fmt } = useLang();
  const [state, setState] = useState<KycState | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [form, setForm] = useState<KycForm>(EMPTY_FORM);
  const [checks, setChecks] = useState<Partial<Record<KycField, FieldCheck>>>({});
  const [touched, setTouched] = useState<ReadonlySet<KycField>>(() => new Set());
  const [showAll, setShowAll] = useState(false);
  const [busyDocs, setBusyDocs] = useState<PerDocument<boolean>>({});
  const [imageErrors, setImageErrors] = useState<PerDocument<AppError | null>>({});
  const [live, setLive] = useState<PerDocument<UploadProgress>>({});
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<AppError | null>(null);
  const [actionError, setActionError] = useState<AppError | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [pausing, setPausing] = useState(false);
  const [draftSaved, setDraftSaved] = useState(false);

  const mounted = useRef(true);
  const loaded = useRef(false);
  /** Bumped by every answer that replaces the state: an older kyc_state still on its way loses. */
  const seq = useRef(0);
  const inputs = useRef<Partial<Record<KycField, HTMLInputElement | HTMLTextAreaElement | null>>>({});
  /** The value each field was last sent to kyc_check_field with. */
  const checkedValues = useRef<Partial<Record<KycField, string>>>({});
  /** The merchant has typed: from now on form changes are saved as the draft. */
  const dirty = useRef(false);
  const pendingSave = useRef<KycForm | null>(null);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const applyState = useCallback((s: KycState) => {
    seq.current++;
    setState(s);
    const first = !loaded.current;
    loaded.current = true;
    // What the merchant is typing stays; what they cannot change follows Rust.
    setForm((prev) => {
      let next = prev;
      for (const f of KYC_FIELDS) {
        if (!first && s.editableFields.includes(f)) continue;
        const v = storedValue(s, f);
        if (next[f] !== v) {
          if (next === prev) next = { ...prev };
          next[f] = v;
        }
      }
      return next;
    });
  }, []);

  const load = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const s = await api.kycState();
      if (mounted.current && mine === seq.current) {
        applyState(s);
        setLoadError(null);
      }
    } catch (e) {
      if (mounted.current && mine === seq.current) setLoadError(toAppError(e));
    }
  }, [applyState]);

  useEffect(() => {
    void load();
  }, [load, reloadKey]);

  // Dropped files: Rust keeps the path and says where it landed; the box under it decides.
  const onDropRef = useRef<(at: { x: number; y: number }) => void>(() => {});

  useEffect(() => {
    let alive = true;
    const unlisteners: UnlistenFn[] = [];
    const keep = (p: Promise<UnlistenFn>) => p.then((un) => (alive ? unlisteners.push(un) : un())).catch(() => {});
    keep(events.onKycChanged(() => void load()));
    keep(events.onKycUpload((p) => setLive((l) => ({ ...l, [p.document]: p }))));
    keep(events.onFileDropped((at) => onDropRef.current(at)));
    return () => {
      alive = false;
      unlisteners.forEach((un) => un());
    };
  }, [load]);

  const queued = state?.queued != null;
  useEffect(() => {
    if (!queued) return;
    const h = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(h);
  }, [queued, load]);

  // Each changed field is checked by Rust a moment after the merchant stops typing.
  const ready = state !== null;
  useEffect(() => {
    if (!ready) return;
    const h = setTimeout(() => {
      for (const f of KYC_FIELDS) {
        const value = form[f];
        if (checkedValues.current[f] === value) continue;
        checkedValues.current[f] = value;
        api
          .kycCheckField(f, value)
          .then((c) => {
            if (mounted.current && checkedValues.current[f] === value) setChecks((cs) => ({ ...cs, [f]: c }));
          })
          .catch(() => {
            if (checkedValues.current[f] === value) delete checkedValues.current[f];
          });
      }
    }, CHECK_DELAY_MS);
    return () => clearTimeout(h);
  }, [form, ready]);

  const flushSave = useCallback(() => {
    const f = pendingSave.current;
    if (!f) return;
    pendingSave.current = null;
    api
      .kycSaveDraft(f)
      .then(() => mounted.current && setDraftSaved(true))
      .catch((e) => mounted.current && setActionError(toAppError(e)));
  }, []);

  // The draft follows the form (and is saved at once when the screen closes).
  useEffect(() => {
    if (!dirty.current) return;
    pendingSave.current = form;
    const h = setTimeout(flushSave, SAVE_DELAY_MS);
    return () => clearTimeout(h);
  }, [form, flushSave]);
  useEffect(() => () => flushSave(), [flushSave]);

  const setImage = (doc: KycDocument, img: DraftImage | null) => {
    seq.current++;
    setState((s) => s && { ...s, images: [...s.images.filter((i) => i.document !== doc), ...(img ? [img] : [])] });
  };

  const attach = async (doc: KycDocument, get: () => Promise<DraftImage | null>) => {
    setBusyDocs((b) => ({ ...b, [doc]: true }));
    setImageErrors((e) => ({ ...e, [doc]: null }));
    try {
      const img = await get();
      if (img && mounted.current) setImage(doc, img);
    } catch (e) {
      if (mounted.current) setImageErrors((x) => ({ ...x, [doc]: toAppError(e) }));
    } finally {
      if (mounted.current) setBusyDocs((b) => ({ ...b, [doc]: false }));
    }
  };

  const remove = async (doc: KycDocument) => {
    setImageErrors((e) => ({ ...e, [doc]: null }));
    try {
      await api.kycRemoveImage(doc);
      if (mounted.current) setImage(doc, null);
    } catch (e) {
      if (mounted.current) setImageErrors((x) => ({ ...x, [doc]: toAppError(e) }));
    }
  };

  const verified = state?.verification.status === 'verified';
  const editableFields = new Set<KycField>(state && !verified ? state.editableFields : []);
  const editableDocs = new Set<KycDocument>(state && !verified ? state.editableDocuments : []);
  const nothingEditable = editableFields.size === 0 && editableDocs.size === 0;

  onDropRef.current = ({ x, y }) => {
    const box = document.elementFromPoint(x, y)?.closest<HTMLElement>('[data-document]');
    const doc = box?.dataset.document;
    if (doc !== 'idFront' && doc !== 'idBack') return;
    if (!editableDocs.has(doc) || busyDocs[doc]) return;
    void attach(doc, () => api.kycAttachDropped(doc));
  };

  const change = (f: KycField, value: string) => {
    dirty.current = true;
    setDraftSaved(false);
    setForm((prev) => ({ ...prev, [f]: value }));
  };

  const blur = (f: KycField) => setTouched((prev) => (prev.has(f) ? prev : new Set(prev).add(f)));

  const visibleError = (f: KycField): Explained | null => {
    const c = checks[f];
    if (!c || c.ok || !c.error) return null;
    // A value merely unfinished is not wrong yet: wait until the merchant leaves the field.
    if (c.incomplete && !touched.has(f) && !showAll) return null;
    return c.error;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (submitting || nothingEditable) return;
    setSubmitting(true);
    setSubmitError(null);
    const sent = form;
    try {
      const checked = await api.kycCheckForm(sent);
      if (!mounted.current) return;
      const byField: Partial<Record<KycField, FieldCheck>> = {};
      for (const c of checked.fields) {
        byField[c.field] = c;
        checkedValues.current[c.field] = sent[c.field];
      }
      setChecks((cs) => ({ ...cs, ...byField }));
      setShowAll(true);
      if (!checked.ok) {
        const bad = FIELD_ORDER.filter((f) => byField[f] && !byField[f].ok);
        const first = bad.find((f) => editableFields.has(f)) ?? bad[0];
        if (first) inputs.current[first]?.focus();
        return;
      }
      pendingSave.current = null; // kyc_submit saves the form as the draft itself
      const s = await api.kycSubmit(sent);
      if (!mounted.current) return;
      setLive({});
      setShowAll(false);
      applyState(s);
    } catch (err) {
      if (mounted.current) setSubmitError(toAppError(err));
    } finally {
      if (mounted.current) setSubmitting(false);
    }
  };

  const pause = async (paused: boolean) => {
    setPausing(true);
    setActionError(null);
    try {
      const s = await api.kycPause(paused);
      if (mounted.current) applyState(s);
    } catch (e) {
      if (mounted.current) setActionError(toAppError(e));
    } finally {
      if (mounted.current) setPausing(false);
    }
  };

  const refresh = async () => {
    setRefreshing(true);
    setActionError(null);
    try {
      const s = await api.kycRefresh();
      if (mounted.current) applyState(s);
    } catch (e) {
      if (mounted.current) setActionError(toAppError(e));
    } finally {
      if (mounted.current) setRefreshing(false);
    }
  };

  if (!state) {
    return (
      <section className="kyc" data-testid="kyc">
        <div className="card section">
          <h2 className="section__title">{t.kycTitle}</h2>
          {loadError ? (
            <div className="list-error">
              <ErrorMessage error={loadError} />
              <button type="button" className="btn btn--secondary btn--small" onClick={() => void load()}>
                {t.retry}
              </button>
            </div>
          ) : (
            <LoadingState rows={4} />
          )}
        </div>
      </section>
    );
  }

  const v = state.verification;
  const errorCount = showAll ? FIELD_ORDER.filter((f) => visibleError(f)).length : 0;
  const image = (d: KycDocument) => state.images.find((i) => i.document === d) ?? null;

  return (
    <section className="kyc" data-testid="kyc">
      <StatusBanner state={state} refreshing={refreshing} onRefresh={() => void refresh()} />
      {actionError && <ErrorMessage error={actionError} onDismiss={() => setActionError(null)} />}
      {state.queued && <SendPanel state={state} live={live} pausing={pausing} onPause={(p) => void pause(p)} />}
      <form className="card section kyc-form" data-testid="kyc-form" noValidate onSubmit={(e) => void submit(e)}>
        <h2 className="section__title">{t.kycFormTitle}</h2>
        {!verified && <p className="muted small kyc-form__intro">{t.kycIntro}</p>}
        <div className="kyc-fields">
          {FIELD_ORDER.map((f) => (
            <FieldRow
              key={f}
              field={f}
              value={form[f]}
              check={checks[f] ?? null}
              error={visibleError(f)}
              locked={!editableFields.has(f)}
              reasons={fieldReasons(v, f)}
              inputRef={(el) => {
                inputs.current[f] = el;
              }}
              onChange={(value) => change(f, value)}
              onBlur={() => blur(f)}
            />
          ))}
        </div>
        <h2 className="section__title kyc-docs__title">{t.kycDocsTitle}</h2>
        <div className="kyc-docs">
          {KYC_DOCUMENTS.map((d) => (
            <KycImageBox
              key={d}
              document={d}
              image={image(d)}
              sentEarlier={v[d] !== null}
              editable={editableDocs.has(d)}
              busy={busyDocs[d] ?? false}
              error={imageErrors[d] ?? null}
              reasons={documentReasons(v, d)}
              onChoose={() => void attach(d, () => api.kycChooseImage(d, lang))}
              onRemove={() => void remove(d)}
            />
          ))}
        </div>
        {!verified && <p className="muted small">{t.kycPrivacy}</p>}
        {errorCount > 0 && (
          <div className="alert alert--error" role="alert" data-testid="kyc-form-errors" data-count={errorCount}>
            <span className="alert__icon" aria-hidden="true">!</span>
            <span className="alert__text">{t.kycFixErrors(fmt.num(errorCount))}</span>
          </div>
        )}
        {submitError && (
          <div className="alert alert--error" role="alert" data-testid="kyc-submit-error" data-code={submitError.code}>
            <span className="alert__icon" aria-hidden="true">!</span>
            <span className="alert__text">{detailedErrorText(t, submitError)}</span>
            <button type="button" className="alert__close" onClick={() => setSubmitError(null)} aria-label={t.dismiss}>
              ×
            </button>
          </div>
        )}
        <div className="kyc-actions">
          <button
            type="submit"
            className="btn btn--primary"
            data-testid="kyc-submit"
            disabled={nothingEditable || submitting}
            aria-busy={submitting}
          >
            {submitting ? t.kycSubmitting : t.kycSubmit}
          </button>
          {draftSaved && !nothingEditable && (
            <span className="muted small" role="status" data-testid="kyc-draft-saved">
              {t.kycDraftSaved}
            </span>
          )}
        </div>
      </form>
    </section>
  );
}

interface FieldRowProps {
  field: KycField;
  value: string;
  check: FieldCheck | null;
  error: Explained | null;
  locked: boolean;
  reasons: KycReason[];
  inputRef: (el: HTMLInputElement | HTMLTextAreaElement | null) => void;
  onChange: (value: string) => void;
  onBlur: () => void;
}

function FieldRow({ field, value, check, error, locked, reasons, inputRef, onChange, onBlur }: FieldRowProps) {
  const { t, lang, fmt } = useLang();
  const spec = SPECS[field];
  const id = `kyc-input-${field}`;
  const errorId = `kyc-error-${field}-text`;
  const reasonId = `kyc-reason-${field}-text`;
  const describedBy = [error ? errorId : '', reasons.length ? reasonId : ''].filter(Boolean).join(' ') || undefined;
  const placeholder = spec.ltr && field !== 'email' ? fmt.digits(t.kycPlaceholders[field]) : t.kycPlaceholders[field];
  const common = {
    id,
    name: field,
    'data-testid': `kyc-field-${field}`,
    placeholder,
    disabled: locked,
    title: locked ? t.kycLocked : undefined,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    autoComplete: spec.autoComplete,
    onBlur,
  };
  const classes = ['field', 'kyc-field', spec.multiline ? 'kyc-field--wide' : '', error ? 'kyc-field--error' : check?.ok ? 'kyc-field--ok' : '', locked ? 'kyc-field--locked' : '', reasons.length ? 'kyc-field--flagged' : ''];
  return (
    <div className={classes.filter(Boolean).join(' ')} data-field={field}>
      <label className="field__label" htmlFor={id}>
        {t.kycFields[field]}
      </label>
      {field === 'birthDate' ? (
        <BirthDateInput {...common} inputRef={inputRef} value={value} onChange={onChange} />
      ) : spec.multiline ? (
        <textarea {...common} ref={inputRef} className="input" dir="auto" rows={2} value={value} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input
          {...common}
          ref={inputRef}
          className="input"
          type="text"
          dir={spec.ltr ? 'ltr' : 'auto'}
          inputMode={spec.inputMode}
          spellCheck={false}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {field === 'birthDate' && <span className="muted small">{t.kycBirthDateHint}</span>}
      {field === 'sheba' && check?.bank && (
        <span className="kyc-field__hint small" data-testid="kyc-bank">
          {t.kycBank(named(lang, check.bank))}
        </span>
      )}
      {field === 'mobile' && check?.operator && (
        <span className="kyc-field__hint small" data-testid="kyc-operator">
          {t.kycOperator(named(lang, check.operator))}
        </span>
      )}
      {check?.warning && !error && (
        <span className="kyc-field__warning small" data-testid={`kyc-warning-${field}`} data-code={check.warning.code}>
          {explained(lang, check.warning)}
        </span>
      )}
      {error && (
        <span className="kyc-field__error small" id={errorId} data-testid={`kyc-error-${field}`} data-code={error.code}>
          {explained(lang, error)}
        </span>
      )}
      {reasons.length > 0 && (
        <div id={reasonId}>
          <KycReasons reasons={reasons} testId={`kyc-reason-${field}`} />
        </div>
      )}
    </div>
  );
}

const TONES: Record<KycStatus, string> = {
  not_submitted: 'neutral',
  submitted: 'pending',
  in_review: 'pending',
  verified: 'ok',
  rejected: 'bad',
  info_requested: 'warn',
};

function StatusBanner({ state, refreshing, onRefresh }: { state: KycState; refreshing: boolean; onRefresh: () => void }) {
  const { t, fmt } = useLang();
  const v = state.verification;
  const q = state.queued;
  let title: string;
  let hint: string;
  let tone: string;
  if (q?.refused) {
    [title, hint, tone] = [t.kycRefused, t.kycRefusedHint, 'bad'];
  } else if (q) {
    [title, hint, tone] = q.paused ? [t.kycPaused, t.kycPausedHint, 'warn'] : [t.kycQueued, t.kycQueuedHint, 'pending'];
  } else {
    [title, hint, tone] = [t.kycStatus[v.status], t.kycStatusHint[v.status], TONES[v.status]];
  }
  const icon = tone === 'ok' ? '✓' : tone === 'bad' || tone === 'warn' ? '!' : tone === 'pending' ? '…' : 'i';
  return (
    <div
      className={`card kyc-status kyc-status--${tone}`}
      data-testid="kyc-status"
      data-status={v.status}
      data-queued={q ? 'true' : undefined}
      data-paused={q?.paused ? 'true' : undefined}
      data-refused={q?.refused ? 'true' : undefined}
      role="status"
    >
      <div className="kyc-status__icon" aria-hidden="true">
        {icon}
      </div>
      <div className="kyc-status__text">
        <h2 className="kyc-status__title" data-testid="kyc-status-title">
          {title}
        </h2>
        <p className="kyc-status__hint">{hint}</p>
        <p className="muted small kyc-status__meta">
          <span data-testid="kyc-fetched-at" data-value={state.fetchedAt ?? ''}>
            {state.fetchedAt ? t.kycLastChecked(fmt.dateTime(state.fetchedAt)) : t.kycNeverChecked}
          </span>
          {v.submittedAt && <span> · {t.kycSubmittedAt(fmt.dateTime(v.submittedAt))}</span>}
        </p>
      </div>
      <button type="button" className="btn btn--ghost btn--small" data-testid="kyc-refresh" disabled={refreshing} aria-busy={refreshing} onClick={onRefresh}>
        <svg className={refreshing ? 'spin' : ''} width="15" height="15" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" aria-hidden="true">
          <path d="M20 12a8 8 0 0 1-14.3 4.9M4 12a8 8 0 0 1 14.3-4.9" />
          <path d="M18.5 3v4.2h-4.2M5.5 21v-4.2h4.2" />
        </svg>
        {refreshing ? t.kycRefreshing : t.kycRefresh}
      </button>
    </div>
  );
}

function SendPanel({
  state,
  live,
  pausing,
  onPause,
}: {
  state: KycState;
  live: PerDocument<UploadProgress>;
  pausing: boolean;
  onPause: (paused: boolean) => void;
}) {
  const { t, lang, fmt } = useLang();
  const q = state.queued!;
  const rows = KYC_DOCUMENTS.flatMap((d) => {
    const img = state.images.find((i) => i.document === d);
    const p =
      latestProgress(
        state.uploads.find((u) => u.document === d),
        live[d],
      ) ?? (img ? { document: d, sent: 0, total: img.bytes, complete: false } : undefined);
    return p ? [{ document: d, progress: p }] : [];
  });
  const attempts = Number(q.attempts);
  return (
    <div className="card section kyc-send" data-testid="kyc-send" data-paused={q.paused ? 'true' : 'false'}>
      <h2 className="section__title">{t.kycUploads}</h2>
      {rows.length > 0 && (
        <div className="kyc-send__bars">
          {rows.map((r) => (
            <UploadBar key={r.document} document={r.document} progress={r.progress} label={t.kycDocs[r.document]} />
          ))}
        </div>
      )}
      {q.lastError && (
        <div className={`alert ${q.refused ? 'alert--error' : 'alert--warning'}`} role="alert" data-testid="kyc-send-error" data-code={q.lastError.code}>
          <span className="alert__icon" aria-hidden="true">!</span>
          <span className="alert__text">
            {/* A refusal carries the platform's own reason; shown as written. */}
            {q.refused ? explained(lang, q.lastError) || detailedErrorText(t, q.lastError) : detailedErrorText(t, q.lastError)}
            {!q.refused && ` ${t.kycWillRetry}`}
            {attempts > 0 && <span className="muted"> ({t.attempts(fmt.num(attempts))})</span>}
          </span>
        </div>
      )}
      {q.refused && (
        <div className="alert alert--error" role="alert" data-testid="kyc-refused">
          <span className="alert__icon" aria-hidden="true">!</span>
          <span className="alert__text">
            <strong>{t.kycRefused}.</strong> {t.kycRefusedHint}
          </span>
        </div>
      )}
      {!q.refused && (
        <div className="kyc-send__actions">
          {q.paused ? (
            <button type="button" className="btn btn--primary btn--small" data-testid="kyc-resume" disabled={pausing} onClick={() => onPause(false)}>
              {t.kycResume}
            </button>
          ) : (
            <button type="button" className="btn btn--ghost btn--small" data-testid="kyc-pause" disabled={pausing} onClick={() => onPause(true)}>
              {t.kycPause}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
