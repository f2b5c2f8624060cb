/**
 * The store contract against the MongoDB store, on the server from globalSetup: FerretDB 1.24 or
 * the MONGODB_URI given. Each test gets its own database, dropped afterwards.
 */
import { MongoClient } from "mongodb";
import { createMongoStore } from "../../src/adapters/store/mongo/mongo-store";
import { mongoTestTarget, randomTestDbName } from "../support/mongo-server";
import { describeStoreContract } from "./store-contract";

const target = mongoTestTarget();
let admin: MongoClient | null = null;

if (target.uri !== null) {
  const uri = target.uri;
  afterAll(async () => {
    await admin?.close();
  });
  describeStoreContract(`mongodb: ${target.flavor}`, async (logger) => {
    admin ??= new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
    const dbName = randomTestDbName();
    const store = createMongoStore({ uri, dbName, logger, serverSelectionTimeoutMS: 5000 });
    await store.init();
    return {
      store,
      writeCorruptReport: async (id, seq, createdAt) => {
        await admin!
          .db(dbName)
          .collection<{ _id: string; [field: string]: unknown }>("reports")
          .insertOne({
            _id: id,
            id,
            seq,
            version: 0,
            createdAt,
            text: 42,
            classifyJob: { state: "pending", attempts: 0, claimedBy: null, leaseUntil: null },
          });
      },
      dispose: async () => {
        await store.close();
        await admin!.db(dbName).dropDatabase();
      },
    };
  });
} else {
  describeStoreContract("mongodb", null, target.skipReason);
}
