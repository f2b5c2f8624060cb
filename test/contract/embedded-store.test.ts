/** The store contract against the embedded SQLite store (in memory, fresh per test). */
import { createEmbeddedStore } from "../../src/adapters/store/embedded/embedded-store";
import { plantCorruptReport } from "./embedded-back-door";
import { describeStoreContract } from "./store-contract";

describeStoreContract("embedded", async (logger) => {
  const store = createEmbeddedStore({ dataDir: ":memory:", logger });
  await store.init();
  return {
    store,
    writeCorruptReport: (id, seq, createdAt) => plantCorruptReport(store, id, seq, createdAt),
    dispose: () => store.close(),
  };
});
