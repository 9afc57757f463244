// The API's error codes (DESIGN "Errors") and their HTTP statuses, in one table.
import type { ApiErrorBody, ErrorCode } from './types.ts';

export const ERROR_STATUS: Record<ErrorCode, number> = {
  invalid: 400,
  invalid_json: 400,
  unauthorized: 401,
  origin_not_allowed: 403,
  edit_window_closed: 403,
  thread_closed: 403,
  own_comment: 403,
  votes_off: 403,
  not_found: 404,
  duplicate: 409,
  idempotency_conflict: 409,
  pin_limit: 409,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
};

export function errorBody(code: ErrorCode, message: string, fields?: Record<string, string>): ApiErrorBody {
  return { error: fields ? { code, message, fields } : { code, message } };
}

/** True when a value has the DESIGN error shape; adapters use it to tell our errors from a proxy's page. */
export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  const error = (value as ApiErrorBody | null)?.error;
  return typeof error === 'object' && error !== null && typeof error.code === 'string' && typeof error.message === 'string';
}
