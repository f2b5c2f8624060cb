/**
 * What admin commands work with, opened from the environment the same way the service does:
 * the configured store (MONGODB_URI → MongoDB, else the embedded store in DATA_DIR), the catalogue,
 * the redactor, the configured classifier (LLM with the offline fallback, or offline) and the
 * digest narrator — built by the same compose-from-env functions as the service. Logs go to
 * stderr so stdout carries only the command's output.
 */
import pino from "pino";
import { createRegexRedactor } from "../adapters/redaction/regex-redactor";
import { classifiersFromEnv, storeFromEnv } from "../compose-from-env";
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

export async function openCliContext(env: Env, options: CliContextOptions): Promise<CliContext> {
  const logger = createCliLogger(options.logLevel, options.logStream);
  const catalogue = loadCatalogue(env.CATALOGUE_FILE);
  const { store } = storeFromEnv(env, logger);
  try {
    await store.init();
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
  const { classifier, narrator } = classifiersFromEnv(env, catalogue, logger, options.rootDir);
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
        throw new AppError(
          "CHANNEL_SEND_FAILED",
          "No channel can deliver the digest from the CLI: set MICROSOFT_APP_ID (Teams) or SLACK_BOT_TOKEN (Slack); in demo mode the web page shows the digest",
        );
      return senders;
    },
    close: () => store.close(),
  };
}
