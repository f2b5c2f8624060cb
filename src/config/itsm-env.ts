/**
 * The ITSM connector's variables (ServiceNow or Jira Service Management), their cross-checks, and
 * the typed settings main wires. ITSM_KIND=none (the default) leaves chat triage as it is.
 */
import { z } from "zod";
import type { Status } from "../domain/status";
import { isLoopbackHost } from "./bind-rule";
import { blankToUndefined, int, optionalString, optionalUrl } from "./env-fields";

export const ITSM_ENV_FIELDS = {
  /** none | servicenow | jira: where tickets are created for new report clusters. */
  ITSM_KIND: z.preprocess(blankToUndefined, z.enum(["none", "servicenow", "jira"]).default("none")),
  /** Shared secret of the inbound status webhook (HMAC-SHA256), at least 16 characters. */
  ITSM_WEBHOOK_SECRET: optionalString,
  /** Tool state → report status overrides, e.g. "3=ignore,Declined=wont_fix". */
  ITSM_STATUS_MAP: optionalString,
  /** Report kind or system id → ITSM category, e.g. "infusion_pump=hardware,access=inquiry". */
  ITSM_CATEGORY_MAP: optionalString,
  ITSM_TIMEOUT_MS: int(10000, 500, 120000),
  SERVICENOW_INSTANCE_URL: optionalUrl("e.g. https://hospital.service-now.com"),
  SERVICENOW_AUTH: z.preprocess(blankToUndefined, z.enum(["basic", "oauth"]).default("basic")),
  SERVICENOW_USERNAME: optionalString,
  SERVICENOW_PASSWORD: optionalString,
  SERVICENOW_CLIENT_ID: optionalString,
  SERVICENOW_CLIENT_SECRET: optionalString,
  JIRA_BASE_URL: optionalUrl("e.g. https://hospital.atlassian.net"),
  JIRA_EMAIL: optionalString,
  JIRA_API_TOKEN: optionalString,
  JIRA_SERVICE_DESK_ID: optionalString,
  JIRA_REQUEST_TYPE_ID: optionalString,
};

export const ITSM_SECRET_VARIABLES = [
  "ITSM_WEBHOOK_SECRET",
  "SERVICENOW_PASSWORD",
  "SERVICENOW_CLIENT_SECRET",
  "JIRA_API_TOKEN",
] as const;

const MIN_SECRET_LENGTH = 16;
/** What a tool state may map to; "ignore" maps it to nothing. */
const MAP_TARGETS = ["acknowledged", "in_progress", "resolved", "wont_fix", "ignore"] as const;

/** "a=b, c = d" → [["a","b"],["c","d"]]; a pair without "=" is a problem. */
export function parsePairs(text: string | undefined, what: string, problems: string[]): [string, string][] {
  if (!text) return [];
  const pairs: [string, string][] = [];
  for (const part of text.split(",")) {
    if (!part.trim()) continue;
    const at = part.indexOf("=");
    const key = at < 0 ? "" : part.slice(0, at).trim();
    const value = at < 0 ? "" : part.slice(at + 1).trim();
    if (!key || !value) problems.push(`${what} "${part.trim()}" is not of the form name=value`);
    else pairs.push([key, value]);
  }
  return pairs;
}

function statusMap(text: string | undefined, problems: string[]): Record<string, Status | null> {
  const map: Record<string, Status | null> = {};
  for (const [state, target] of parsePairs(text, "ITSM_STATUS_MAP entry", problems)) {
    if (!(MAP_TARGETS as readonly string[]).includes(target))
      problems.push(`ITSM_STATUS_MAP maps "${state}" to "${target}": use one of ${MAP_TARGETS.join(", ")}`);
    else map[state.toLowerCase()] = target === "ignore" ? null : (target as Status);
  }
  return map;
}

type Raw = (name: string) => string | undefined;

function urlProblem(get: Raw, name: string): string | null {
  const value = get(name);
  if (!value) return `${name} is required with ITSM_KIND=${get("ITSM_KIND")}`;
  try {
    const url = new URL(value);
    if (
      url.protocol !== "https:" &&
      !(url.protocol === "http:" && isLoopbackHost(url.hostname.replace(/^\[|\]$/g, "")))
    )
      return `${name} must be an https URL (plain http only on 127.0.0.1)`;
  } catch {
    return null; // the schema already says it is not a URL
  }
  return null;
}

