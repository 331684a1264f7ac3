import { ROLE_NAMES, type Role } from '@tiendo/shared/roles';
import type { Locale } from '../../i18n/locale';

/** The role as people in the administration call it (shared with the server's documents). */
export function roleName(role: Role, locale: Locale): string {
  return ROLE_NAMES[role][locale];
}
