/** Query keys of exports. */
export const exportKeys = {
  all: ['exports'] as const,
  list: (query: object) => ['exports', 'list', query] as const,
  detail: (id: number) => ['exports', 'detail', id] as const,
};
