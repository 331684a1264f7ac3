/** Query keys of periodic status reports. */
export const reportKeys = {
  all: ['reports'] as const,
  list: (query: object) => ['reports', 'list', query] as const,
  detail: (id: number) => ['reports', 'detail', id] as const,
  preview: (id: number) => ['reports', 'preview', id] as const,
};
