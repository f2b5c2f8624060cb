/**
 * Builds the pieces both entry points (the service in main.ts and the admin CLI) need from the
 * parsed environment: the store, the redactor, the classifiers and the digest narrator. Each
 * function also says in one line what it chose and why, for the start-up log.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { createOfflineClassifier } from "./adapters/classifier-offline/offline-classifier";
import { llmConfigured } from "./adapters/llm/llm-configured";
import { createCircuitBreakerClassifier } from "./app/pipeline/llm-circuit-breaker";
import { createEmbeddedStore } from "./adapters/store/embedded/embedded-store";
import type { Env } from "./config/env";
import type { Catalogue } from "./domain/catalogue";
import type { DigestNarrator } from "./domain/digest-facts";
import type { Classifier } from "./ports/classifier";
import type { Logger } from "./ports/logger";
import type { Store } from "./ports/store";

export const PROJECT_ROOT = path.resolve(__dirname, "..");

/**
 * A module of this folder loaded when first used (a plain require: `import()` of a path without its
 * extension fails under tsx, which `npm start` uses). The MongoDB driver, the OpenAI SDK and the
 * chart libraries cost 7–8 MB of heap each in every thread that loads them.
 */
export function loadOnUse<T>(relativePath: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(relativePath) as T;
}

/**
 * `checkpointElsewhere`: the embedded store leaves WAL checkpoints to the classification thread (main.ts).
 * The MongoDB driver is loaded only when MONGODB_URI is set (about 7 MB of heap in every thread).
 */
export function storeFromEnv(
  env: Env,
  logger: Logger,
  options: { checkpointElsewhere?: boolean } = {},
): { store: Store; why: string } {
  if (env.MONGODB_URI) {
    const { createMongoStore } = loadOnUse<typeof import("./adapters/store/mongo/mongo-store")>(
      "./adapters/store/mongo/mongo-store",
    );
    return {
      store: createMongoStore({ uri: env.MONGODB_URI, dbName: env.MONGODB_DB, logger }),
      why: "MONGODB_URI set",
    };
  }
  return {
    store: createEmbeddedStore({
      dataDir: env.DATA_DIR,
      logger,
      synchronous: env.EMBEDDED_SYNC,
      checkpointElsewhere: options.checkpointElsewhere ?? false,
    }),
    why: "MONGODB_URI not set",
  };
}

export interface Classifiers {
  /** Always the offline classifier: fast, local, used to tell reports from chit-chat. */
  offline: Classifier;
  /** The configured one: LLM with the offline fallback, or the offline classifier. */
  classifier: Classifier;
  narrator: DigestNarrator | null;
  describe: string;
  /** Probes the LLM once for the structured-output mode it takes (start-up); one line for the log, null without an LLM. */
  prepare(): Promise<string | null>;
}

export function classifiersFromEnv(
  env: Env,
  catalogue: Catalogue,
  logger: Logger,
  rootDir = PROJECT_ROOT,
): Classifiers {
  const offline = createOfflineClassifier(catalogue);
  // The OpenAI SDK and the LLM adapters are loaded only when an LLM is configured.
  const llm = llmConfigured(env)
    ? loadOnUse<typeof import("./adapters/llm/client")>("./adapters/llm/client").createLlmClient(env)
    : null;
  if (!llm) {
    return {
      offline,
      classifier: offline,
      narrator: null,
      describe: "offline (no OPENAI_API_KEY, OPENAI_BASE_URL or AZURE_OPENAI_ENDPOINT set)",
      prepare: () => Promise.resolve(null),
    };
  }
  const { loadPrompt } = loadOnUse<typeof import("./adapters/llm/classify-prompt")>("./adapters/llm/classify-prompt");
  const { createLlmDigestNarrator, parseDigestPrompt } = loadOnUse<typeof import("./adapters/llm/digest-narrator")>(
    "./adapters/llm/digest-narrator",
  );
  const { createLlmClassifier } = loadOnUse<typeof import("./adapters/llm/llm-classifier")>(
    "./adapters/llm/llm-classifier",
  );
  const prompt = loadPrompt(path.join(rootDir, "prompts", "classify.md"));
  const llmClassifier = createLlmClassifier({
    client: llm.client,
    model: llm.model,
    promptTemplate: prompt.template,
    promptVersion: prompt.version,
    catalogue,
    fallback: offline,
    logger,
    timeoutMs: llm.timeoutMs,
    maxTokens: env.LLM_MAX_TOKENS,
    responseFormat: env.LLM_RESPONSE_FORMAT,
    tokenLimitParam: env.LLM_TOKEN_LIMIT_PARAM,
  });
  const classifier = createCircuitBreakerClassifier({
    llm: llmClassifier,
    offline,
    failureThreshold: env.LLM_BREAKER_FAILURES,
    coolDownMs: env.LLM_BREAKER_COOLDOWN_MS,
    logger,
  });
  const narrator = createLlmDigestNarrator({
    client: llm.client,
    model: llm.model,
    prompt: parseDigestPrompt(readFileSync(path.join(rootDir, "prompts", "digest.md"), "utf8")),
    tokenLimitParam: env.LLM_TOKEN_LIMIT_PARAM,
    logger,
  });
  return {
    offline,
    classifier,
    narrator,
    describe: `${llm.describe}, prompt ${prompt.version}, offline fallback, circuit breaker after ${env.LLM_BREAKER_FAILURES} failures`,
    prepare: () => llmClassifier.prepare(),
  };
}
