/** The store contract against the embedded SQLite store (in memory, fresh per test). */
import type { Database } from "better-sqlite3";
import { createEmbeddedStore } from "../../src/adapters/store/embedded/embedded-store";
import { describeStoreContract } from "./store-contract";

describeStoreContract("embedded", async (logger) => {
  const store = createEmbeddedStore({ dataDir: ":memory:", logger });
  await store.init();
  return {
    store,
    writeCorruptReport: async (id, seq, createdAt) => {
      // Test-only back door: the raw connection, to plant a row that the schema rejects.
      const db = (store.reports as unknown as { db: Database }).db;
      db.prepare(
        `INSERT INTO reports (id, seq, version, created_at, status, reporter_ref, classified, classify_state,
           intake_stage, doc) VALUES (?, ?, 0, ?, 'new', 'x', 0, 'pending', 'acknowledged', ?)`,
      ).run(id, seq, createdAt.getTime(), JSON.stringify({ id, seq, text: 42 }));
    },
    dispose: () => store.close(),
  };
});
