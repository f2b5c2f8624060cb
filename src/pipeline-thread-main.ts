/**
 * The entry point of the classification thread (src/jobs/pipeline-thread.ts): a second composition
 * root, because a worker thread has a module graph and heap of its own. It builds what the pipeline
 * needs from the same environment as main.ts — its own store connection, the classifiers (model
 * weights and name lists loaded once, here), the redactor and the triage service — and runs the
 * classification worker on it. Channels are not here: what the pipeline sends goes through the
 * outbox, which the event loop's dispatcher delivers (`wake-outbox` tells it to look).
 */
import { readlinkSync, writeSync } from "node:fs";
import os from "node:os";
import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import { DEFAULT_INTAKE_LIMITS, type IntakeDeps } from "./app/intake/intake-deps";
import { createTriageService } from "./app/triage/triage-service";
import { warmUpTextPath } from "./app/pipeline/warm-up";
import { storeOverPort } from "./adapters/store/store-over-port";
import { createEmbeddedStore, startCheckpointer } from "./adapters/store/embedded/embedded-store";
import { createRegexRedactor } from "./adapters/redaction/regex-redactor";
import { createLogger, type LogFormat } from "./adapters/pino-logger";
import { classifiersFromEnv, storeFromEnv } from "./compose-from-env";
import { loadCatalogue } from "./config/catalogue";
import { parseEnv } from "./config/env";
import { itsmSettings } from "./config/itsm-env";
import { loadTriageConfig } from "./config/triage-config";
import { startClassificationWorker } from "./jobs/classification-worker";
import type { FromPipelineThread, ToPipelineThread } from "./jobs/pipeline-thread";
import { systemClock } from "./ports/clock";
import { connectStore } from "./store-startup";

export interface PipelineThreadData {
  owner: string;
  leaseMs: number;
  anonymousSalt: string;
  logFormat: LogFormat;
  /**
   * The event loop's embedded store, served on this port (store-over-port.ts): SQLite stays with one
   * writer. Absent with MongoDB, where the thread opens a connection of its own.
   */
  storePort?: MessagePort;
  storeDescription?: string;
}

/** Nice value of this thread (Linux): the event loop that answers nurses comes first for the CPU. */
export const PIPELINE_THREAD_NICE = 10;

/**
 * Lowers this thread's CPU priority where the OS allows it per thread (Linux: setpriority on the
 * thread id, read from /proc/thread-self). Elsewhere, or when refused, the thread runs as it is.
 */
function lowerOwnPriority(): string {
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (!Number.isInteger(tid) || tid <= 0) return "not lowered (no thread id)";
    os.setPriority(tid, PIPELINE_THREAD_NICE);
    return `nice ${os.getPriority(tid)}`;
  } catch (err) {
    return `not lowered (${(err as Error).message})`;
  }
}

async function run(port: NonNullable<typeof parentPort>, data: PipelineThreadData): Promise<void> {
  const post = (message: FromPipelineThread) => port.postMessage(message);
  const priority = lowerOwnPriority();
  const env = parseEnv(process.env);
  const logger = createLogger(env.LOG_LEVEL, undefined, data.logFormat).child({ thread: "classification" });
  logger.debug({ priority }, "classification thread priority");
  const catalogue = loadCatalogue(env.CATALOGUE_FILE);
  const config = loadTriageConfig(env.TRIAGE_CONFIG_FILE, { systemIds: catalogue.systems.map((s) => s.id) });
  // Embedded: writes through the event loop's store, reads on a read-only handle of the same file.
  const store = data.storePort
    ? storeOverPort(
        data.storePort,
        { kind: "embedded", description: data.storeDescription ?? "embedded" },
        createEmbeddedStore({ dataDir: env.DATA_DIR, logger, readOnly: true }),
      )
    : await connectStore(() => storeFromEnv(env, logger).store, logger);
  const classifiers = classifiersFromEnv(env, catalogue, logger);
  const redactor = createRegexRedactor(catalogue);
  await warmUpTextPath(redactor, classifiers.offline);
  // The LLM's structured-output mode, probed once in this thread (it logs its own line).
  void classifiers.prepare();
  const wakeOutbox = () => post({ type: "wake-outbox" });
  const itsm = itsmSettings(env);
  const triage = createTriageService({
    store,
    config,
    clock: systemClock,
    logger,
    catalogue,
    redactor,
    wakeOutbox,
    // Triage actions (who may press a button) are the event loop's; the pipeline authorises nothing.
    directory: null,
    timeZone: env.DIGEST_TIMEZONE,
    itsm: itsm.kind === "none" ? null : itsm.kind,
  });
  const deps: IntakeDeps = {
    store,
    redactor,
    gate: classifiers.offline,
    classifier: classifiers.classifier,
    triage,
    catalogue,
    clock: systemClock,
    logger,
    anonymousSalt: data.anonymousSalt,
    wakeClassifier: () => undefined,
    wakeOutbox,
    limits: DEFAULT_INTAKE_LIMITS,
  };
  // The embedded store's WAL is checkpointed here, off the event loop (main.ts opened it so).
  const checkpointer = data.storePort ? startCheckpointer(env.DATA_DIR, logger) : null;
  const loop = startClassificationWorker(deps, { owner: data.owner, leaseMs: data.leaseMs });
  port.on("message", (message: ToPipelineThread) => {
    if (message.type === "wake") loop.wake();
    else if (message.type === "idle") void loop.idle().then(() => post({ type: "idle" }));
    else if (message.type === "stop")
      void loop
        .stop()
        .then(() => {
          checkpointer?.stop();
          return store.close();
        })
        .finally(() => post({ type: "stopped" }));
  });
  post({ type: "ready" });
}

if (parentPort) {
  const port = parentPort;
  run(port, workerData as PipelineThreadData).catch((err: unknown) => {
    // The supervisor logs the exit and starts a new thread; this says why.
    writeSync(2, `classification thread could not start: ${(err as Error).message}\n`);
    process.exit(1);
  });
}
