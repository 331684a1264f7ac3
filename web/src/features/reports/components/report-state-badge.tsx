import type { ReportState } from '@tiendo/shared/schemas/reports';
import { useT } from '../../../i18n/use-t';

/** Draft or frozen, in words (never colour alone). */
export function ReportStateBadge({ state }: { state: ReportState }) {
  const t = useT();
  return <span className={`badge report-state-${state}${state === 'draft' ? ' badge-muted' : ''}`}>{state === 'draft' ? t('reports.stateDraft') : t('reports.stateFrozen')}</span>;
}
