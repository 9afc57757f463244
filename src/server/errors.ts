// A refusal with one of DESIGN's error codes ("rate_limited", "duplicate", "not_found" …), thrown by
// the use cases (comments/), the schemas and the routes; app.ts turns it into
// `{ error: { code, message, fields? } }` with its status. Not HTTP itself: the CLI could word the
// same refusal its own way.
import type { ErrorCode } from '../core/types.ts';

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}
