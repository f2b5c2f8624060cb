/** A MongoDB store that cannot reach its server says so with a StorageError, quickly, without secrets. */
import net from "node:net";
import { createMongoStore, describeMongoUri } from "../../src/adapters/store/mongo/mongo-store";
import { silentLogger } from "../../src/ports/logger";

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("mongodb store: unreachable server", () => {
  it("ping() and init() reject with STORAGE_UNAVAILABLE naming the host but not the password", async () => {
    const port = await closedPort();
    const store = createMongoStore({
      uri: `mongodb://bot:s3cret@127.0.0.1:${port}/?directConnection=true`,
      dbName: "clinician_feedback",
      logger: silentLogger,
      serverSelectionTimeoutMS: 300,
    });
    try {
      for (const attempt of [() => store.ping(), () => store.init()]) {
        const err: unknown = await attempt().catch((e: unknown) => e);
        expect(err).toMatchObject({ code: "STORAGE_UNAVAILABLE" });
        expect((err as Error).message).toContain(`127.0.0.1:${port}`);
        expect((err as Error).message).not.toContain("s3cret");
      }
      expect(store.describe()).toBe(`mongodb (127.0.0.1:${port}/clinician_feedback)`);
    } finally {
      await store.close();
    }
  });

  it("describes URIs without credentials or options", () => {
    expect(describeMongoUri("mongodb+srv://u:p@cluster0.example.net/?retryWrites=true", "bot")).toBe(
      "mongodb (cluster0.example.net/bot)",
    );
    expect(describeMongoUri("mongodb://h1:27017,h2:27017/admin?replicaSet=rs0", "bot")).toBe(
      "mongodb (h1:27017,h2:27017/bot)",
    );
  });
});
