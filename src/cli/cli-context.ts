/**
 * What admin commands work with, opened from the environment the same way the service does:
 * the configured store (MONGODB_URI → MongoDB, else the embedded store in DATA_DIR), the catalogue,
 * the redactor, the configured classifier (LLM with the offline fallback, or offline) and the
 * digest narrator. Logs go to stderr so stdout carries only the command's output.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import pino from "pino";
import { createOfflineClassifier } from "../adapters/classifier-offline/offline-classifier";
import { createLlmClient } from "../adapters/llm/client";
import { createLlmDigestNarrator, parseDigestPrompt } from "../adapters/llm/digest-narrator";
import { loadPrompt } from "../adapters/llm/classify-prompt";
import { createLlmClassifier } from "../adapters/llm/llm-classifier";
import { createRegexRedactor } from "../adapters/redaction/regex-redactor";
import { createEmbeddedStore } from "../adapters/store/embedded/embedded-store";
import { createMongoStore } from "../adapters/store/mongo/mongo-store";
import { loadCatalogue } from "../config/catalogue";
import type { Env } from "../config/env";
import type { Catalogue } from "../domain/catalogue";
import type { DigestNarrator } from "../domain/digest-facts";
import { AppError } from "../domain/errors";
import type { ChannelSender } from "../ports/channel";
import type { Classifier } from "../ports/classifier";
import type { Clock } from "../ports/clock";
import type { Logger } from "../ports/logger";
import type { Redactor } from "../ports/redactor";
import type { Store } from "../ports/store";

export interface CliContext {
  env: Env;
  store: Store;
  catalogue: Catalogue;
  redactor: Redactor;
  /** The configured classifier (what the service would use). */
  classifier: Classifier;
  narrator: DigestNarrator | null;
  logger: Logger;
  clock: Clock;
  /** Name in digest-run claims and leases. */
  owner: string;
  /** Channel senders for `digest --send`; throws when no channel is configured. */
  senders(): Promise<ChannelSender[]>;
  close(): Promise<void>;
}

export interface CliContextOptions {
  clock: Clock;
  /** Where logs go (stderr). */
  logStream: { write(chunk: string): unknown };
  /** LOG_LEVEL when set explicitly; commands default to "warn" to keep their output readable. */
  logLevel: string;
  /** Builds channel senders from the environment (wired by main; see the lead's composition root). */
  buildSenders?: (env: Env, store: Store, logger: Logger) => Promise<ChannelSender[]>;
  /** Root of the project (for prompts/); defaults to two levels above this file. */
  rootDir?: string;
}

export function createCliLogger(level: string, stream: { write(chunk: string): unknown }): Logger {
  return pino({ level, base: { service: "clinician-feedback-bot-cli" } }, { write: (s: string) => stream.write(s) });
}

function buildClassifiers(env: Env, catalogue: Catalogue, logger: Logger, rootDir: string) {
  const offline = createOfflineClassifier(catalogue);
  const llm = createLlmClient(env);
  if (!llm) return { classifier: offline, narrator: null };
  const classify = loadPrompt(path.join(rootDir, "prompts", "classify.md"));
  const digestFile = path.join(rootDir, "prompts", "digest.md");
  const digestPrompt = parseDigestPrompt(readFileSync(digestFile, "utf8"), digestFile);
  const classifier = createLlmClassifier({
    client: llm.client,
    model: llm.model,
    promptTemplate: classify.template,
    promptVersion: classify.version,
    catalogue,
    fallback: offline,
    logger,
    timeoutMs: llm.timeoutMs,
  });
  const narrator = createLlmDigestNarrator({
    client: llm.client,
    model: llm.model,
    prompt: digestPrompt,
    timeoutMs: llm.timeoutMs,
  });
  return { classifier, narrator };
}

export async function openCliContext(env: Env, options: CliContextOptions): Promise<CliContext> {
  const logger = createCliLogger(options.logLevel, options.logStream);
  const rootDir = options.rootDir ?? path.resolve(__dirname, "..", "..");
  const catalogue = loadCatalogue(env.CATALOGUE_FILE);
  const store = env.MONGODB_URI
    ? createMongoStore({ uri: env.MONGODB_URI, dbName: env.MONGODB_DB, logger })
    : createEmbeddedStore({ dataDir: env.DATA_DIR, logger });
  try {
    await store.init();
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
  const { classifier, narrator } = buildClassifiers(env, catalogue, logger, rootDir);
  return {
    env,
    store,
    catalogue,
    redactor: createRegexRedactor(catalogue),
    classifier,
    narrator,
    logger,
    clock: options.clock,
    owner: env.INSTANCE_ID ?? `cli-${process.pid}`,
    async senders() {
      const senders = options.buildSenders ? await options.buildSenders(env, store, logger) : [];
      if (senders.length === 0)
        throw new AppError("CHANNEL_SEND_FAILED", "No channel is configured to deliver the digest (Teams or Slack)");
      return senders;
    },
    close: () => store.close(),
  };
}
