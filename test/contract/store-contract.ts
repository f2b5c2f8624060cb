/**
 * THE store contract: one suite, run against every Store implementation (embedded SQLite and
 * MongoDB wire). Each test gets a fresh, initialised, empty store.
 */
import { reportStoreContract } from "./report-store-contract";
import { sideStoresContract } from "./side-stores-contract";
import { capturingLogger, type MakeStore, type StoreUnderTest } from "./store-under-test";

export interface ContractContext {
  sut(): StoreUnderTest;
  logs(): ReturnType<typeof capturingLogger>["entries"];
}

/** `makeStore` null means the store is unavailable: the suite is skipped and `skipReason` said loudly. */
export function describeStoreContract(name: string, makeStore: MakeStore | null, skipReason?: string): void {
  if (makeStore === null) {
    const line = `!!! store contract [${name}] SKIPPED: ${skipReason ?? "store unavailable"} !!!`;
    console.warn(`\n${"!".repeat(line.length)}\n${line}\n${"!".repeat(line.length)}\n`);
    describe.skip(`store contract [${name}] (skipped: ${skipReason ?? "unavailable"})`, () => {
      it("is skipped", () => undefined);
    });
    return;
  }
  describe(`store contract [${name}]`, () => {
    let current: StoreUnderTest | null = null;
    let logger = capturingLogger();
    beforeAll(() => {
      console.info(`store contract: running against [${name}]`);
    });
    beforeEach(async () => {
      logger = capturingLogger();
      current = await makeStore(logger);
    });
    afterEach(async () => {
      await current?.dispose();
      current = null;
    });
    const ctx: ContractContext = {
      sut: () => {
        if (!current) throw new Error("store not ready");
        return current;
      },
      logs: () => logger.entries,
    };

    it("describes itself, initialises idempotently and answers ping", async () => {
      const { store } = ctx.sut();
      expect(["embedded", "mongodb"]).toContain(store.kind);
      expect(store.describe()).toMatch(/\S/);
      expect(store.describe()).not.toMatch(/:[^/@\s]+@/); // no password in the description
      await store.init();
      await expect(store.ping()).resolves.toBeUndefined();
    });

    reportStoreContract(ctx);
    sideStoresContract(ctx);
  });
}
