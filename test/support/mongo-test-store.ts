/**
 * For any test that needs a real MongoDB-wire store: a fresh database of its own on the server
 * started by globalSetup (FerretDB or MONGODB_URI), dropped by `drop()`. Null (with the reason)
 * when no server is available: skip that test loudly, as test/contract/mongo-store.test.ts does.
 */
import { MongoClient } from "mongodb";
import { createMongoStore } from "../../src/adapters/store/mongo/mongo-store";
import type { Logger } from "../../src/ports/logger";
import type { Store } from "../../src/ports/store";
import { mongoTestTarget, randomTestDbName } from "./mongo-server";

export interface MongoTestStore {
  store: Store;
  dbName: string;
  /** Closes the store and drops its database. */
  drop(): Promise<void>;
}

export async function openMongoTestStore(logger: Logger): Promise<MongoTestStore | { skipReason: string }> {
  const target = mongoTestTarget();
  if (target.uri === null) return { skipReason: target.skipReason };
  const uri = target.uri;
  const dbName = randomTestDbName();
  const store = createMongoStore({ uri, dbName, logger, serverSelectionTimeoutMS: 5000 });
  await store.init();
  return {
    store,
    dbName,
    drop: async () => {
      await store.close();
      const admin = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
      try {
        await admin.db(dbName).dropDatabase();
      } finally {
        await admin.close();
      }
    },
  };
}
