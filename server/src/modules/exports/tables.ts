/**
 * What each export kind reads: its tables, their columns and the SQL selecting the rows of the
 * filters (method `tiendo-export/1`, described in docs/audit.md). Rows come out in a stable order
 * (by id or sequence number), so the same data and filters always give the same files.
 */
import type { ExportKind } from '@tiendo/shared/schemas/exports';
import { periodEnd, periodStart } from '@tiendo/shared/periods';

export const EXPORT_METHOD = 'tiendo-export/1';

/**
 * `integer` and `number` (SQLite REAL) columns are numbers; `code` columns hold text the system
 * writes (codes, times, roles, hashes), `text` columns anything a person typed; `json` columns
 * JSON text, written as text in CSV and XLSX and as the JSON value in JSON Lines.
 */
export type ColumnType = 'integer' | 'number' | 'code' | 'text' | 'json';

export interface Column {
  name: string;
  type: ColumnType;
}

export interface TableQuery {
  /** File stem and sheet name. */
  name: string;
  columns: Column[];
  /** SELECT of the rows, in the columns' order. */
  sql: string;
  /**
   * SELECT of the same rows as CSV: each run of non-REAL columns comes as one BLOB of ready CSV
   * text (built by SQLite, which is much faster than building it in JavaScript), each REAL column
   * as its number (formatted in JavaScript, shortest round-trip form). `parts` says which is which.
   */
  csv: {
    sql: string;
    parts: ('csv' | 'number')[];
    /**
     * For a table ordered by one unique integer key and without REAL columns: a keyset page of
     * up to @pageSize rows after key @after as one BLOB of CSV lines, with the page's last key
     * and its row count. Far fewer round trips between SQLite and JavaScript than a row at a time.
     */
    pageSql?: string;
  };
  countSql: string;
  params: Record<string, string | number>;
  /**
   * For a time range over the audit trail: a SELECT of the lowest and highest key (`first`,
   * `last`, null when none) among the rows in the range, read through the time index. The queries
   * above then take @firstKey and @lastKey too (`withKeyRange`), so a range of recent events is read
   * from its first key instead of by walking the whole trail up to it.
   */
  keyRangeSql?: string;
}

/** The table's queries with their key range read from the snapshot (a table without one as it is). */
export function withKeyRange(table: TableQuery, read: (sql: string, params: Record<string, string | number>) => { first: number | null; last: number | null } | undefined): TableQuery {
  if (!table.keyRangeSql) return table;
  const range = read(table.keyRangeSql, table.params);
  // No row in the range: an empty key range.
  const [firstKey, lastKey] = range?.first == null || range.last == null ? [1, 0] : [range.first, range.last];
  return { ...table, params: { ...table.params, firstKey, lastKey } };
}

/** Filters after the scope was resolved: a unit subtree as a path range. */
export interface ResolvedFilters {
  prefix: string;
  includeUnscoped: boolean;
  plan?: string;
  field?: string;
  period?: string;
  from?: string;
  to?: string;
  entity?: string;
  actor?: string;
  action?: string;
}

const t = (name: string): Column => ({ name, type: 'text' });
const c = (name: string): Column => ({ name, type: 'code' });
const i = (name: string): Column => ({ name, type: 'integer' });
const n = (name: string): Column => ({ name, type: 'number' });
const j = (name: string): Column => ({ name, type: 'json' });

/** Builds a WHERE clause and its named parameters, one condition at a time. */
class Where {
  readonly parts: string[] = [];
  readonly params: Record<string, string | number> = {};
  add(condition: string, params: Record<string, string | number | undefined> = {}): this {
    this.parts.push(condition);
    for (const [k, v] of Object.entries(params)) if (v !== undefined) this.params[k] = v;
    return this;
  }
  when(value: string | undefined, condition: string, name: string): this {
    return value === undefined ? this : this.add(condition, { [name]: value });
  }
  get sql(): string {
    return this.parts.length ? this.parts.join(' AND ') : '1';
  }
}

const pathUpper = (prefix: string) => `${prefix.slice(0, -1)}0`;
const under = (col: string) => `(${col} >= @prefix AND ${col} < @upper)`;

