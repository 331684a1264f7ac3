import type { StatusName } from '@tiendo/shared/status/types';
import { Link } from 'react-router';
import { useT } from '../../i18n/use-t';
import type { PlainMessageKey as MessageKey } from '../../i18n/locale';
import { METHOD_ANCHORS } from '../../features/status/method-links';
import { StatusIcon } from './status-icon';

export const STATUS_KEYS: Record<StatusName, MessageKey> = {
  on_track: 'status.on_track',
  at_risk: 'status.at_risk',
  off_track: 'status.off_track',
  achieved: 'status.achieved',
  missed: 'status.missed',
  no_data: 'status.no_data',
  no_target: 'status.no_target',
};

/** Worst first: the order in which statuses are listed and counted. */
export const STATUS_ORDER: readonly StatusName[] = ['missed', 'off_track', 'at_risk', 'on_track', 'achieved', 'no_data', 'no_target'];

export function isStatusName(value: string): value is StatusName {
  return (STATUS_ORDER as readonly string[]).includes(value);
}

interface StatusBadgeProps {
  status: StatusName;
  /** Link to the method that decides the status (the default); off inside other links. */
  link?: boolean;
  className?: string;
}

/**
 * A status shown by colour, icon and words together, never colour alone, linking to the page
 * that explains how it was decided.
 */
export function StatusBadge({ status, link = true, className }: StatusBadgeProps) {
  const t = useT();
  const classes = `status-badge status-${status}${className ? ` ${className}` : ''}`;
  const content = (
    <>
      <StatusIcon status={status} />
      <span>{t(STATUS_KEYS[status])}</span>
    </>
  );
  if (!link) return <span className={classes}>{content}</span>;
  return (
    <Link to={METHOD_ANCHORS.statuses} className={classes} title={t('status.howDecided')}>
      {content}
    </Link>
  );
}
