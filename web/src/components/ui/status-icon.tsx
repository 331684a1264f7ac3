import type { StatusName } from '@tiendo/shared/status/types';
import type { ReactNode } from 'react';

/** A shape per status, so statuses differ without colour (and in forced-colours mode). */
export function StatusIcon({ status }: { status: StatusName }) {
  return (
    <svg className="status-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {ICONS[status]}
    </svg>
  );
}

const stroke = { fill: 'none', stroke: 'currentColor', strokeWidth: 2, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;

const ICONS: Record<StatusName, ReactNode> = {
  achieved: (
    <>
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <path d="M4.5 8.2l2.3 2.3 4.7-4.9" fill="none" stroke="#ffffff" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
    </>
  ),
  on_track: <path d="M2 8h10M8.5 4l3.5 4-3.5 4" {...stroke} />,
  at_risk: (
    <>
      <path d="M8 1.8L15 14H1z" {...stroke} strokeWidth={1.6} />
      <path d="M8 6v3.6M8 11.6v.2" {...stroke} />
    </>
  ),
  off_track: <path d="M3 3l9 9M12 5.5V12H5.5" {...stroke} />,
  missed: (
    <>
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <path d="M5.5 5.5l5 5M10.5 5.5l-5 5" fill="none" stroke="#ffffff" strokeWidth="2" strokeLinecap="round" />
    </>
  ),
  no_data: <circle cx="8" cy="8" r="6" {...stroke} strokeWidth={1.6} strokeDasharray="2.5 2" />,
  no_target: <path d="M3.5 8h9" {...stroke} />,
};
