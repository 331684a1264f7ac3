import { useId, type ReactNode } from 'react';
import { useFormat } from '../../i18n/format';
import { EmptyState } from './empty-state';
import { Loading } from './loading';
import { Pagination } from './pagination';
import { QueryError } from './query-error';

/** The part of a TanStack Query result for one page of a server-paged list that a list card reads. */
export interface PagedListQuery<T> {
  data: { items: T[]; total: number } | undefined;
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

interface ListCardProps<T> {
  /** The card's heading; the total follows it in brackets once loaded. */
  title: string;
  query: PagedListQuery<T>;
  /** What could not be loaded, for the error message. */
  what?: string;
  /** The text shown when the list is empty. */
  empty: string;
  /** Everything Pagination needs but the total, which comes from the query. */
  pagination: { page: number; pageSize: number; label: string; onPage: (page: number) => void };
  /** Shown between the heading and the list, e.g. a note on what the list is filtered to. */
  intro?: ReactNode;
  /** The list itself, for a page with at least one item. */
  children: (items: T[]) => ReactNode;
}

/**
 * A card with one page of a server-paged list: heading with the total, loading, error and empty
 * states, the list, and its pages.
 */
export function ListCard<T>({ title, query, what, empty, pagination, intro, children }: ListCardProps<T>) {
  const format = useFormat();
  const id = useId();
  const { data } = query;
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>
        {title}
        {data && <span className="muted"> ({format.number(data.total)})</span>}
      </h2>
      {intro}
      {query.isPending && <Loading />}
      {query.isError && <QueryError error={query.error} what={what} onRetry={() => void query.refetch()} />}
      {data && data.items.length === 0 && (
        <EmptyState>
          <p>{empty}</p>
        </EmptyState>
      )}
      {data && data.items.length > 0 && (
        <>
          {children(data.items)}
          <Pagination {...pagination} total={data.total} />
        </>
      )}
    </section>
  );
}

interface DataTableProps {
  /** The table's caption, read by screen readers only. */
  caption: string;
  columns: { label: string; className?: string }[];
  /** The body's rows. */
  children: ReactNode;
}

/** A responsive data table in its scrolling wrapper, with a hidden caption and a header row. */
export function DataTable({ caption, columns, children }: DataTableProps) {
  return (
    <div className="table-wrap">
      <table className="data-table responsive-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col" className={column.className}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
