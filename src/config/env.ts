/**
 * Every environment variable the service reads, documented and validated once at start.
 * `parseEnv` lists every problem in plain words (ConfigError); main prints them and exits 1.
 * Keep .env.example in step with this file (a unit test checks they name the same variables).
 */
import { z } from "zod";
import { ConfigError } from "../domain/errors";

const blankToUndefined = (v: unknown): unknown => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalString = z.preprocess(blankToUndefined, z.string().optional());
const optionalUrl = (what: string) =>
  z.preprocess(blankToUndefined, z.url({ message: `must be a URL (${what})` }).optional());
const bool = (fallback: boolean) =>
  z
    .preprocess(blankToUndefined, z.enum(["true", "false", "1", "0", "yes", "no"]).optional())
    .transform((v) => (v === undefined ? fallback : ["true", "1", "yes"].includes(v)));
const int = (fallback: number, min: number, max: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ message: "must be a whole number" })
      .int({ message: "must be a whole number" })
      .min(min, { message: `must be at least ${min}` })
      .max(max, { message: `must be at most ${max}` })
      .default(fallback),
  );

export const EnvSchema = z.object({
  /** HTTP port of the one server (Bot Framework, Slack, web chat, health). */
  PORT: int(3978, 0, 65535),
  /** Interface to bind. Defaults to 127.0.0.1; a public bind needs MICROSOFT_APP_ID or ALLOW_UNAUTHENTICATED_BIND. */
  HOST: z.preprocess(blankToUndefined, z.string().default("127.0.0.1")),
  /** Allow binding a non-loopback HOST without Bot Framework authentication (e.g. behind a trusted proxy). */
  ALLOW_UNAUTHENTICATED_BIND: bool(false),
  /** Public URL of this service, used for chart images in cards and the Slack/Teams endpoints. */
  PUBLIC_BASE_URL: optionalUrl("e.g. https://feedback.example-hospital.org"),
  LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  ),
  /** auto: readable lines in a terminal, JSON when not a TTY; json or text force one. */
  LOG_FORMAT: z.preprocess(blankToUndefined, z.enum(["auto", "json", "text"]).default("auto")),
  /** MongoDB (or Cosmos DB for MongoDB) connection string. Unset: the embedded store in DATA_DIR. */
  MONGODB_URI: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, { message: "must start with mongodb:// or mongodb+srv://" })
      .optional(),
  ),
  MONGODB_DB: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[^/\\. "$]+$/, { message: "is not a valid database name" })
      .default("clinician_feedback"),
  ),
  /** Directory of the embedded store and other local state. */
  DATA_DIR: z.preprocess(blankToUndefined, z.string().default("./data")),
  /** Embedded store flushing: "normal" survives a process crash; "full" also a power cut, but is slower. */
  EMBEDDED_SYNC: z.preprocess(blankToUndefined, z.enum(["normal", "full"]).default("normal")),
  OPENAI_API_KEY: optionalString,
  /** Any OpenAI-compatible endpoint: OpenAI, Ollama (http://127.0.0.1:11434/v1), vLLM, a gateway. */
  OPENAI_BASE_URL: optionalUrl("an OpenAI-compatible API base, e.g. http://127.0.0.1:11434/v1"),
  OPENAI_MODEL: z.preprocess(blankToUndefined, z.string().default("gpt-4o-mini")),
  AZURE_OPENAI_ENDPOINT: optionalUrl("e.g. https://my-resource.openai.azure.com"),
  AZURE_OPENAI_API_KEY: optionalString,
  AZURE_OPENAI_DEPLOYMENT: optionalString,
  AZURE_OPENAI_API_VERSION: z.preprocess(blankToUndefined, z.string().default("2024-10-21")),
  LLM_TIMEOUT_MS: int(15000, 500, 120000),
  LLM_MAX_RETRIES: int(2, 0, 5),
  /** LLM failures in a row after which it is skipped (offline classifier, flagged) for the cool-down. */
  LLM_BREAKER_FAILURES: int(3, 1, 100),
  LLM_BREAKER_COOLDOWN_MS: int(60000, 1000, 3600000),
  /** Messages taken in at once before new ones get a retryable "busy" answer. */
  INTAKE_MAX_IN_FLIGHT: int(256, 1, 100000),
  /** A report whose pipeline step has not finished within this lease is re-driven by any instance. */
  PIPELINE_LEASE_MS: int(90000, 1000, 3600000),
  MICROSOFT_APP_ID: optionalString,
  MICROSOFT_APP_PASSWORD: optionalString,
  MICROSOFT_APP_TENANT_ID: optionalString,
  MICROSOFT_APP_TYPE: z.preprocess(
    blankToUndefined,
    z.enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"]).default("MultiTenant"),
  ),
  SLACK_BOT_TOKEN: z.preprocess(
    blankToUndefined,
    z.string().startsWith("xoxb-", { message: "must start with xoxb-" }).optional(),
  ),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: z.preprocess(
    blankToUndefined,
    z.string().startsWith("xapp-", { message: "must start with xapp-" }).optional(),
  ),
  /** Slack Web API base (an enterprise proxy or a test server). Default: Slack's own. */
  SLACK_API_URL: optionalUrl("e.g. https://slack.com/api/"),
  /** Web chat in the browser at GET /. Default: on when neither Teams nor Slack is configured. */
  WEBCHAT_ENABLED: z.preprocess(blankToUndefined, z.enum(["true", "false", "auto"]).default("auto")),
  /** Cron expression for the weekly CMIO digest, in DIGEST_TIMEZONE. */
  DIGEST_SCHEDULE: z.preprocess(blankToUndefined, z.string().default("0 7 * * 1")),
  DIGEST_TIMEZONE: z.preprocess(blankToUndefined, z.string().default("UTC")),
  /** JSON file with the systems catalogue (ids, labels, aliases) and units; extends the default. */
  CATALOGUE_FILE: optionalString,
  /** JSON file with triage routing, alert and digest destinations, and who may triage. */
  TRIAGE_CONFIG_FILE: optionalString,
  /** Secret salt for hashing anonymous reporters' ids. Default: generated once and kept in DATA_DIR. */
  ANONYMOUS_SALT: optionalString,
  /** Name of this instance in leases and logs. Default: hostname-pid. */
  INSTANCE_ID: optionalString,
});

