import { useId, useState, type FormEvent } from 'react';
import { useT } from '../../i18n/use-t';
import { isApiError } from '../../lib/api-client';
import { fieldErrorMap } from '../../lib/field-errors';
import { ApiErrorMessage } from './api-error-message';

export interface FieldSpec {
  name: string;
  label: string;
  kind?: 'text' | 'email' | 'password' | 'date' | 'number' | 'select' | 'textarea' | 'checkbox';
  options?: { value: string; label: string }[];
  required?: boolean;
  /** Shown only when creating (codes cannot change). */
  createOnly?: boolean;
  /** Shown only when editing. */
  editOnly?: boolean;
  hint?: string;
  autoComplete?: string;
}

export type RecordValues = Record<string, string>;

interface RecordFormProps {
  fields: FieldSpec[];
  initial: RecordValues;
  mode: 'create' | 'edit';
  submitLabel: string;
  /** Saves; a thrown ApiError is shown with the form as typed. */
  onSubmit: (values: RecordValues, options: { overrideVersion: number | null }) => Promise<void>;
  /** Reloads the record after a version conflict; resolves to its fresh values. */
  onReload?: () => Promise<RecordValues>;
  onCancel: () => void;
}

/**
 * The create/edit form of the administration pages. A stale `version` (someone saved in between)
 * is explained in words, with the choice to load their version or to overwrite it with these entries.
 */
export function RecordForm({ fields, initial, mode, submitLabel, onSubmit, onReload, onCancel }: RecordFormProps) {
  const t = useT();
  const id = useId();
  const [values, setValues] = useState<RecordValues>(initial);
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const [overrideVersion, setOverrideVersion] = useState<number | null>(null);
  const conflict = isApiError(error) && error.code === 'VERSION_CONFLICT' ? error : null;
  const fieldErrors = isApiError(error) ? fieldErrorMap(error.errors) : new Map<string, string>();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      await onSubmit(values, { overrideVersion });
    } catch (cause) {
      setError(cause);
    } finally {
      setPending(false);
    }
  };

  const visible = fields.filter((field) => (mode === 'create' ? !field.editOnly : !field.createOnly));
  return (
    <form className="stack record-form" onSubmit={submit} noValidate>
      {conflict && (
        <div className="note note-warning" role="alert">
          <p className="note-title">{t('admin.conflictTitle')}</p>
          <p>{t('admin.conflict', { version: conflict.currentVersion ?? '?' })}</p>
          <div className="button-row">
            {onReload && (
              <button
                type="button"
                className="button button-secondary"
                onClick={async () => {
                  try {
                    setValues(await onReload());
                    setOverrideVersion(null);
                    setError(null);
                  } catch (cause) {
                    setError(cause);
                  }
                }}
              >
                {t('admin.conflictReload')}
              </button>
            )}
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setOverrideVersion(conflict.currentVersion ?? null);
                setError(null);
              }}
            >
              {t('admin.conflictKeepMine')}
            </button>
          </div>
        </div>
      )}
      <div className="form-grid">
        {visible.map((field) => {
          const fieldId = `${id}-${field.name}`;
          const message = fieldErrors.get(field.name);
          const describedBy = [field.hint ? `${fieldId}-hint` : null, message ? `${fieldId}-error` : null].filter(Boolean).join(' ') || undefined;
          const common = {
            id: fieldId,
            name: field.name,
            required: field.required,
            'aria-invalid': message ? true : undefined,
            'aria-describedby': describedBy,
          } as const;
          const set = (value: string) => setValues((current) => ({ ...current, [field.name]: value }));
          if (field.kind === 'checkbox') {
            return (
              <div className="field field-check" key={field.name}>
                <input {...common} type="checkbox" checked={values[field.name] === 'true'} onChange={(e) => set(e.target.checked ? 'true' : 'false')} />
                <label htmlFor={fieldId}>{field.label}</label>
              </div>
            );
          }
          return (
            <div className={`field${field.kind === 'textarea' ? ' field-full' : ''}`} key={field.name}>
              <label htmlFor={fieldId}>
                {field.label}
                {field.required && <span aria-hidden="true"> *</span>}
              </label>
              {field.kind === 'select' ? (
                <select {...common} value={values[field.name] ?? ''} onChange={(e) => set(e.target.value)}>
                  {!field.required && <option value="">—</option>}
                  {field.options?.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </select>
              ) : field.kind === 'textarea' ? (
                <textarea {...common} rows={3} value={values[field.name] ?? ''} onChange={(e) => set(e.target.value)} />
              ) : (
                <input
                  {...common}
                  type={field.kind === 'number' ? 'text' : (field.kind ?? 'text')}
                  inputMode={field.kind === 'number' ? 'decimal' : undefined}
                  autoComplete={field.autoComplete ?? 'off'}
                  value={values[field.name] ?? ''}
                  onChange={(e) => set(e.target.value)}
                />
              )}
              {field.hint && (
                <p id={`${fieldId}-hint`} className="hint">
                  {field.hint}
                </p>
              )}
              {message && (
                <p id={`${fieldId}-error`} className="field-error">
                  {t('problem.fieldInvalid')} <span lang="en">({message})</span>
                </p>
              )}
            </div>
          );
        })}
      </div>
      <div role="alert" className="form-alert">
        {error !== null && !conflict && <ApiErrorMessage error={error} />}
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" aria-disabled={pending}>
          {pending ? t('admin.saving') : submitLabel}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Text to a value the API takes: empty → null. */
export const orNull = (value: string | undefined): string | null => (value && value.trim() !== '' ? value.trim() : null);