/** SQL for the first day of the period written in `col` (2021 → 2021-01-01, 2021-Q3 → 2021-07-01 …). */
const periodStartSql = (col: string) => `CASE
  WHEN length(${col}) = 4 THEN ${col} || '-01-01'
  WHEN substr(${col}, 6, 1) = 'H' THEN substr(${col}, 1, 4) || CASE substr(${col}, 7, 1) WHEN '1' THEN '-01-01' ELSE '-07-01' END
  WHEN substr(${col}, 6, 1) = 'Q' THEN substr(${col}, 1, 4) || '-' || printf('%02d', (CAST(substr(${col}, 7, 1) AS INTEGER) - 1) * 3 + 1) || '-01'
  WHEN length(${col}) = 7 THEN ${col} || '-01'
  ELSE ${col} END`;

/**
 * A cell of the CSV dialect (docs/audit.md): null is an empty cell; text is always quoted, '"'
 * doubled, and text a person typed that a spreadsheet would run as a formula (= + - @, tab, CR:
 * OWASP's list) gets a leading apostrophe; numbers are bare.
 */
function csvCellSql(type: ColumnType, e: string): string {
  // printf's %w doubles every '"': quoting in one step, faster than replace() and ||.
  switch (type) {
    case 'integer':
      return `coalesce(${e}, '')`;
    case 'text':
      return `iif(${e} IS NULL, '', printf('"%s%w"', iif(unicode(${e}) IN (61, 43, 45, 64, 9, 13), '''', ''), ${e}))`;
    case 'code':
    case 'json':
      return `iif(${e} IS NULL, '', printf('"%w"', ${e}))`;
    case 'number':
      throw new Error('REAL columns are formatted in JavaScript');
  }
}

function csvSelect(columns: Column[], select: string[]): { exprs: string[]; parts: ('csv' | 'number')[] } {
  const exprs: string[] = [];
  const parts: ('csv' | 'number')[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length) {
      // One concat_ws builds the line in one pass (a chain of || copies it once per cell); no cell is NULL.
      exprs.push(run.length === 1 ? run[0]! : `concat_ws(',', ${run.join(', ')})`);
      parts.push('csv');
    }
    run = [];
  };
  columns.forEach((col, k) => {
    if (col.type === 'number') {
      flush();
      exprs.push(select[k]!);
      parts.push('number');
    } else {
      run.push(csvCellSql(col.type, select[k]!));
    }
  });
  flush();
  return { exprs, parts };
}

interface TableOptions {
  /** FROM for counting, when the joins of `from` do not change the row count. */
  countFrom?: string;
  /** `order` is one unique integer key (keyset pages possible). */
  keyset?: boolean;
  /** See `TableQuery.keyRangeSql`: the rows are then those with `order` from @firstKey to @lastKey. */
  keyRangeSql?: string;
}

function table(name: string, columns: Column[], select: string[], from: string, where: Where, order: string, options: TableOptions = {}): TableQuery {
  if (select.length !== columns.length) throw new Error(`export table ${name}: ${select.length} expressions for ${columns.length} columns`);
  const csv = csvSelect(columns, select);
  const countFrom = options.countFrom ?? from;
  // The key range bounds the rows read (counting needs no bounds: it reads the time index). A page
  // takes only its upper bound: its lower one is the page's own `> @after`, which starts just
  // before @firstKey, and SQLite searches the key by one lower bound only (it took the range's
  // and walked the range from its start for every page).
  const rowsWhere = options.keyRangeSql ? `${where.sql} AND ${order} BETWEEN @firstKey AND @lastKey` : where.sql;
  const pageWhere = options.keyRangeSql ? `${where.sql} AND ${order} <= @lastKey` : where.sql;
  const single = csv.parts.length === 1 && csv.parts[0] === 'csv';
  // The lines reach the aggregate in key order: a subquery with ORDER BY and LIMIT under an aggregate
  // cannot be flattened into it, so SQLite runs it as a co-routine that yields its rows in order,
  // and an aggregate without GROUP BY takes them as they come. (An ORDER BY inside group_concat
  // would sort them again, at a quarter of the export's time; tests/server/exports checks the order.)
  const pageSql =
    options.keyset && single
      ? `SELECT CAST(group_concat(line, '') AS BLOB) AS lines, max(k) AS last, count(*) AS n FROM (SELECT ${order} AS k, ${csv.exprs[0]} || char(13, 10) AS line FROM ${from} WHERE ${pageWhere} AND ${order} > @after ORDER BY ${order} LIMIT @pageSize)`
      : undefined;
  return {
    name,
    columns,
    sql: `SELECT ${select.join(', ')} FROM ${from} WHERE ${rowsWhere} ORDER BY ${order}`,
    csv: { sql: `SELECT ${csv.exprs.map((e, k) => (csv.parts[k] === 'csv' ? `CAST(${e} AS BLOB)` : e)).join(', ')} FROM ${from} WHERE ${rowsWhere} ORDER BY ${order}`, parts: csv.parts, pageSql },
    countSql: `SELECT count(*) AS n FROM ${countFrom} WHERE ${where.sql}`,
    params: where.params,
    ...(options.keyRangeSql ? { keyRangeSql: options.keyRangeSql } : {}),
  };
}

