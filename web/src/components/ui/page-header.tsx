import type { ReactNode } from 'react';
import { usePageTitle } from './page-title';

interface PageHeaderProps {
  title: string;
  /** A short line under the title. */
  lead?: ReactNode;
  /** Where this page sits: links back up the drill-down path. */
  breadcrumbs?: ReactNode;
  actions?: ReactNode;
}

/** Every page's heading: the one h1, focused after navigation (see the root layout). */
export function PageHeader({ title, lead, breadcrumbs, actions }: PageHeaderProps) {
  usePageTitle(title);
  return (
    <div className="page-header">
      {breadcrumbs}
      <div className="page-header-row">
        <h1 tabIndex={-1}>{title}</h1>
        {actions && <div className="page-actions">{actions}</div>}
      </div>
      {lead && <div className="page-lead">{lead}</div>}
    </div>
  );
}
