import { useId } from 'react';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { useAsOf } from '../../lib/url-state';
import { DateInput } from './date-input';

/**
 * The date every status is computed for and, optionally, the day whose knowledge is used, which
 * reproduces what a report signed that day showed (docs/status-method.md, "known at"). Both live
 * in the URL (`?asOf=2021-06-30&knownAt=2021-07-15`) so a view of the past can be shared by link.
 * Empty means today and now.
 */
export function AsOfPicker() {
  const t = useT();
  const format = useFormat();
  const id = useId();
  const { asOf, knownAt, setAsOf, setKnownAt } = useAsOf();
  return (
    <div className="as-of-picker">
      <label htmlFor={id}>{t('asOf.label')}</label>
      <DateInput id={id} value={asOf ?? ''} aria-describedby={`${id}-reading`} onCommit={setAsOf} />
      <span id={`${id}-reading`} className="as-of-reading">
        {asOf ? t('asOf.reading', { date: format.date(asOf) }) : t('asOf.today')}
      </span>
      {asOf && (
        <button type="button" className="button button-link" onClick={() => setAsOf(undefined)}>
          {t('asOf.reset')}
        </button>
      )}
      <details className="known-at" open={knownAt ? true : undefined}>
        <summary>{t('knownAt.summary')}</summary>
        <div className="known-at-body">
          <label htmlFor={`${id}-known`}>{t('knownAt.label')}</label>
          <DateInput id={`${id}-known`} value={knownAt ?? ''} aria-describedby={`${id}-known-hint`} onCommit={setKnownAt} />
          <span id={`${id}-known-hint`} className="as-of-reading">
            {knownAt ? t('knownAt.reading', { date: format.date(knownAt) }) : t('knownAt.now')}
          </span>
          {knownAt && (
            <button type="button" className="button button-link" onClick={() => setKnownAt(undefined)}>
              {t('knownAt.reset')}
            </button>
          )}
        </div>
      </details>
    </div>
  );
}
