import type { Role } from '@tiendo/shared/roles';
import type { PlainMessageKey as MessageKey } from '../i18n/locale';

export interface NavItem {
  to: string;
  label: MessageKey;
  /** Only the exact path is "current" (for the home link). */
  end?: boolean;
}

/** What each role works with, in the order they use it. */
export const NAVIGATION: Record<Role, NavItem[]> = {
  staff: [
    { to: '/', label: 'nav.home', end: true },
    { to: '/todo', label: 'nav.todo' },
    { to: '/targets', label: 'nav.targets' },
    { to: '/dashboard', label: 'nav.dashboard' },
  ],
  leader: [
    { to: '/', label: 'nav.home', end: true },
    { to: '/dashboard', label: 'nav.dashboard' },
    { to: '/review', label: 'nav.review' },
    { to: '/reports', label: 'nav.reports' },
    { to: '/todo', label: 'nav.reporting' },
    { to: '/targets', label: 'nav.targets' },
  ],
  auditor: [
    { to: '/', label: 'nav.home', end: true },
    { to: '/records', label: 'nav.records' },
    { to: '/audit', label: 'nav.audit' },
    { to: '/exports', label: 'nav.exports' },
    { to: '/reports', label: 'nav.reports' },
    { to: '/dashboard', label: 'nav.dashboard' },
    { to: '/todo', label: 'nav.reporting' },
    { to: '/targets', label: 'nav.targets' },
  ],
  admin: [
    { to: '/', label: 'nav.home', end: true },
    { to: '/admin/units', label: 'nav.units' },
    { to: '/admin/users', label: 'nav.users' },
    { to: '/admin/plans', label: 'nav.plans' },
    { to: '/admin/targets', label: 'nav.adminTargets' },
    { to: '/admin/import', label: 'nav.import' },
    { to: '/audit', label: 'nav.audit' },
    { to: '/exports', label: 'nav.exports' },
    { to: '/reports', label: 'nav.reports' },
    { to: '/dashboard', label: 'nav.dashboard' },
  ],
};
