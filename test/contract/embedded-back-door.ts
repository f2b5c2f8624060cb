/** Test-only back doors into an embedded store: its raw connection, and a row that the schema rejects. */
import type { Database } from "better-sqlite3";
import type { Store } from "../../src/ports/store";

export function rawConnection(store: Store): Database {
  return (store.reports as unknown as { db: Database }).db;
}

export function plantCorruptReport(store: Store, id: string, seq: number, createdAt: Date): Promise<void> {
  rawConnection(store)
    .prepare(
      `INSERT INTO reports (id, seq, version, created_at, status, reporter_ref, classified, classify_state,
         intake_stage, doc) VALUES (?, ?, 0, ?, 'new', 'x', 0, 'pending', 'acknowledged', ?)`,
    )
    .run(id, seq, createdAt.getTime(), JSON.stringify({ id, seq, text: 42 }));
  return Promise.resolve();
}
