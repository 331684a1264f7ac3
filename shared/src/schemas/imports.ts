import { Type, type Static } from 'typebox';

const Csv = Type.String({ maxLength: 50_000_000, description: 'The CSV file content (UTF-8)' });

export const ImportBody = Type.Object(
  {
    files: Type.Object(
      {
        units: Type.Optional(Csv),
        plans: Type.Optional(Csv),
        indicators: Type.Optional(Csv),
        observations: Type.Optional(Csv),
        workbook: Type.Optional(
          Type.String({
            maxLength: 70_000_000,
            pattern: '^[A-Za-z0-9+/]*={0,2}$',
            description: 'An XLSX workbook, base64: sheets named units, plans, indicators, observations (any of them; a table not also given as CSV)',
          }),
        ),
        workbookName: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: 'The workbook file name, for problem reports (default workbook.xlsx)' })),
      },
      { additionalProperties: false },
    ),
    dryRun: Type.Optional(Type.Boolean({ description: 'Validate and report what would change, write nothing' })),
  },
  { additionalProperties: false },
);
export type ImportBody = Static<typeof ImportBody>;

export const ImportProblemSchema = Type.Object({
  file: Type.String({ description: 'The CSV file (units.csv …) or the workbook' }),
  sheet: Type.Optional(Type.String({ description: 'The sheet, for a workbook; line is then its row number' })),
  line: Type.Integer(),
  column: Type.Union([Type.String(), Type.Null()]),
  code: Type.String(),
  message: Type.String(),
});

const Counts = Type.Object({ created: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer() });

export const ImportResult = Type.Object({
  dryRun: Type.Boolean(),
  importId: Type.Union([Type.Integer(), Type.Null()]),
  units: Counts,
  plans: Counts,
  indicators: Counts,
  observations: Counts,
});
export type ImportResult = Static<typeof ImportResult>;

export const ImportRejected = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.String(),
  code: Type.String(),
  problems: Type.Array(ImportProblemSchema, { description: 'The problems found, at most the first 1,000' }),
  total: Type.Integer({ minimum: 1, description: 'How many problems were found in all; more than are listed when over 1,000' }),
  errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
});
