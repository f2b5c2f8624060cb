/**
 * better-sqlite3 compiles SQL on every `prepare` (~0.05 ms each, about eight per acknowledged
 * report). The store's SQL is a fixed set of strings, so each is compiled once and the statement
 * reused: safe because every use is synchronous (`get`/`all`/`run`; the store never iterates).
 * SQL built with a variable shape (e.g. IN lists) stops being cached once `max` distinct strings
 * were seen, so the cache cannot grow without bound.
 */
import type { Database, Statement } from "better-sqlite3";

export function cacheStatements(db: Database, max = 256): Database {
  const compile = db.prepare.bind(db);
  const cache = new Map<string, Statement<unknown[], unknown>>();
  const prepare = (sql: string): Statement<unknown[], unknown> => {
    const hit = cache.get(sql);
    if (hit) return hit;
    const statement = compile(sql);
    if (cache.size < max) cache.set(sql, statement);
    return statement;
  };
  Object.defineProperty(db, "prepare", { value: prepare, configurable: true, writable: true });
  return db;
}