const scoped = (f: ResolvedFilters) => new Where().add('1', { prefix: f.prefix, upper: pathUpper(f.prefix) });

function unitsTables(f: ResolvedFilters): TableQuery[] {
  const w = scoped(f).add(under('u.path'));
  return [
    table(
      'units',
      [i('id'), c('code'), t('name_vi'), t('name_en'), c('type'), c('parent_code'), i('depth'), c('valid_from'), c('valid_to'), i('version'), c('created_at'), c('updated_at')],
      ['u.id', 'u.code', 'u.name_vi', 'u.name_en', 'u.type', 'p.code', 'u.depth', 'u.valid_from', 'u.valid_to', 'u.version', 'u.created_at', 'u.updated_at'],
      'units u LEFT JOIN units p ON p.id = u.parent_id',
      w,
      'u.id',
      { keyset: true },
    ),
  ];
}

function plansTables(f: ResolvedFilters): TableQuery[] {
  const anchor = 'coalesce(ow.path, pv.path)';
  const w = scoped(f)
    .add(
      `(${under(anchor)} OR EXISTS (SELECT 1 FROM indicators i JOIN units iu ON iu.id = i.unit_id WHERE i.plan_id = pl.id AND ${under('iu.path')})${f.includeUnscoped ? ` OR ${anchor} IS NULL` : ''})`,
    )
    .when(f.plan, 'pl.code = @plan', 'plan');
  return [
    table(
      'plans',
      [
        i('id'), c('code'), c('province_code'), t('title_vi'), t('title_en'), c('kind'), t('document_ref'), c('issued_on'), t('issuing_body'), c('period_start'), c('period_end'),
        c('owner_unit_code'), i('grace_days'), n('on_track_threshold'), n('at_risk_threshold'), t('source'), i('is_sample'), i('version'), c('created_at'), c('updated_at'),
      ],
      [
        'pl.id', 'pl.code', 'pv.code', 'pl.title_vi', 'pl.title_en', 'pl.kind', 'pl.document_ref', 'pl.issued_on', 'pl.issuing_body', 'pl.period_start', 'pl.period_end',
        'ow.code', 'pl.grace_days', 'pl.on_track_threshold', 'pl.at_risk_threshold', 'pl.source', 'pl.is_sample', 'pl.version', 'pl.created_at', 'pl.updated_at',
      ],
      'plans pl LEFT JOIN units ow ON ow.id = pl.owner_unit_id LEFT JOIN units pv ON pv.id = pl.province_unit_id',
      w,
      'pl.id',
    ),
  ];
}

const INDICATOR_FROM = 'indicators i JOIN units u ON u.id = i.unit_id LEFT JOIN plans pl ON pl.id = i.plan_id';

