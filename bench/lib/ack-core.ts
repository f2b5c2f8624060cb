/**
 * The acknowledgement path as main.ts wires it, without the background jobs: real regex redactor,
 * real offline classifier as the gate, the demo triage service (its command check runs on every
 * message), the given store. No classification worker: classification is off the ack path.
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

export function ackPathCore(store: Store): BotCore {
  const catalogue = loadCatalogue();
  const config = loadTriageConfig(undefined, { systemIds: catalogue.systems.map((s) => s.id) });
  const offline = createOfflineClassifier(catalogue);
  const redactor = createRegexRedactor(catalogue);
  const deps: IntakeDeps = {
    store,
    redactor,
    gate: offline,
    classifier: offline,
    triage: createTriageService({ store, config, clock: systemClock, logger: silentLogger, catalogue, redactor }),
    catalogue,
    clock: systemClock,
    logger: silentLogger,
    anonymousSalt: "bench-salt",
    wakeClassifier: () => {},
    wakeOutbox: () => {},
    limits: DEFAULT_INTAKE_LIMITS,
  };
  return createBotCore(deps);
}
