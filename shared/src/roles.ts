export const ROLES = ['staff', 'leader', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, { vi: string; en: string }> = {
  staff: { vi: 'Cán bộ chuyên môn', en: 'Staff' },
  leader: { vi: 'Lãnh đạo', en: 'Leader' },
  auditor: { vi: 'Thanh tra, kiểm toán', en: 'Auditor' },
  admin: { vi: 'Quản trị', en: 'Administrator' },
};

export const OBSERVATION_STATES = ['draft', 'submitted', 'accepted', 'returned'] as const;
export type ObservationState = (typeof OBSERVATION_STATES)[number];
