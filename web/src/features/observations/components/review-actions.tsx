import type { Observation } from '@tiendo/shared/schemas/observations';
import { useId, useRef, useState, type FormEvent } from 'react';
import { ApiErrorMessage } from '../../../components/ui/api-error-message';
import { useToast } from '../../../components/ui/toast';
import { useT } from '../../../i18n/use-t';
import { isApiError } from '../../../lib/api-client';
import { useAcceptObservation } from '../api/accept-observation';
import { useReturnObservation } from '../api/return-observation';

interface ReviewActionsProps {
  observation: Pick<Observation, 'id' | 'version' | 'state'>;
  /** Names the report in the buttons for screen readers ("Chấp nhận: HT-CNTT-CB-XA, Năm 2020"). */
  label: string;
  onDone?: (outcome: 'accepted' | 'returned') => void;
}

/** A leader's decision on a submitted report: accept it, or return it saying what to fix. */
export function ReviewActions({ observation, label, onDone }: ReviewActionsProps) {
  const t = useT();
  const id = useId();
  const toast = useToast();
  const accept = useAcceptObservation();
  const giveBack = useReturnObservation();
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const pending = accept.isPending || giveBack.isPending;
  const error = accept.error ?? giveBack.error;
  const conflict = isApiError(error) && (error.code === 'VERSION_CONFLICT' || error.code === 'INVALID_STATE');

  if (observation.state !== 'submitted') return null;

  const onAccept = () => {
    if (pending) return;
    giveBack.reset();
    // Awaited rather than mutate's callbacks: the accepted report leaves the queue, and this
    // component with it, before mutate-level callbacks would run.
    accept
      .mutateAsync({ id: observation.id, version: observation.version })
      .then(() => {
        toast.show(t('review.accepted'));
        onDone?.('accepted');
      })
      .catch(() => undefined);
  };

  const onReturn = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    if (reason.trim().length < 3) {
      setReasonError(true);
      reasonRef.current?.focus();
      return;
    }
    accept.reset();
    giveBack
      .mutateAsync({ id: observation.id, body: { version: observation.version, reason: reason.trim() } })
      .then(() => {
        toast.show(t('review.returned'));
        setReturning(false);
        setReason('');
        onDone?.('returned');
      })
      .catch(() => undefined);
  };

  return (
    <div className="review-actions">
      {!returning && (
        <div className="button-row">
          <button type="button" className="button button-primary" aria-disabled={pending} onClick={onAccept}>
            {accept.isPending ? t('review.accepting') : t('review.accept')}
            <span className="visually-hidden">: {label}</span>
          </button>
          <button
            type="button"
            className="button button-secondary"
            aria-disabled={pending}
            onClick={() => {
              setReturning(true);
              requestAnimationFrame(() => reasonRef.current?.focus());
            }}
          >
            {t('review.return')}
            <span className="visually-hidden">: {label}</span>
          </button>
        </div>
      )}
      {returning && (
        <form className="stack return-form" onSubmit={onReturn} noValidate>
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t('review.reason')}</label>
            <textarea
              ref={reasonRef}
              id={`${id}-reason`}
              rows={3}
              value={reason}
              required
              minLength={3}
              maxLength={4000}
              onChange={(event) => {
                setReason(event.target.value);
                setReasonError(false);
              }}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={`${id}-reason-hint${reasonError ? ` ${id}-reason-error` : ''}`}
            />
            <p id={`${id}-reason-hint`} className="hint">
              {t('review.reasonHint')}
            </p>
            {reasonError && (
              <p id={`${id}-reason-error`} className="field-error">
                {t('review.reasonRequired')}
              </p>
            )}
          </div>
          <div className="button-row">
            <button type="submit" className="button button-primary" aria-disabled={pending}>
              {giveBack.isPending ? t('review.returning') : t('review.confirmReturn')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setReturning(false)}>
              {t('app.cancel')}
            </button>
          </div>
        </form>
      )}
      <div role="alert" className="form-alert">
        {error && (
          <>
            <ApiErrorMessage error={error} />
            {conflict && <p>{t('review.conflict')}</p>}
          </>
        )}
      </div>
    </div>
  );
}