/** An indicator is in a subtree when its responsible unit or one of its contributing units is. */
const indicatorWhere = (f: ResolvedFilters) =>
  scoped(f)
    .add(`(${under('u.path')} OR EXISTS (SELECT 1 FROM indicator_contributors c JOIN units cu ON cu.id = c.unit_id WHERE c.indicator_id = i.id AND ${under('cu.path')}))`)
    .when(f.plan, 'pl.code = @plan', 'plan')
    .when(f.field, 'i.field = @field', 'field');

function indicatorTables(f: ResolvedFilters): TableQuery[] {
  return [
    table(
      'indicators',
      [
        i('id'), c('code'), c('plan_code'), c('unit_code'), c('contributor_codes'), c('field'), t('name_vi'), t('name_en'), c('measure'), t('unit_label'), c('direction'),
        n('baseline_value'), c('baseline_date'), n('target_value'), c('target_date'), c('target_period'), n('tolerance'), c('frequency'), t('data_source'), t('notes'),
        n('weight'), c('aggregation'), i('is_sample'), i('version'), c('created_at'), c('updated_at'),
      ],
      [
        'i.id', 'i.code', 'pl.code', 'u.code',
        "(SELECT group_concat(code, ';') FROM (SELECT cu.code FROM indicator_contributors c JOIN units cu ON cu.id = c.unit_id WHERE c.indicator_id = i.id ORDER BY cu.code))",
        'i.field', 'i.name_vi', 'i.name_en', 'i.measure', 'i.unit_label', 'i.direction',
        'i.baseline_value', 'i.baseline_date', 'i.target_value', 'i.target_date', 'i.target_period', 'i.tolerance', 'i.frequency', 'i.data_source', 'i.notes',
        'i.weight', 'i.aggregation', 'i.is_sample', 'i.version', 'i.created_at', 'i.updated_at',
      ],
      INDICATOR_FROM,
      indicatorWhere(f),
      'i.id',
    ),
    table(
      'indicator_revisions',
      [
        c('indicator_code'), i('revision_no'), c('effective_at'), n('baseline_value'), c('baseline_date'), n('target_value'), c('target_date'), j('milestones'),
        t('reason'), t('legal_ref'), t('actor'),
      ],
      ['i.code', 'r.revision_no', 'r.effective_at', 'r.baseline_value', 'r.baseline_date', 'r.target_value', 'r.target_date', 'r.milestones', 'r.reason', 'r.legal_ref', 'ru.email'],
      `${INDICATOR_FROM} JOIN indicator_revisions r ON r.indicator_id = i.id LEFT JOIN users ru ON ru.id = r.actor_id`,
      indicatorWhere(f),
      'i.id, r.revision_no',
    ),
  ];
}

const OBSERVATION_FROM = 'observations o JOIN indicators i ON i.id = o.indicator_id JOIN units u ON u.id = o.unit_id LEFT JOIN plans pl ON pl.id = i.plan_id';

const observationWhere = (f: ResolvedFilters) => {
  const w = scoped(f)
    .add(under('u.path'))
    .when(f.plan, 'pl.code = @plan', 'plan')
    .when(f.field, 'i.field = @field', 'field')
    .when(f.from, 'o.created_at >= @from', 'from')
    .when(f.to, 'o.created_at <= @to', 'to');
  // Periods inside the given one: they start no earlier and end no later.
  if (f.period) w.add(`${periodStartSql('o.period')} >= @periodStart AND o.period_end <= @periodEnd`, { periodStart: periodStart(f.period), periodEnd: periodEnd(f.period) });
  return w;
};

