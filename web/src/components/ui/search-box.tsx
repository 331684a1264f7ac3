import { useId, useState, type FormEvent } from 'react';
import { useT } from '../../i18n/use-t';

/**
 * A text search applied on Enter or with its button (not on every key, which would flood the
 * server). The box follows `value` when it changes by other means (Back, Forward, a link).
 */
export function SearchBox({ label, value, onSearch, hint }: { label: string; value: string; onSearch: (q: string) => void; hint?: string }) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(value);
  }
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // What the box now shows: a value that differs from it (Back, even before this search's page
    // has rendered) refills it.
    setShown(text.trim());
    onSearch(text.trim());
  };
  return (
    <form role="search" className="search-box" onSubmit={submit} aria-label={label}>
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <div className="search-box-row">
          <input id={id} type="search" value={text} onChange={(e) => setText(e.target.value)} aria-describedby={hint ? `${id}-hint` : undefined} />
          <button type="submit" className="button button-secondary">
            {t('filters.search')}
          </button>
        </div>
        {hint && (
          <p id={`${id}-hint`} className="hint">
            {hint}
          </p>
        )}
      </div>
    </form>
  );
}
