export function paging(query: { page?: number; pageSize?: number }): { page: number; pageSize: number; offset: number; limit: number } {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  return { page, pageSize, offset: (page - 1) * pageSize, limit: pageSize };
}