function observationTables(f: ResolvedFilters): TableQuery[] {
  return [
    table(
      'observations',
      [
        i('id'), i('series_id'), i('version_no'), c('indicator_code'), c('unit_code'), c('period'), c('period_end'), n('value'), n('numerator'), n('denominator'),
        c('qualifier'), n('value_to'), t('comment'), t('source'), t('quote'), c('state'), c('origin'), i('import_id'),
        t('created_by'), c('created_at'), c('updated_at'), t('submitted_by'), c('submitted_at'), t('reviewed_by'), c('reviewed_at'), c('accepted_at'), t('return_reason'),
        c('superseded_at'), i('version'),
      ],
      [
        'o.id', 'o.series_id', 'o.version_no', 'i.code', 'u.code', 'o.period', 'o.period_end', 'o.value', 'o.numerator', 'o.denominator',
        'o.qualifier', 'o.value_to', 'o.comment', 'o.source', 'o.quote', 'o.state', 'o.origin', 'o.import_id',
        'cu.email', 'o.created_at', 'o.updated_at', 'su.email', 'o.submitted_at', 'ru.email', 'o.reviewed_at', 'o.accepted_at', 'o.return_reason', 'o.superseded_at', 'o.version',
      ],
      `${OBSERVATION_FROM} LEFT JOIN users cu ON cu.id = o.created_by LEFT JOIN users su ON su.id = o.submitted_by LEFT JOIN users ru ON ru.id = o.reviewed_by`,
      observationWhere(f),
      'o.id',
      { countFrom: OBSERVATION_FROM, keyset: true },
    ),
    // The workflow of each version, step by step, from the audit trail.
    table(
      'observation_steps',
      [i('observation_id'), i('seq'), c('at'), t('actor'), c('actor_role'), c('action'), j('before'), j('after'), t('request_id'), c('hash')],
      ['o.id', 'a.seq', 'a.at', 'a.actor_label', 'a.actor_role', 'a.action', 'a.before', 'a.after', 'a.request_id', 'a.hash'],
      `${OBSERVATION_FROM} JOIN audit_events a ON a.entity = 'observation' AND a.entity_id = CAST(o.id AS TEXT)`,
      observationWhere(f),
      'o.id, a.seq',
    ),
  ];
}

function auditTables(f: ResolvedFilters): TableQuery[] {
  const w = scoped(f);
  if (f.prefix !== '/') {
    const inSubtree = `a.unit_id IN (SELECT id FROM units WHERE ${under('path')})`;
    w.add(f.includeUnscoped ? `(a.unit_id IS NULL OR ${inSubtree})` : inSubtree);
  }
  w.when(f.from, 'a.at >= @from', 'from')
    .when(f.to, 'a.at <= @to', 'to')
    .when(f.entity, 'a.entity = @entity', 'entity')
    .when(f.actor, 'a.actor_label = @actor', 'actor')
    .when(f.action, 'a.action = @action', 'action');
  // A time range: the events in it lie between the lowest and highest sequence number among them
  // (times follow the sequence, but a clock set back would break that, so the range is read, not
  // assumed), found through the time index.
  const inTime = [f.from !== undefined ? 'at >= @from' : null, f.to !== undefined ? 'at <= @to' : null].filter((c) => c !== null);
  const keyRangeSql = inTime.length ? `SELECT min(seq) AS first, max(seq) AS last FROM audit_events WHERE ${inTime.join(' AND ')}` : undefined;
  return [
    table(
      'audit_events',
      [i('seq'), c('at'), i('actor_id'), t('actor_label'), c('actor_role'), c('action'), c('entity'), t('entity_id'), i('unit_id'), c('unit_code'), j('before'), j('after'), t('request_id'), t('ip'), c('hash')],
      ['a.seq', 'a.at', 'a.actor_id', 'a.actor_label', 'a.actor_role', 'a.action', 'a.entity', 'a.entity_id', 'a.unit_id', 'u.code', 'a.before', 'a.after', 'a.request_id', 'a.ip', 'a.hash'],
      // Within a key range the rows are read by sequence number: left to itself, SQLite may take the
      // time index instead and sort the whole range again for every page.
      `audit_events a${keyRangeSql ? ' NOT INDEXED' : ''} LEFT JOIN units u ON u.id = a.unit_id`,
      w,
      'a.seq',
      { countFrom: 'audit_events a', keyset: true, keyRangeSql },
    ),
  ];
}

export function tablesFor(kind: ExportKind, filters: ResolvedFilters): TableQuery[] {
  switch (kind) {
    case 'units':
      return unitsTables(filters);
    case 'plans':
      return plansTables(filters);
    case 'indicators':
      return indicatorTables(filters);
    case 'observations':
      return observationTables(filters);
    case 'audit-events':
      return auditTables(filters);
  }
}
