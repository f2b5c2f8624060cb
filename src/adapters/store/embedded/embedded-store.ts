/**
 * The zero-config store: one SQLite file (DATA_DIR/bot.db) in WAL mode. With synchronous=NORMAL a
 * write that returned is in the WAL file and survives kill -9 of the process (what "a report
 * acknowledged to a nurse is never lost" needs); only a power cut or OS crash in the next moment
 * could roll back the last commits. synchronous=FULL (EMBEDDED_SYNC=full) closes that gap at the
 * price of one disk flush per write (4–14 ms here), which caps intake far below 200 reports/s.
 * `dataDir: ":memory:"` keeps everything in memory (tests).
 */
import fs from "node:fs";
import path from "node:path";
import BetterSqlite3, { type Database } from "better-sqlite3";
import { StorageError } from "../../../domain/errors";
import type { Logger } from "../../../ports/logger";
import type { Store } from "../../../ports/store";
import { ADDED_COLUMNS, SCHEMA_STATEMENTS } from "./schema";
import { SqliteDigestRunStore, SqliteLeaseStore } from "./sqlite-coordination";
import { run } from "./sqlite-errors";
import { SqliteOutboxStore } from "./sqlite-outbox";
import { SqliteReportStore } from "./sqlite-report-store";
import { cacheStatements } from "./statement-cache";
import { SqliteAuditLog, SqliteConversationStore, SqliteIdempotencyStore } from "./sqlite-side-stores";

export interface EmbeddedStoreOptions {
  /** Directory that holds bot.db (created if missing), or ":memory:". */
  dataDir: string;
  logger: Logger;
  /** "normal" (default: durable across process crashes) or "full" (also across power loss; slower). */
  synchronous?: "normal" | "full";
  /** How long a write waits for another process's lock before failing (default 5 s). */
  busyTimeoutMs?: number;
  /**
   * Open an existing file for reading only (the classification thread's own reads: a WAL reader
   * never waits for the writer nor makes it wait). Writes through this handle fail.
   */
  readOnly?: boolean;
  /**
   * Another connection checkpoints the WAL (startCheckpointer, the classification thread): this
   * one only once the WAL has grown to BACKSTOP_CHECKPOINT_PAGES (should that thread be down). A checkpoint copies pages into the database and flushes it to disk (milliseconds);
   * done by the connection that commits, it lands on one acknowledgement.
   */
  checkpointElsewhere?: boolean;
}

export const EMBEDDED_DB_FILE = "bot.db";
/**
 * With `checkpointElsewhere`, this connection still checkpoints once the WAL holds this many pages
 * (~400 MB; the checkpointer keeps it far below, so only should it be down).
 */
export const BACKSTOP_CHECKPOINT_PAGES = 100_000;
/** The checkpointer makes the WAL start over once it holds more than this many pages (~16 MB). */
export const RESTART_CHECKPOINT_PAGES = 4_000;

function open(options: EmbeddedStoreOptions): { db: Database; location: string } {
  const inMemory = options.dataDir === ":memory:";
  const location = inMemory ? ":memory:" : path.join(options.dataDir, EMBEDDED_DB_FILE);
  try {
    if (!inMemory) fs.mkdirSync(options.dataDir, { recursive: true });
    if (options.readOnly) {
      const reader = new BetterSqlite3(location, { readonly: true, fileMustExist: true });
      reader.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
      return { db: cacheStatements(reader), location };
    }
    const db = new BetterSqlite3(location);
    if (!inMemory) db.pragma("journal_mode = WAL");
    // Only a backstop then (~400 MB of WAL): should the checkpointing thread be down, the WAL stays bounded.
    if (!inMemory && options.checkpointElsewhere) db.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
    db.pragma(`synchronous = ${options.synchronous === "full" ? "FULL" : "NORMAL"}`);
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    db.pragma("foreign_keys = ON");
    return { db: cacheStatements(db), location };
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new StorageError(`Cannot open the embedded store at ${location}: ${detail}`, { cause: err });
  }
}

/**
 * Checkpoints the WAL of DATA_DIR/bot.db from a connection of its own, every `everyMs` (default 1 s),
 * PASSIVE: it copies what no reader still needs and never waits for (or blocks) the writer. For a
 * store opened with `checkpointElsewhere`; stop() ends it with one last checkpoint.
 *
 * PASSIVE alone never lets the WAL start over while the writer keeps writing (the file is reused
 * from its start only once every frame is copied, and new ones keep coming): measured, 200 reports/s
 * for 60 s left a 1.8 GB WAL. So once the WAL holds more than `restartPages`, the checkpoint is a
 * RESTART: it takes the write lock for the few frames PASSIVE left (the writer waits milliseconds)
 * and makes the next write start the file over. It waits at most 100 ms for the lock, then tries
 * again next time.
 */
export function startCheckpointer(
  dataDir: string,
  logger: Logger,
  everyMs = 1000,
  restartPages = RESTART_CHECKPOINT_PAGES,
): { stop(): void } {
  const db = new BetterSqlite3(path.join(dataDir, EMBEDDED_DB_FILE), { fileMustExist: true });
  db.pragma("busy_timeout = 100");
  const checkpoint = (): void => {
    try {
      const [result] = db.pragma("wal_checkpoint(PASSIVE)") as { busy: number; log: number; checkpointed: number }[];
      if (result && result.log > restartPages) db.pragma("wal_checkpoint(RESTART)");
    } catch (err) {
      logger.warn({ err: (err as Error).message }, "WAL checkpoint failed; next one in a moment");
    }
  };
  const timer = setInterval(checkpoint, everyMs);
  timer.unref?.();
  return {
    stop() {
      clearInterval(timer);
      checkpoint();
      db.close();
    },
  };
}

export function createEmbeddedStore(options: EmbeddedStoreOptions): Store {
  const { db, location } = open(options);
  const { logger } = options;
  return {
    kind: "embedded",
    describe: () => `embedded (SQLite at ${location})`,
    init: () =>
      run("create tables", () => {
        db.transaction(() => {
          for (const statement of SCHEMA_STATEMENTS) db.exec(statement);
          for (const { table, column, type } of ADDED_COLUMNS) {
            const columns = db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[];
            if (!columns.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
          }
        })();
      }),
    ping: () =>
      run("answer a ping", () => {
        db.prepare("SELECT 1").get();
      }),
    close: () =>
      run("close", () => {
        if (db.open) db.close();
      }),
    reports: new SqliteReportStore(db, logger),
    audit: new SqliteAuditLog(db, logger),
    conversations: new SqliteConversationStore(db),
    leases: new SqliteLeaseStore(db),
    idempotency: new SqliteIdempotencyStore(db),
    digestRuns: new SqliteDigestRunStore(db),
    outbox: new SqliteOutboxStore(db, logger),
  };
}
