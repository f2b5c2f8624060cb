/**
 * The MongoDB-wire server for a bench: TEST_MONGODB_URI or MONGODB_URI when set, else FerretDB 1.24
 * started like the tests do (scripts/ensure-ferretdb.sh), else a reason to skip.
 */
import { MongoClient } from "mongodb";
import { createMongoStore, type MongoStoreOptions } from "../../src/adapters/store/mongo/mongo-store";
import { silentLogger } from "../../src/ports/logger";
import type { Store } from "../../src/ports/store";
import { randomTestDbName, startMongoForTests, stopMongoForTests } from "../../test/support/mongo-server";

export interface MongoTarget {
  uri: string;
  flavor: string;
  /** Stops the FerretDB this started (no-op for a given URI). */
  stop(): Promise<void>;
}

export async function mongoTarget(): Promise<MongoTarget | { skip: string }> {
  const given = process.env.TEST_MONGODB_URI ?? process.env.MONGODB_URI;
  if (given)
    return {
      uri: given,
      flavor: process.env.TEST_MONGODB_URI ? "TEST_MONGODB_URI" : "MONGODB_URI",
      stop: () => Promise.resolve(),
    };
  try {
    await startMongoForTests();
  } catch (err) {
    return { skip: (err as Error).message };
  }
  const started = process.env.TEST_MONGODB_URI;
  if (started) return { uri: started, flavor: process.env.TEST_MONGODB_FLAVOR ?? "FerretDB", stop: stopMongoForTests };
  return { skip: process.env.TEST_MONGODB_SKIP_REASON ?? "no MongoDB server" };
}

/** A store on a database of its own, dropped afterwards; `work` also gets a raw client on the same database. */
export async function withMongoDatabase<T>(
  target: MongoTarget,
  prefix: string,
  options: Pick<MongoStoreOptions, "onCommand">,
  work: (store: Store, raw: MongoClient, dbName: string) => Promise<T>,
): Promise<T> {
  const dbName = randomTestDbName(prefix);
  const store = createMongoStore({ uri: target.uri, dbName, logger: silentLogger, ...options });
  const raw = new MongoClient(target.uri, { serverSelectionTimeoutMS: 5000 });
  try {
    await store.init();
    return await work(store, raw, dbName);
  } finally {
    await store.close();
    await raw
      .db(dbName)
      .dropDatabase()
      .catch(() => {});
    await raw.close();
  }
}
