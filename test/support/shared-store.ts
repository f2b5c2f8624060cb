/**
 * Two connections to one store, as two service instances would have: one SQLite file opened twice,
 * or one MongoDB database through two clients. `legs` lists the ones that can run here (the MongoDB
 * leg needs a server: FerretDB started by the tests, or MONGODB_URI); `skipReason` says why not.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { MongoClient } from "mongodb";
import { createEmbeddedStore } from "../../src/adapters/store/embedded/embedded-store";
import { createMongoStore } from "../../src/adapters/store/mongo/mongo-store";
import { silentLogger } from "../../src/ports/logger";
import type { Store } from "../../src/ports/store";
import { mongoTestTarget, randomTestDbName } from "./mongo-server";

export interface SharedStore {
  a: Store;
  b: Store;
  dispose(): Promise<void>;
}

export type Opener = () => Promise<SharedStore>;

/** How each connection is handed to the test (e.g. wrapped to slow its queries down). */
type Wrap = (store: Store, flavour: "embedded" | "mongodb") => Store;

function openEmbedded(prefix: string, wrap: Wrap): Opener {
  return async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
    const a = createEmbeddedStore({ dataDir: dir, logger: silentLogger });
    await a.init();
    const b = createEmbeddedStore({ dataDir: dir, logger: silentLogger });
    await b.init();
    return {
      a: wrap(a, "embedded"),
      b: wrap(b, "embedded"),
      dispose: async () => {
        await a.close();
        await b.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  };
}

function openMongo(uri: string, prefix: string, wrap: Wrap): Opener {
  return async () => {
    const dbName = randomTestDbName(prefix);
    const a = createMongoStore({ uri, dbName, logger: silentLogger, serverSelectionTimeoutMS: 5000 });
    await a.init();
    const b = createMongoStore({ uri, dbName, logger: silentLogger, serverSelectionTimeoutMS: 5000 });
    await b.init();
    return {
      a: wrap(a, "mongodb"),
      b: wrap(b, "mongodb"),
      dispose: async () => {
        await a.close();
        await b.close();
        const admin = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
        try {
          await admin.db(dbName).dropDatabase();
        } finally {
          await admin.close();
        }
      },
    };
  };
}

export function sharedStoreLegs(
  prefix: string,
  wrap: Wrap = (store) => store,
): { legs: [string, Opener][]; skipReason: string | null } {
  const target = mongoTestTarget();
  const legs: [string, Opener][] = [["embedded (one SQLite file, two connections)", openEmbedded(prefix, wrap)]];
  if (target.uri === null) return { legs, skipReason: target.skipReason };
  legs.push([`mongodb: ${target.flavor} (one database, two clients)`, openMongo(target.uri, prefix, wrap)]);
  return { legs, skipReason: null };
}