/** Every problem of the ITSM variables together (raw values, so they show beside other problems). */
export function itsmProblems(get: Raw): string[] {
  const kind = get("ITSM_KIND") ?? "none";
  const problems: string[] = [];
  if (kind === "none") return problems;
  const need = (...names: string[]) => {
    for (const name of names) if (!get(name)) problems.push(`${name} is required with ITSM_KIND=${kind}`);
  };
  const secret = get("ITSM_WEBHOOK_SECRET");
  if (!secret)
    problems.push(`ITSM_WEBHOOK_SECRET is required with ITSM_KIND=${kind} (it authenticates the status webhook)`);
  else if (secret.length < MIN_SECRET_LENGTH)
    problems.push(`ITSM_WEBHOOK_SECRET must be at least ${MIN_SECRET_LENGTH} characters long`);
  if (kind === "servicenow") {
    const url = urlProblem(get, "SERVICENOW_INSTANCE_URL");
    if (url) problems.push(url);
    if ((get("SERVICENOW_AUTH") ?? "basic") === "oauth") need("SERVICENOW_CLIENT_ID", "SERVICENOW_CLIENT_SECRET");
    else need("SERVICENOW_USERNAME", "SERVICENOW_PASSWORD");
  }
  if (kind === "jira") {
    const url = urlProblem(get, "JIRA_BASE_URL");
    if (url) problems.push(url);
    need("JIRA_EMAIL", "JIRA_API_TOKEN", "JIRA_SERVICE_DESK_ID", "JIRA_REQUEST_TYPE_ID");
  }
  statusMap(get("ITSM_STATUS_MAP"), problems);
  parsePairs(get("ITSM_CATEGORY_MAP"), "ITSM_CATEGORY_MAP entry", problems);
  return problems;
}

interface ItsmCommon {
  webhookSecret: string;
  /** Lower-cased tool state → status (null: ignore); overrides the adapter's defaults. */
  statusMap: Record<string, Status | null>;
  /** Report kind or system id → category. */
  categoryMap: Record<string, string>;
  timeoutMs: number;
}

export type ServiceNowAuth =
  { type: "basic"; username: string; password: string } | { type: "oauth"; clientId: string; clientSecret: string };

export type ItsmSettings =
  | { kind: "none" }
  | (ItsmCommon & { kind: "servicenow"; instanceUrl: string; auth: ServiceNowAuth })
  | (ItsmCommon & {
      kind: "jira";
      baseUrl: string;
      email: string;
      apiToken: string;
      serviceDeskId: string;
      requestTypeId: string;
    });

type ItsmEnv = z.infer<ReturnType<typeof z.object<typeof ITSM_ENV_FIELDS>>>;

/** The typed settings of a parsed environment (parseEnv already refused missing or malformed values). */
export function itsmSettings(env: ItsmEnv): ItsmSettings {
  if (env.ITSM_KIND === "none") return { kind: "none" };
  const ignored: string[] = [];
  const common: ItsmCommon = {
    webhookSecret: env.ITSM_WEBHOOK_SECRET ?? "",
    statusMap: statusMap(env.ITSM_STATUS_MAP, ignored),
    categoryMap: Object.fromEntries(parsePairs(env.ITSM_CATEGORY_MAP, "", ignored)),
    timeoutMs: env.ITSM_TIMEOUT_MS,
  };
  if (env.ITSM_KIND === "servicenow")
    return {
      ...common,
      kind: "servicenow",
      instanceUrl: env.SERVICENOW_INSTANCE_URL ?? "",
      auth:
        env.SERVICENOW_AUTH === "oauth"
          ? {
              type: "oauth",
              clientId: env.SERVICENOW_CLIENT_ID ?? "",
              clientSecret: env.SERVICENOW_CLIENT_SECRET ?? "",
            }
          : { type: "basic", username: env.SERVICENOW_USERNAME ?? "", password: env.SERVICENOW_PASSWORD ?? "" },
    };
  return {
    ...common,
    kind: "jira",
    baseUrl: env.JIRA_BASE_URL ?? "",
    email: env.JIRA_EMAIL ?? "",
    apiToken: env.JIRA_API_TOKEN ?? "",
    serviceDeskId: env.JIRA_SERVICE_DESK_ID ?? "",
    requestTypeId: env.JIRA_REQUEST_TYPE_ID ?? "",
  };
}
