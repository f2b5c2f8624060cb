/** One error type with a stable code; users see an apology and a report id, never internals. */
export type ErrorCode =
  | "CONFIG_INVALID"
  | "CATALOGUE_INVALID"
  | "STORAGE_UNAVAILABLE"
  | "STORAGE_CONFLICT"
  | "DOCUMENT_INVALID"
  | "CLASSIFICATION_FAILED"
  | "CHANNEL_AUTH"
  | "CHANNEL_SEND_FAILED"
  /** The channel cannot send at all until an operator fixes it (e.g. refused credentials): wait, never give up. */
  | "CHANNEL_UNAVAILABLE"
  /** The conversation a message was for no longer exists (a web chat that a restart ended): give up at once. */
  | "CHANNEL_TARGET_GONE"
  /** The platform asked us to slow down (Slack `ratelimited`, Teams 429): retry after `retryAfterMs`. */
  | "CHANNEL_RATE_LIMITED"
  /** The ITSM tool cannot be reached or refuses our credentials: keep the ticket queued, never give up. */
  | "ITSM_UNAVAILABLE"
  /** The ITSM tool refused the request itself (a 4xx other than auth or rate limit). */
  | "ITSM_REJECTED"
  | "BAD_REQUEST"
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "INVALID_TRANSITION"
  | "INTERNAL";

export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

export class ConfigError extends AppError {
  readonly problems: string[];
  constructor(problems: string[]) {
    super("CONFIG_INVALID", `Configuration has ${problems.length} problem(s):\n- ${problems.join("\n- ")}`);
    this.problems = problems;
  }
}

export class StorageError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("STORAGE_UNAVAILABLE", message, options);
  }
}

export class ClassificationError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("CLASSIFICATION_FAILED", message, options);
  }
}

export class ChannelAuthError extends AppError {
  constructor(message: string) {
    super("CHANNEL_AUTH", message);
  }
}

export class ChannelRateLimitedError extends AppError {
  readonly retryAfterMs: number;
  constructor(message: string, retryAfterMs: number, options?: { cause?: unknown }) {
    super("CHANNEL_RATE_LIMITED", message, options);
    this.retryAfterMs = retryAfterMs;
  }
}

export function errorCode(err: unknown): ErrorCode {
  return err instanceof AppError ? err.code : "INTERNAL";
}
