/** Builds the real intake core on an in-memory embedded store, with a scripted classifier and a fake clock. */
import { createBotCore } from "../../src/app/intake/bot-core-service";
import { classifyClaimedReport } from "../../src/app/pipeline/classify-report";
import type { InboundMessage, Sender } from "../../src/app/intake/core-types";
import { DEFAULT_INTAKE_LIMITS, type IntakeDeps } from "../../src/app/intake/intake-deps";
import { createEmbeddedStore } from "../../src/adapters/store/embedded/embedded-store";
import { loadCatalogue } from "../../src/config/catalogue";
import { loadTriageConfig, type TriageConfig } from "../../src/config/triage-config";
import { createTriageService } from "../../src/app/triage/triage-service";
import { asRedacted } from "../../src/domain/redacted-text";
import { silentLogger } from "../../src/ports/logger";
import type { Redactor } from "../../src/ports/redactor";
import { ScriptedClassifier } from "../fakes/scripted-classifier";

export class FakeClock {
  constructor(public current = new Date("2026-11-23T08:00:00Z")) {}
  now = (): Date => new Date(this.current);
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Enough redaction for flow tests: MRNs only. Redaction quality is tested on the real redactor. */
export const mrnRedactor: Redactor = {
  redact(raw) {
    let n = 0;
    const text = raw.replace(/\bMRN\s*\d+/gi, () => {
      n += 1;
      return "[MRN]";
    });
    return { text: asRedacted(text), counts: n ? { MRN: n } : {} };
  },
};

export async function intakeHarness(overrides: Partial<IntakeDeps> = {}) {
  const store = createEmbeddedStore({ dataDir: ":memory:", logger: silentLogger });
  await store.init();
  const clock = new FakeClock();
  const classifier = new ScriptedClassifier();
  const gate = new ScriptedClassifier().when("thanks", { isReport: false }).when("hello", { isReport: false });
  const deps: IntakeDeps = {
    store,
    redactor: mrnRedactor,
    gate,
    classifier,
    triage: null,
    catalogue: loadCatalogue(),
    clock,
    logger: silentLogger,
    anonymousSalt: "test-salt",
    wakeClassifier: () => {},
    wakeOutbox: () => {},
    limits: DEFAULT_INTAKE_LIMITS,
    ...overrides,
  };
  return { deps, store, clock, classifier, gate, core: createBotCore(deps) };
}

export type IntakeHarness = Awaited<ReturnType<typeof intakeHarness>>;

/** The intake harness with the real triage service (default: the demo configuration, web chat room "triage"). */
export async function intakeWithTriage(config?: TriageConfig) {
  const h = await intakeHarness();
  const triage = createTriageService({
    store: h.store,
    config: config ?? loadTriageConfig(undefined, { systemIds: h.deps.catalogue.systems.map((s) => s.id) }),
    clock: h.clock,
    logger: silentLogger,
    catalogue: h.deps.catalogue,
    redactor: h.deps.redactor,
  });
  const deps = { ...h.deps, triage };
  return { ...h, deps, core: createBotCore(deps) };
}

/** Classifies the next stored report as the worker would. */
export async function classifyNext(h: Pick<IntakeHarness, "store" | "clock" | "deps">) {
  const claimed = await h.store.reports.claimForClassification("test", h.clock.now(), 60_000);
  if (!claimed) throw new Error("nothing to classify");
  return classifyClaimedReport(h.deps, claimed);
}

export function sender(userId = "U1", overrides: Partial<Sender> = {}): Sender {
  return {
    channel: "slack",
    userId,
    userName: `Nurse ${userId}`,
    conversationKey: `slack:T1:${userId}`,
    direct: true,
    ...overrides,
  };
}

export function message(text: string, overrides: Partial<InboundMessage> = {}): InboundMessage {
  return { sender: sender(), text, attachments: 0, ...overrides };
}
