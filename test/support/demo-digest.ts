/**
 * The digest of `seed-demo --weeks 12` data, built the way the service builds it: demo reports run
 * through the real redactor and offline classifier into an in-memory embedded store, then buildDigest
 * for the last complete week. Deterministic for the fixed "now" and seed.
 */
import { createOfflineClassifier } from "../../src/adapters/classifier-offline/offline-classifier";
import { createRegexRedactor } from "../../src/adapters/redaction/regex-redactor";
import { createEmbeddedStore } from "../../src/adapters/store/embedded/embedded-store";
import { buildDigest } from "../../src/app/digest/build-digest";
import { seedDemo } from "../../src/app/admin/seed-demo";
import { defaultCatalogue } from "../../src/config/catalogue";
import type { Digest } from "../../src/domain/digest";
import { lastCompleteWeek } from "../../src/domain/iso-week";
import { silentLogger } from "../../src/ports/logger";

export const DEMO_NOW = new Date("2026-11-25T10:00:00Z");

export async function demoDigest(options: { weeks?: number; seed?: number; now?: Date } = {}): Promise<Digest> {
  const now = options.now ?? DEMO_NOW;
  const store = createEmbeddedStore({ dataDir: ":memory:", logger: silentLogger });
  await store.init();
  try {
    const catalogue = defaultCatalogue();
    await seedDemo(
      {
        store,
        redactor: createRegexRedactor(catalogue),
        classifier: createOfflineClassifier(catalogue),
        clock: { now: () => now },
        logger: silentLogger,
      },
      {
        weeks: options.weeks ?? 12,
        seed: options.seed ?? 42,
        timeZone: "UTC",
        units: catalogue.units.map((u) => u.name),
      },
    );
    return await buildDigest(
      { reports: store.reports, catalogue, narrator: null, logger: silentLogger },
      lastCompleteWeek(now, "UTC"),
      now,
    );
  } finally {
    await store.close();
  }
}
