/** Query keys of the auth feature, in one place so mutations can update what they change. */
export const authKeys = {
  all: ['auth'] as const,
  session: ['auth', 'session'] as const,
  me: ['auth', 'me'] as const,
  demoAccounts: ['auth', 'demo-accounts'] as const,
};