/**
 * Rules that involve several variables. They read the raw values, so they are checked (and
 * reported) even when another variable is malformed: the operator sees every problem at once.
 */
function crossFieldProblems(source: Record<string, string | undefined>): string[] {
  const get = (name: string): string | undefined => {
    const value = source[name];
    return value === undefined || value.trim() === "" ? undefined : value.trim();
  };
  const problems: string[] = [];
  const appType = get("MICROSOFT_APP_TYPE") ?? "MultiTenant";
  if (get("SLACK_BOT_TOKEN") && !get("SLACK_SIGNING_SECRET") && !get("SLACK_APP_TOKEN"))
    problems.push("SLACK_SIGNING_SECRET is required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)");
  if ((get("SLACK_SIGNING_SECRET") || get("SLACK_APP_TOKEN")) && !get("SLACK_BOT_TOKEN"))
    problems.push("SLACK_BOT_TOKEN is required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set");
  if (get("MICROSOFT_APP_ID") && !get("MICROSOFT_APP_PASSWORD") && appType !== "UserAssignedMSI")
    problems.push("MICROSOFT_APP_PASSWORD is required with MICROSOFT_APP_ID");
  if (appType === "SingleTenant" && get("MICROSOFT_APP_ID") && !get("MICROSOFT_APP_TENANT_ID"))
    problems.push("MICROSOFT_APP_TENANT_ID is required when MICROSOFT_APP_TYPE is SingleTenant");
  if (get("AZURE_OPENAI_ENDPOINT") && !get("AZURE_OPENAI_DEPLOYMENT"))
    problems.push("AZURE_OPENAI_DEPLOYMENT is required with AZURE_OPENAI_ENDPOINT");
  if (get("AZURE_OPENAI_ENDPOINT") && !get("AZURE_OPENAI_API_KEY"))
    problems.push("AZURE_OPENAI_API_KEY is required with AZURE_OPENAI_ENDPOINT");
  if (get("AZURE_OPENAI_ENDPOINT") && (get("OPENAI_BASE_URL") || get("OPENAI_API_KEY")))
    problems.push("AZURE_OPENAI_ENDPOINT cannot be combined with OPENAI_API_KEY/OPENAI_BASE_URL: choose one LLM");
  const host = get("HOST") ?? "127.0.0.1";
  const allowBind = ["true", "1", "yes"].includes(get("ALLOW_UNAUTHENTICATED_BIND") ?? "");
  if (!["127.0.0.1", "localhost", "::1"].includes(host) && !get("MICROSOFT_APP_ID") && !allowBind)
    problems.push(
      `HOST is ${host}, but without MICROSOFT_APP_ID the bot endpoint is unauthenticated; bind 127.0.0.1 or set ALLOW_UNAUTHENTICATED_BIND=true`,
    );
  const timeZone = get("DIGEST_TIMEZONE") ?? "UTC";
  try {
    new Intl.DateTimeFormat("en", { timeZone });
  } catch {
    problems.push(`DIGEST_TIMEZONE "${timeZone}" is not a known time zone (e.g. Europe/Berlin)`);
  }
  const schedule = get("DIGEST_SCHEDULE") ?? "0 7 * * 1";
  if (schedule.split(/\s+/).length < 5)
    problems.push(`DIGEST_SCHEDULE "${schedule}" is not a cron expression (e.g. "0 7 * * 1" for Monday 07:00)`);
  return problems;
}

export type Env = z.infer<typeof EnvSchema>;

/** Variables holding secrets: never logged. */
export const SECRET_VARIABLES = [
  "OPENAI_API_KEY",
  "AZURE_OPENAI_API_KEY",
  "MICROSOFT_APP_PASSWORD",
  "SLACK_BOT_TOKEN",
  "SLACK_SIGNING_SECRET",
  "SLACK_APP_TOKEN",
  "ANONYMOUS_SALT",
  "MONGODB_URI",
] as const;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  const problems = result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join(".") || "environment"} ${issue.message}`);
  problems.push(...crossFieldProblems(source));
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  return result.data;
}
