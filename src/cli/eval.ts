/**
 * `npm run eval -- --data FILE.jsonl [--classifier offline|llm] [--concurrency N]`
 *
 * Redacts and classifies every labelled sample, prints a human report, and as the LAST line one
 * JSON object: {"n","isReport","isReportNonReports","kind","system","severity","patientSafety",
 * "location","phiRecall","phiLeaks","nonPhiRedacted","lookalikesRedacted","promptTokens","llmAnswered",
 * "safetyFlagRate"} (accuracies as fractions 0..1; llmAnswered only for --classifier llm;
 * safetyFlagRate: the share of gold reports the classifier flagged patient safety). The llm classifier
 * uses the LLM settings of the environment (see config/env.ts) and falls back to the offline one.
 * Every answer is raised to the safety floor, as the service stores it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { Command, CommanderError, InvalidArgumentError } from "commander";
import pino from "pino";
import { createOfflineClassifier } from "../adapters/classifier-offline/offline-classifier";
import { loadPrompt } from "../adapters/llm/classify-prompt";
import { createRegexRedactor } from "../adapters/redaction/regex-redactor";
import { classifiersFromEnv } from "../compose-from-env";
import { loadCatalogue } from "../config/catalogue";
import { parseEnv } from "../config/env";
import { loadEnvFile } from "../config/env-file";
import type { Catalogue } from "../domain/catalogue";
import { AppError, ConfigError } from "../domain/errors";
import type { Classifier } from "../ports/classifier";
import type { Logger } from "../ports/logger";
import { parseLabelledJsonl } from "./eval-data";
import { renderEvalReport } from "./eval-report";
import { classifySamples, medianPromptTokens } from "./eval-run";
import { scoreEval, scoresLine } from "./eval-score";

export interface EvalIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  /** Project root (for prompts/); default: two levels above this file. */
  rootDir?: string;
}

interface EvalArgs {
  data: string;
  classifier: "offline" | "llm";
  concurrency?: number;
}

function parseArgs(argv: string[], io: EvalIo): EvalArgs {
  const program = new Command("eval")
    .description("Score redaction and classification against a labelled JSONL file")
    .requiredOption("--data <file>", "labelled samples, one JSON object per line")
    .option("--classifier <kind>", "offline or llm", (v) => {
      if (v !== "offline" && v !== "llm") throw new InvalidArgumentError("must be offline or llm");
      return v;
    })
    .option("--concurrency <n>", "samples classified at once", (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 32) throw new InvalidArgumentError("must be a whole number 1..32");
      return n;
    })
    .exitOverride()
    .configureOutput({ writeOut: (t) => io.stdout(t), writeErr: () => undefined });
  program.parse(argv, { from: "user" });
  const opts = program.opts<{ data: string; classifier?: "offline" | "llm"; concurrency?: number }>();
  return { data: opts.data, classifier: opts.classifier ?? "offline", concurrency: opts.concurrency };
}

function buildClassifier(
  args: EvalArgs,
  io: EvalIo,
  catalogue: Catalogue,
  logger: Logger,
  rootDir: string,
): { classifier: Classifier; label: string; prepare: () => Promise<string | null> } {
  if (args.classifier === "offline")
    return { classifier: createOfflineClassifier(catalogue), label: "offline", prepare: () => Promise.resolve(null) };
  const built = classifiersFromEnv(parseEnv(io.env), catalogue, logger, rootDir);
  if (built.classifier === built.offline)
    throw new ConfigError([
      "--classifier llm needs an LLM: set OPENAI_API_KEY and/or OPENAI_BASE_URL, or AZURE_OPENAI_ENDPOINT with its key and deployment",
    ]);
  return { classifier: built.classifier, label: `llm (${built.describe})`, prepare: () => built.prepare() };
}

/** Returns the process exit code: 0 done, 1 bad input or configuration. */
export async function runEvalCommand(argv: string[], io: EvalIo): Promise<number> {
  try {
    const args = parseArgs(argv, io);
    const rootDir = io.rootDir ?? path.resolve(__dirname, "..", "..");
    const logger: Logger = pino(
      { level: io.env.LOG_LEVEL ?? "warn", base: { cmd: "eval" } },
      { write: (s: string) => io.stderr(s) },
    );
    let content: string;
    try {
      content = readFileSync(args.data, "utf8");
    } catch (err) {
      throw new AppError(
        "BAD_REQUEST",
        `cannot read --data ${args.data}: ${(err as NodeJS.ErrnoException).code ?? "unknown error"}`,
      );
    }
    const samples = parseLabelledJsonl(content, args.data);
    const catalogue = loadCatalogue(io.env.CATALOGUE_FILE);
    const prompt = loadPrompt(path.join(rootDir, "prompts", "classify.md"));
    const redactor = createRegexRedactor(catalogue);
    const { classifier, label, prepare } = buildClassifier(args, io, catalogue, logger, rootDir);
    const mode = await prepare();
    if (mode) io.stderr(`${mode}\n`);
    const started = Date.now();
    const items = await classifySamples({
      samples,
      redactor,
      classifier,
      logger,
      concurrency: args.concurrency ?? (args.classifier === "llm" ? 4 : 8),
    });
    const summary = scoreEval(items, medianPromptTokens(samples, redactor, catalogue, prompt.template), {
      llm: args.classifier === "llm",
    });
    const seconds = (Date.now() - started) / 1000;
    io.stdout(`${renderEvalReport(summary, { classifier: label, data: args.data })}\n`);
    io.stdout(`Time: ${seconds.toFixed(1)} s, ${(seconds / samples.length).toFixed(2)} s per message\n`);
    io.stdout(`${scoresLine(summary.scores)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError && err.exitCode === 0) return 0; // --help
    const message = err instanceof Error ? err.message : String(err);
    io.stderr(`eval: ${message}\n`);
    return 1;
  }
}

if (require.main === module) {
  try {
    loadEnvFile(process.env); // the LLM settings may live in ./.env, as for the service
  } catch (err) {
    process.stderr.write(`eval: ${(err as Error).message}\n`);
    process.exit(1);
  }
  void runEvalCommand(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
  }).then((code) => {
    process.exitCode = code;
  });
}
