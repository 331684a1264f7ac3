import type { RollupGroup } from '@tiendo/shared/schemas/status';
import type { StatusName } from '@tiendo/shared/status/types';
import { STATUS_KEYS, STATUS_ORDER } from '../../../components/ui/status-badge';
import { StatusIcon } from '../../../components/ui/status-icon';
import { useFormat } from '../../../i18n/format';
import { useT } from '../../../i18n/use-t';

/** How many targets are in each status: always shown, so a summary never hides a missed target. */
export function StatusCounts({ counts }: { counts: RollupGroup['counts'] }) {
  const t = useT();
  const format = useFormat();
  return (
    <ul className="status-counts">
      {STATUS_ORDER.map((status) => (
        <li key={status} className={`status-count status-${status}${counts[status] === 0 ? ' status-count-zero' : ''}`}>
          <StatusIcon status={status} />
          <span className="status-count-number">{format.number(counts[status])}</span>
          <span className="status-count-label">{t(STATUS_KEYS[status])}</span>
        </li>
      ))}
    </ul>
  );
}

/** The same counts as a bar, for the eye; the numbers are next to it in words. */
export function StatusBar({ counts, total }: { counts: Record<StatusName, number>; total: number }) {
  if (total === 0) return null;
  const segments = STATUS_ORDER.reduce<{ status: StatusName; x: number; width: number }[]>((list, status) => {
    const previous = list[list.length - 1];
    list.push({ status, x: previous ? previous.x + previous.width : 0, width: (counts[status] / total) * 100 });
    return list;
  }, []);
  return (
    <svg className="status-bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      {segments
        .filter((segment) => segment.width > 0)
        .map((segment) => (
          <rect key={segment.status} className={`bar-${segment.status}`} x={segment.x} y="0" width={segment.width} height="8" />
        ))}
    </svg>
  );
}
