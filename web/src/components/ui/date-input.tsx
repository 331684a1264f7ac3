import { type InputHTMLAttributes, useState } from 'react';
import { isIsoDate } from '@tiendo/shared/periods';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value' | 'onChange' | 'min' | 'max'> & {
  /** The date in force (from the URL), or '' for none. */
  value: string;
  /** Called with a whole date in [min, max], or undefined when the field is cleared. */
  onCommit: (date: string | undefined) => void;
  min?: string;
  max?: string;
};

/**
 * A date field whose value lives elsewhere (in the URL). While a date is being typed, the browser
 * reports each keystroke's partial date (year 0002, 0020, 0202 …); those stay in the field and only
 * a whole date in range is passed on, so typing is never rewritten under the cursor and no request
 * is made for a year nobody meant.
 */
export function DateInput({ value, onCommit, min = '2000-01-01', max = '2100-12-31', ...rest }: Props) {
  const [draft, setDraft] = useState(value);
  // A new date in force (Back, a link, "today") replaces whatever was being typed.
  const [inForce, setInForce] = useState(value);
  if (value !== inForce) {
    setInForce(value);
    setDraft(value);
  }
  return (
    <input
      {...rest}
      type="date"
      value={draft}
      min={min}
      max={max}
      onChange={(event) => {
        const next = event.target.value;
        setDraft(next);
        if (next === '') onCommit(undefined);
        else if (isIsoDate(next) && next >= min && next <= max && next !== value) onCommit(next);
      }}
      // Leaving the field with a partial date (or one the page does not take) shows the date in force.
      onBlur={(event) => {
        if (draft !== value) setDraft(value);
        rest.onBlur?.(event);
      }}
    />
  );
}
