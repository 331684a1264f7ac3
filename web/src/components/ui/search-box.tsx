import { useId, useState, type FormEvent } from 'react';
import { useT } from '../../i18n/use-t';

/** A text search applied on Enter or with its button (not on every key, which would flood the server). */
export function SearchBox({ label, value, onSearch }: { label: string; value: string; onSearch: (q: string) => void }) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState(value);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSearch(text.trim());
  };
  return (
    <form role="search" className="search-box" onSubmit={submit} aria-label={label}>
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <div className="search-box-row">
          <input id={id} type="search" value={text} onChange={(e) => setText(e.target.value)} />
          <button type="submit" className="button button-secondary">
            {t('filters.search')}
          </button>
        </div>
      </div>
    </form>
  );
}
