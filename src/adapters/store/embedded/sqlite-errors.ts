/** Maps better-sqlite3 errors to AppErrors: constraint violations are conflicts, the rest storage failures. */
import { AppError, StorageError } from "../../../domain/errors";

export function isConstraintError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("SQLITE_CONSTRAINT");
}

export function toStoreError(err: unknown, action: string): AppError {
  if (err instanceof AppError) return err;
  if (isConstraintError(err)) return new AppError("STORAGE_CONFLICT", `${action}: already exists`, { cause: err });
  const detail = err instanceof Error ? err.message : String(err);
  return new StorageError(`Embedded store failed to ${action}: ${detail}`, { cause: err });
}

/** Runs a synchronous SQLite operation, turning its errors into AppErrors (as a rejected promise). */
export async function run<T>(action: string, fn: () => T): Promise<T> {
  try {
    return await Promise.resolve(fn());
  } catch (err) {
    throw toStoreError(err, action);
  }
}
