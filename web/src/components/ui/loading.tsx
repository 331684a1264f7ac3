import { useT } from '../../i18n/use-t';

/** A polite "loading" line: announced once, not a spinner that screen readers repeat. */
export function Loading({ label }: { label?: string }) {
  const t = useT();
  return (
    <p className="loading" role="status">
      <span className="loading-dot" aria-hidden="true" />
      {label ?? t('app.loading')}
    </p>
  );
}
