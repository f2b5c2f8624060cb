/**
 * Every environment variable the service reads, documented and validated once at start.
 * `parseEnv` lists every problem in plain words (ConfigError); main prints them and exits 1.
 * Keep .env.example in step with this file (a unit test checks they name the same variables).
 */
import { z } from "zod";
import { ConfigError } from "../domain/errors";
import { bindProblems } from "./bind-rule";
import { blankToUndefined, bool, int, optionalString, optionalUrl } from "./env-fields";
import { ITSM_ENV_FIELDS, ITSM_SECRET_VARIABLES, itsmProblems } from "./itsm-env";

export const EnvSchema = z.object({
  /** HTTP port of the one server (Bot Framework, Slack, web chat, health). */
  PORT: int(3978, 0, 65535),
  /** Interface to bind. Defaults to 127.0.0.1; a non-loopback bind needs every enabled channel authenticated (see bind-rule.ts). */
  HOST: z.preprocess(blankToUndefined, z.string().default("127.0.0.1")),
  /** Escape hatch: bind a non-loopback HOST with open channels (port reachable only from a trusted place); warned at start. */
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
  /** A message that waited this long for its turn on the intake path gets the "busy" answer at once. */
  INTAKE_MAX_WAIT_MS: int(1000, 50, 2000),
  /** Slack chat events get a retryable 503 while the event loop runs this late (0: never on lag). */
  INTAKE_SHED_LAG_MS: int(150, 0, 2500),
  /** A report whose pipeline step has not finished within this lease is re-driven by any instance. */
  PIPELINE_LEASE_MS: int(90000, 1000, 3600000),
  /**
   * "auto": classification, clustering and routing run in a worker thread with its own store
   * connection (not for an in-memory store); "off": in the event loop that answers requests.
   */
  PIPELINE_THREAD: z.preprocess(blankToUndefined, z.enum(["auto", "on", "off"]).default("auto")),
  /** `max_tokens` of every classification call: a valid reply needs about 150. */
  LLM_MAX_TOKENS: int(512, 64, 8192),
  /** Structured output: "auto" probes json_schema → json_object → plain prompt once at start-up. */
  LLM_RESPONSE_FORMAT: z.preprocess(
    blankToUndefined,
    z.enum(["auto", "json_schema", "json_object", "prompt"]).default("auto"),
  ),
  /** `max_tokens` (Ollama, vLLM, llama.cpp) or `max_completion_tokens` (OpenAI o-series); "auto" switches when refused. */
  LLM_TOKEN_LIMIT_PARAM: z.preprocess(
    blankToUndefined,
    z.enum(["auto", "max_tokens", "max_completion_tokens"]).default("auto"),
  ),
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
  /**
   * The CMIO dashboard at GET /dashboard. auto: on with web chat sign-in (signed-in users only) or on
   * a loopback HOST (loopback clients only); true: on anyway (a non-loopback HOST then needs sign-in).
   */
  DASHBOARD_ENABLED: z.preprocess(blankToUndefined, z.enum(["true", "false", "auto"]).default("auto")),
  /** Web chat sign-in: the OpenID Connect issuer (Entra ID, Okta, Keycloak). Unset: loopback demo without login. */
  WEBCHAT_OIDC_ISSUER: optionalUrl("the issuer, e.g. https://login.microsoftonline.com/<tenant>/v2.0"),
  WEBCHAT_OIDC_CLIENT_ID: optionalString,
  WEBCHAT_OIDC_CLIENT_SECRET: optionalString,
  /** Scopes asked for at sign-in. */
  WEBCHAT_OIDC_SCOPES: z.preprocess(blankToUndefined, z.string().default("openid profile email")),
  /** The id_token claim listing the user's groups (Entra ID: "groups", Keycloak: "groups" with a mapper). */
  WEBCHAT_OIDC_GROUPS_CLAIM: z.preprocess(blankToUndefined, z.string().default("groups")),
  /** Cron expression for the weekly CMIO digest, in DIGEST_TIMEZONE. */
  DIGEST_SCHEDULE: z.preprocess(blankToUndefined, z.string().default("0 7 * * 1")),
  DIGEST_TIMEZONE: z.preprocess(blankToUndefined, z.string().default("UTC")),
  /** Days after which a closed report's text and reporter references are erased (counts and audit kept). 0: never. */
  RETENTION_DAYS: int(0, 0, 36500),
  /** Cron expression (in DIGEST_TIMEZONE) of the daily retention run. */
  RETENTION_SCHEDULE: z.preprocess(blankToUndefined, z.string().default("30 3 * * *")),
  /** JSON file with the systems catalogue (ids, labels, aliases) and units; extends the default. */
  CATALOGUE_FILE: optionalString,
  /** JSON file with triage routing, alert and digest destinations, and who may triage. */
  TRIAGE_CONFIG_FILE: optionalString,
  /** Secret salt for hashing anonymous reporters' ids. Default: generated once and kept in DATA_DIR. */
  ANONYMOUS_SALT: optionalString,
  /** Name of this instance in leases and logs. Default: hostname-pid. */
  INSTANCE_ID: optionalString,
  /** ITSM connector (ServiceNow / Jira Service Management): see itsm-env.ts. */
  ...ITSM_ENV_FIELDS,
});

/**
 * Rules that involve several variables. They read the raw values, so they are checked (and
 * reported) even when another variable is malformed: the operator sees every problem at once.
 */
/** A reader of raw variables: blank counts as unset, values trimmed. */
export function rawEnv(source: Record<string, string | undefined>): (name: string) => string | undefined {
  return (name) => {
    const value = source[name];
    return value === undefined || value.trim() === "" ? undefined : value.trim();
  };
}

function crossFieldProblems(source: Record<string, string | undefined>): string[] {
  const get = rawEnv(source);
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
  if (get("WEBCHAT_OIDC_ISSUER") && !get("WEBCHAT_OIDC_CLIENT_ID"))
    problems.push("WEBCHAT_OIDC_CLIENT_ID is required with WEBCHAT_OIDC_ISSUER");
  if ((get("WEBCHAT_OIDC_CLIENT_ID") || get("WEBCHAT_OIDC_CLIENT_SECRET")) && !get("WEBCHAT_OIDC_ISSUER"))
    problems.push("WEBCHAT_OIDC_ISSUER is required when WEBCHAT_OIDC_CLIENT_ID or WEBCHAT_OIDC_CLIENT_SECRET is set");
  if (get("WEBCHAT_OIDC_ISSUER") && !get("PUBLIC_BASE_URL"))
    problems.push(
      "PUBLIC_BASE_URL is required with WEBCHAT_OIDC_ISSUER (the sign-in callback is PUBLIC_BASE_URL/auth/callback)",
    );
  problems.push(...bindProblems(get));
  problems.push(...itsmProblems(get));
  const retentionSchedule = get("RETENTION_SCHEDULE") ?? "30 3 * * *";
  if (retentionSchedule.split(/\s+/).length < 5)
    problems.push(
      `RETENTION_SCHEDULE "${retentionSchedule}" is not a cron expression (e.g. "30 3 * * *" for 03:30 daily)`,
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
  "WEBCHAT_OIDC_CLIENT_SECRET",
  ...ITSM_SECRET_VARIABLES,
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
