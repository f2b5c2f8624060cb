/**
 * The core and the classification pipeline as main.ts wires them, on a given store, without HTTP:
 * real redactor, offline classifier, triage with the default configuration. `wake.outbox` can be
 * pointed at a running dispatcher.
 */
import { createOfflineClassifier } from "../../src/adapters/classifier-offline/offline-classifier";
import { createRegexRedactor } from "../../src/adapters/redaction/regex-redactor";
import { createBotCore } from "../../src/app/intake/bot-core-service";
import type { BotCore } from "../../src/app/intake/core-types";
import { DEFAULT_INTAKE_LIMITS, type IntakeDeps } from "../../src/app/intake/intake-deps";
import { createTriageService } from "../../src/app/triage/triage-service";
import { loadCatalogue } from "../../src/config/catalogue";
import { loadTriageConfig } from "../../src/config/triage-config";
import { systemClock } from "../../src/ports/clock";
import { silentLogger } from "../../src/ports/logger";
import type { Store } from "../../src/ports/store";

export interface PipelineDeps {
  core: BotCore;
  intake: IntakeDeps;
  wake: { outbox: () => void };
}

export function createClassificationDeps(store: Store): PipelineDeps {
  const catalogue = loadCatalogue();
  const config = loadTriageConfig(undefined, { systemIds: catalogue.systems.map((s) => s.id) });
  const offline = createOfflineClassifier(catalogue);
  const redactor = createRegexRedactor(catalogue);
  const wake = { outbox: () => {} };
  const intake: IntakeDeps = {
    store,
    redactor,
    gate: offline,
    classifier: offline,
    triage: createTriageService({
      store,
      config,
      clock: systemClock,
      logger: silentLogger,
      catalogue,
      redactor,
      wakeOutbox: () => wake.outbox(),
    }),
    catalogue,
    clock: systemClock,
    logger: silentLogger,
    anonymousSalt: "bench-salt",
    wakeClassifier: () => {},
    wakeOutbox: () => wake.outbox(),
    limits: DEFAULT_INTAKE_LIMITS,
  };
  return { core: createBotCore(intake), intake, wake };
}
