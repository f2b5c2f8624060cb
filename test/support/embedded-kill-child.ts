/**
 * Child process for the durability test: writes to the embedded store in DATA_DIR (argv[2]),
 * prints "acked" once every write has returned, then kills itself with SIGKILL (no clean close).
 */
import { createEmbeddedStore } from "../../src/adapters/store/embedded/embedded-store";
import { silentLogger } from "../../src/ports/logger";
import { buildReport } from "../fixtures/build-report";

async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error("usage: embedded-kill-child DATA_DIR");
  const store = createEmbeddedStore({ dataDir, logger: silentLogger });
  await store.init();
  const seq = await store.reports.nextSeq();
  await store.reports.insert(buildReport({ seq, createdAt: new Date("2025-03-03T10:00:00Z") }));
  await store.idempotency.firstTime("evt-acked", new Date("2025-03-03T10:00:00Z"));
  process.stdout.write(`acked ${seq}\n`, () => process.kill(process.pid, "SIGKILL"));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
