import type { Role } from '@tiendo/shared/roles';

/** One account per role, created on first start in demo mode only; the README lists them too. */
export const DEMO_ACCOUNTS: { email: string; password: string; role: Role; name: string; unitCode: string }[] = [
  { email: 'staff@tiendo.demo', password: 'TienDo-Staff-2026', role: 'staff', name: 'Nguyễn Văn An', unitCode: 'HT-STTTT' },
  { email: 'leader@tiendo.demo', password: 'TienDo-Leader-2026', role: 'leader', name: 'Trần Thị Bình', unitCode: 'HT' },
  { email: 'auditor@tiendo.demo', password: 'TienDo-Auditor-2026', role: 'auditor', name: 'Lê Minh Châu', unitCode: 'VN' },
  { email: 'admin@tiendo.demo', password: 'TienDo-Admin-2026', role: 'admin', name: 'Phạm Quốc Dũng', unitCode: 'VN' },
];
