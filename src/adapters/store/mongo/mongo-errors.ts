/** Maps driver errors to AppErrors: duplicate keys are conflicts, the rest "storage unavailable". */
import { AppError, StorageError } from "../../../domain/errors";

export function isDuplicateKey(err: unknown): boolean {
  const e = err as { code?: unknown; writeErrors?: { code?: unknown }[] } | null;
  if (e?.code === 11000 || e?.code === 11001) return true;
  return Array.isArray(e?.writeErrors) && e.writeErrors.some((w) => w.code === 11000);
}

export function toStoreError(err: unknown, action: string): AppError {
  if (err instanceof AppError) return err;
  if (isDuplicateKey(err)) return new AppError("STORAGE_CONFLICT", `${action}: already exists`, { cause: err });
  const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return new StorageError(`MongoDB store failed to ${action}: ${detail}`, { cause: err });
}

/** Runs a driver call, turning its errors into AppErrors. */
export async function guard<T>(action: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toStoreError(err, action);
  }
}

/** Runs `fn`, returning `onDuplicate` instead of failing when it hits a unique index. */
export async function unlessDuplicate<T>(fn: () => Promise<T>, onDuplicate: T): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isDuplicateKey(err)) return onDuplicate;
    throw err;
  }
}
