import { useId } from 'react';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/use-t';

interface PaginationProps {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  /** What the pages list, for the landmark's name: "Trang của danh sách báo cáo". */
  label: string;
}

/** Pages of a long list: the server pages, so thousands of rows stay quick. */
export function Pagination({ page, pageSize, total, onPage, label }: PaginationProps) {
  const t = useT();
  const format = useFormat();
  const id = useId();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav className="pagination" aria-label={label}>
      <p id={id} className="pagination-summary">
        {t('pagination.summary', { first: format.number(first), last: format.number(last), total: format.number(total) })}
      </p>
      {pages > 1 && (
        <div className="pagination-buttons">
          <button type="button" className="button button-secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
            {t('pagination.previous')}
          </button>
          <span className="pagination-page" aria-current="page">
            {t('pagination.page', { page: format.number(page), pages: format.number(pages) })}
          </span>
          <button type="button" className="button button-secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
            {t('pagination.next')}
          </button>
        </div>
      )}
    </nav>
  );
}
