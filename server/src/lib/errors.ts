import { ERROR_CODES, type ErrorCode, type FieldError } from '@tiendo/shared/errors';

/** An error meant for the client: a stable code, an HTTP status and a message saying what to fix. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { errors?: FieldError[]; currentVersion?: number; headers?: Record<string, string>; [k: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.status = ERROR_CODES[code];
  }
}

export const notFound = (what: string, key: string | number) => new AppError('NOT_FOUND', `${what} "${key}" does not exist or is outside your scope.`);

export const forbidden = (message: string) => new AppError('FORBIDDEN', message);

export const outOfScope = (what: string) =>
  new AppError('OUT_OF_SCOPE', `${what} is outside the unit subtree you may act in.`);

export const versionConflict = (what: string, current: number, given: number) =>
  new AppError(
    'VERSION_CONFLICT',
    `${what} was changed by someone else (you sent version ${given}, the current version is ${current}). Reload it and apply your change again.`,
    { currentVersion: current },
  );
