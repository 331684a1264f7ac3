import { QUALIFIERS, type Qualifier } from '@tiendo/shared/domain';
import type { Indicator } from '@tiendo/shared/schemas/indicators';
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiErrorMessage } from '../../../components/ui/api-error-message';
import { LeaveGuard } from '../../../components/ui/leave-guard';
import { useFormat } from '../../../i18n/format';
import type { PlainMessageKey as MessageKey } from '../../../i18n/locale';
import { periodLabel } from '../../../i18n/period-label';
import { useI18n } from '../../../i18n/use-t';
import { isApiError } from '../../../lib/api-client';
import { parseLocaleNumber } from '../../../lib/parse-number';
import {
  readObservationForm,
  type FieldErrors,
  type ObservationField,
  type ObservationFormValues,
  type ObservationValues,
} from '../observation-values';

export type SaveIntent = 'draft' | 'submit';

interface ObservationFormProps {
  indicator: Pick<Indicator, 'measure' | 'unitLabel' | 'direction'>;
  initial: ObservationFormValues;
  /** A new report chooses its period; an existing one keeps it. */
  periodEditable: boolean;
  /** Period keys to offer (the ones due), newest first. */
  periodSuggestions?: string[];
  pending: SaveIntent | null;
  /** The last save's failure, shown above the buttons with the server's reason. */
  error?: unknown;
  /** A submit button is offered (not for a correction's first save, for instance). */
  canSubmit?: boolean;
  onSave: (values: ObservationValues, intent: SaveIntent) => void;
  /** Asks before leaving with unsaved changes (not when the page has found they cannot be saved). */
  guardLeaving?: boolean;
  /** The evidence section, inside the form so it reads in order. */
  children?: ReactNode;
}

const QUALIFIER_KEYS: Record<Qualifier, MessageKey> = {
  more_than: 'qualifier.more_than',
  less_than: 'qualifier.less_than',
  range: 'qualifier.range',
};

const NONE_CHANGED: ReadonlySet<ObservationField> = new Set();

/** Fields the server names in its validation errors (`/body/value`), mapped to the form's. */
function serverFieldErrors(error: unknown): Partial<Record<ObservationField, string>> {
  if (!isApiError(error) || !error.errors) return {};
  const out: Partial<Record<ObservationField, string>> = {};
  for (const item of error.errors) {
    const name = item.field.split('/').pop() as ObservationField | undefined;
    if (name && name in { period: 1, value: 1, numerator: 1, denominator: 1, qualifier: 1, valueTo: 1, comment: 1, source: 1 }) {
      out[name] = item.message;
    }
  }
  return out;
}

/**
 * Entering a value for a period: the value (or, for a ratio, its parts), how it is qualified,
 * a comment and the source. Numbers are typed the reader's way (`1,44` in Vietnamese) and read
 * back in words under the field, so a misplaced separator is seen before saving.
 */
export function ObservationForm(props: ObservationFormProps) {
  const { indicator, initial, periodEditable, periodSuggestions = [], pending, error, canSubmit = true, guardLeaving = true, onSave, children } = props;
  const { t, locale } = useI18n();
  const format = useFormat();
  const id = useId();
  const [form, setForm] = useState<ObservationFormValues>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const intent = useRef<SaveIntent>('draft');
  const summaryRef = useRef<HTMLDivElement>(null);
  const serverErrors = serverFieldErrors(error);
  // A field changed since the server's answer no longer shows that answer's complaint about it.
  const [changed, setChanged] = useState<{ after: unknown; fields: ReadonlySet<ObservationField> }>({ after: error, fields: new Set() });
  const changedSinceError = changed.after === error ? changed.fields : NONE_CHANGED;
  // Typed but not saved: leaving asks first. Not while saving, which itself may move to the saved
  // report; once a save has gone through, what it sent is what counts as saved.
  const [saved, setSaved] = useState<ObservationFormValues>(initial);
  const [sent, setSent] = useState<ObservationFormValues | null>(null);
  const [lastPending, setLastPending] = useState(pending);
  if (pending !== lastPending) {
    setLastPending(pending);
    if (pending === null && sent) {
      if (!error) setSaved(sent);
      setSent(null);
    }
  }
  const unsaved = pending === null && (Object.keys(form) as ObservationField[]).some((field) => form[field] !== saved[field]);
  const isRatio = indicator.measure === 'ratio';
  const isDeliverable = indicator.measure === 'boolean';
  // A deliverable's 1 is read as done, 100 (tiendo-status/1, "Milestone measures"): the form says so.
  const deliverableDone = isDeliverable && parseLocaleNumber(form.value, locale) === 1;

  const set = (field: ObservationField) => (event: { target: { value: string } }) => {
    setForm((current) => ({ ...current, [field]: event.target.value }));
    if (errors[field]) setErrors((current) => ({ ...current, [field]: undefined }));
    if (serverErrors[field] && !changedSinceError.has(field)) setChanged({ after: error, fields: new Set(changedSinceError).add(field) });
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const result = readObservationForm(form, { measure: indicator.measure, locale });
    if (result.errors) {
      setErrors(result.errors);
      // Move to the list of problems, which links to each field.
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setErrors({});
    setSent(form);
    onSave(result.values, intent.current);
  };

  const fieldError = (field: ObservationField): string | undefined => {
    const key = errors[field];
    return key ? t(key) : changedSinceError.has(field) ? undefined : serverErrors[field];
  };
  const describedBy = (field: ObservationField, hint?: boolean) =>
    [hint ? `${id}-${field}-hint` : null, fieldError(field) ? `${id}-${field}-error` : null].filter(Boolean).join(' ') || undefined;
  const invalid = (field: ObservationField) => (fieldError(field) ? true : undefined);
  const reading = (field: 'value' | 'numerator' | 'denominator' | 'valueTo') => {
    const parsed = parseLocaleNumber(form[field], locale);
    return parsed === null || Number.isNaN(parsed) ? null : format.number(parsed, 6);
  };
  const errorNode = (field: ObservationField) => {
    const message = fieldError(field);
    // The server writes its field messages in English; the checks above catch the usual ones first.
    const fromServer = !errors[field] && message !== undefined;
    return message ? (
      <p id={`${id}-${field}-error`} className="field-error" lang={fromServer && locale !== 'en' ? 'en' : undefined}>
        {message}
      </p>
    ) : null;
  };

  const localErrors = (Object.entries(errors) as [ObservationField, MessageKey | undefined][]).filter(([, key]) => key);
  const unit = indicator.unitLabel ?? (indicator.measure === 'percent' || isDeliverable ? '%' : '');
  const labels: Record<ObservationField, string> = {
    period: t('report.period'),
    value: isDeliverable ? t('report.percentComplete') : t('report.value'),
    numerator: t('report.numerator'),
    denominator: t('report.denominator'),
    qualifier: t('report.qualifier'),
    valueTo: t('report.valueTo'),
    comment: t('report.comment'),
    source: t('report.source'),
  };
  const ratioPercent = (() => {
    const n = parseLocaleNumber(form.numerator, locale);
    const d = parseLocaleNumber(form.denominator, locale);
    return n !== null && d !== null && !Number.isNaN(n) && !Number.isNaN(d) && d > 0 ? (100 * n) / d : null;
  })();

  return (
    <form className="observation-form stack" onSubmit={onSubmit} noValidate>
      <LeaveGuard when={guardLeaving && unsaved} />
      <div
        ref={summaryRef}
        tabIndex={-1}
        className={localErrors.length ? 'error-summary' : 'visually-hidden'}
        role={localErrors.length ? 'alert' : undefined}
      >
        {localErrors.length > 0 && (
          <>
            <p className="error-summary-title">{t('form.fixThese')}</p>
            <ul>
              {localErrors.map(([field, key]) => (
                <li key={field}>
                  <a href={`#${id}-${field}`}>
                    {labels[field]}: {t(key!)}
                  </a>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>

      <div className="field">
        <label htmlFor={`${id}-period`}>{labels.period}</label>
        {periodEditable ? (
          <>
            <input
              id={`${id}-period`}
              name="period"
              type="text"
              inputMode="text"
              autoComplete="off"
              list={periodSuggestions.length ? `${id}-periods` : undefined}
              required
              value={form.period}
              onChange={set('period')}
              aria-invalid={invalid('period')}
              aria-describedby={describedBy('period', true)}
            />
            {periodSuggestions.length > 0 && (
              <datalist id={`${id}-periods`}>
                {periodSuggestions.map((key) => (
                  <option key={key} value={key}>
                    {periodLabel(key, locale)}
                  </option>
                ))}
              </datalist>
            )}
            <p id={`${id}-period-hint`} className="hint">
              {form.period.trim() && periodLabel(form.period.trim(), locale) !== form.period.trim()
                ? t('report.periodReads', { label: periodLabel(form.period.trim(), locale) })
                : t('report.periodHint')}
            </p>
          </>
        ) : (
          <>
            <input id={`${id}-period`} name="period" type="text" value={periodLabel(form.period, locale)} readOnly aria-describedby={`${id}-period-hint`} />
            <p id={`${id}-period-hint`} className="hint">
              {t('report.periodFixed')}
            </p>
          </>
        )}
        {errorNode('period')}
      </div>

      {isRatio && (
        <fieldset className="fieldset">
          <legend>{t('report.ratioLegend')}</legend>
          <div className="field-row">
            <NumberField id={`${id}-numerator`} label={labels.numerator} value={form.numerator} onChange={set('numerator')} invalid={invalid('numerator')} describedBy={describedBy('numerator', true)} hintId={`${id}-numerator-hint`} hint={reading('numerator')} t={t} error={errorNode('numerator')} />
            <NumberField id={`${id}-denominator`} label={labels.denominator} value={form.denominator} onChange={set('denominator')} invalid={invalid('denominator')} describedBy={describedBy('denominator', true)} hintId={`${id}-denominator-hint`} hint={reading('denominator')} t={t} error={errorNode('denominator')} />
          </div>
          {ratioPercent !== null && <p className="hint">{t('report.ratioReads', { percent: format.number(ratioPercent, 2) })}</p>}
        </fieldset>
      )}

      <div className="field-row">
        <NumberField
          id={`${id}-value`}
          label={unit ? `${labels.value} (${unit})` : labels.value}
          value={form.value}
          onChange={set('value')}
          invalid={invalid('value')}
          describedBy={describedBy('value', true)}
          hintId={`${id}-value-hint`}
          hint={reading('value')}
          extraHint={isDeliverable ? (deliverableDone ? t('report.deliverableOne') : t('report.deliverableHint')) : isRatio ? t('report.ratioValueHint') : undefined}
          t={t}
          required={!isRatio}
          error={errorNode('value')}
        />
        <div className="field">
          <label htmlFor={`${id}-qualifier`}>{labels.qualifier}</label>
          <select id={`${id}-qualifier`} name="qualifier" value={form.qualifier} onChange={set('qualifier')}>
            <option value="">{t('qualifier.exact')}</option>
            {QUALIFIERS.map((qualifier) => (
              <option key={qualifier} value={qualifier}>
                {t(QUALIFIER_KEYS[qualifier])}
              </option>
            ))}
          </select>
        </div>
        {form.qualifier === 'range' && (
          <NumberField id={`${id}-valueTo`} label={labels.valueTo} value={form.valueTo} onChange={set('valueTo')} invalid={invalid('valueTo')} describedBy={describedBy('valueTo', true)} hintId={`${id}-valueTo-hint`} hint={reading('valueTo')} t={t} required error={errorNode('valueTo')} />
        )}
      </div>

      <div className="field">
        <label htmlFor={`${id}-comment`}>{labels.comment}</label>
        <textarea id={`${id}-comment`} name="comment" rows={3} value={form.comment} onChange={set('comment')} aria-invalid={invalid('comment')} aria-describedby={describedBy('comment', true)} />
        <p id={`${id}-comment-hint`} className="hint">
          {t('report.commentHint')}
        </p>
        {errorNode('comment')}
      </div>

      <div className="field">
        <label htmlFor={`${id}-source`}>{labels.source}</label>
        <input id={`${id}-source`} name="source" type="text" value={form.source} onChange={set('source')} aria-invalid={invalid('source')} aria-describedby={describedBy('source', true)} />
        <p id={`${id}-source-hint`} className="hint">
          {t('report.sourceHint')}
        </p>
        {errorNode('source')}
      </div>

      {children}

      <div role="alert" className="form-alert">
        {error !== undefined && error !== null && (
          <>
            <ApiErrorMessage error={error} />
            {isApiError(error) && error.status === 401 && <p>{t('report.sessionHint')}</p>}
          </>
        )}
      </div>

      <div className="button-row">
        <button type="submit" className="button button-secondary" aria-disabled={pending !== null} onClick={() => (intent.current = 'draft')}>
          {pending === 'draft' ? t('report.saving') : t('report.saveDraft')}
        </button>
        {canSubmit && (
          <button type="submit" className="button button-primary" aria-disabled={pending !== null} onClick={() => (intent.current = 'submit')}>
            {pending === 'submit' ? t('report.submitting') : t('report.saveAndSubmit')}
          </button>
        )}
      </div>
    </form>
  );
}

interface NumberFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (event: { target: { value: string } }) => void;
  invalid: true | undefined;
  describedBy: string | undefined;
  hintId: string;
  /** The number as read, e.g. "1.000" — or null while nothing readable is typed. */
  hint: string | null;
  extraHint?: string | undefined;
  required?: boolean;
  error: ReactNode;
  t: ReturnType<typeof useI18n>['t'];
}

function NumberField({ id, label, value, onChange, invalid, describedBy, hintId, hint, extraHint, required, error, t }: NumberFieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        required={required}
        value={value}
        onChange={onChange}
        aria-invalid={invalid}
        aria-describedby={describedBy}
      />
      <p id={hintId} className="hint">
        {hint !== null ? t('report.reads', { value: hint }) : (extraHint ?? t('report.numberHint'))}
        {hint !== null && extraHint ? ` ${extraHint}` : ''}
      </p>
      {error}
    </div>
  );
}
