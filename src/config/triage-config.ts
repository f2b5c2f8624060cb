/**
 * Triage configuration (TRIAGE_CONFIG_FILE, JSON or YAML): where triage cards, alerts and the CMIO
 * digest go, which reports go where, who may triage, and the clustering and spike settings.
 * Validated once at start; every problem is listed in plain words (ConfigError). Without a file the
 * demo default sends everything to the web chat triage view and lets any web chat user triage.
 *
 * Destinations are written "slack:C0123", "teams:19:abc@thread.tacv2" or "webchat:triage", or as
 * a name from `destinations` (e.g. "it-ehr").
 */
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { ConfigError } from "../domain/errors";
import { KindSchema, SeveritySchema, type Kind, type Severity } from "../domain/taxonomy";
import type { ChannelName } from "../ports/channel";
import { plainZodError } from "./plain-zod-errors";

export interface Destination {
  channel: ChannelName;
  /** Platform id: Slack channel id, Teams conversation id / key, web chat room. */
  destination: string;
}

export interface RoutingRule {
  kind: Kind | null;
  system: string | null;
  unit: string | null;
  destination: Destination;
  /** The ITSM assignment group (ServiceNow group name or sys_id) of tickets for these reports. */
  assignmentGroup?: string | null;
}

export interface TriageConfig {
  routes: RoutingRule[];
  defaultDestination: Destination;
  /** The ITSM assignment group when no route names one. */
  defaultAssignmentGroup?: string | null;
  /** Patient-safety/critical alerts and probable-outage alerts. */
  alerts: Destination[];
  /** Severities that raise an immediate alert (patient safety always does). */
  alertSeverities: string[];
  /** Where the weekly CMIO digest goes. */
  digest: Destination[];
  triagers: {
    slack: { userIds: string[]; userGroups: string[] };
    /** channelMembers: anyone acting from inside a Teams triage destination (the IT channel) may triage. */
    teams: { userIds: string[]; channelMembers: boolean };
    /** userIds: web chat user ids (demo) or, with sign-in, OIDC subjects or e-mails; groups: IdP groups. */
    webchat: { userIds: string[]; groups: string[]; allowAll: boolean };
  };
  clustering: { windowHours: number; threshold: number; sameUnitBonus: number };
  spike: { count: number; minutes: number };
  reminders: ReminderConfig;
  /** Cluster sizes at which a short "now has N reports" message goes to the triage channel. */
  escalations: { clusterSizes: number[] };
}

/**
 * Reminders for reports nobody has acknowledged: after `afterMinutes[severity]` one reminder in the
 * report's triage channel, after twice that one escalation to `alerts`. Null switches a severity off.
 * In quiet hours (local time, DIGEST_TIMEZONE) and, with `businessDaysOnly`, at weekends only
 * critical reports remind; the others wait until the quiet time ends.
 */
export interface ReminderConfig {
  afterMinutes: Record<Severity, number | null>;
  quietHours: { start: string; end: string } | null;
  businessDaysOnly: boolean;
}

export const DEFAULT_REMINDERS: ReminderConfig = {
  afterMinutes: { critical: 15, high: 120, medium: 24 * 60, low: null },
  quietHours: null,
  businessDaysOnly: false,
};

const CHANNELS: readonly ChannelName[] = ["slack", "teams", "webchat"];

/** "slack:C0123" → { channel: "slack", destination: "C0123" }; null when it is not of that form. */
export function parseDestination(text: string): Destination | null {
  const at = text.indexOf(":");
  if (at <= 0) return null;
  const channel = text.slice(0, at) as ChannelName;
  const destination = text.slice(at + 1).trim();
  if (!CHANNELS.includes(channel) || destination.length === 0) return null;
  return { channel, destination };
}

export function destinationKey(d: Destination): string {
  return `${d.channel}:${d.destination}`;
}

const ids = z.array(z.string().trim().min(1)).default([]);
const DestinationRefSchema = z.union([
  z.string().trim().min(1),
  z.object({ channel: z.enum(["slack", "teams", "webchat"]), destination: z.string().trim().min(1) }),
]);

/** Minutes until a reminder (1 minute to 30 days), or null for none. */
const minutes = (fallback: number | null) =>
  z
    .number()
    .int()
    .min(1)
    .max(30 * 24 * 60)
    .nullable()
    .default(fallback);
const CLOCK_TIME = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'a time of day like "20:00"');

const FileSchema = z
  .object({
    destinations: z.record(z.string(), z.string()).default({}),
    routes: z
      .array(
        z
          .object({
            kind: KindSchema.optional(),
            system: z.string().trim().min(1).optional(),
            unit: z.string().trim().min(1).optional(),
            destination: DestinationRefSchema,
            assignmentGroup: z.string().trim().min(1).optional(),
          })
          .strict(),
      )
      .default([]),
    defaultDestination: DestinationRefSchema,
    defaultAssignmentGroup: z.string().trim().min(1).optional(),
    alerts: z.array(DestinationRefSchema).default([]),
    alertSeverities: z.array(SeveritySchema).default(["critical"]),
    digest: z.array(DestinationRefSchema).default([]),
    triagers: z
      .object({
        slack: z.object({ userIds: ids, userGroups: ids }).strict().default({ userIds: [], userGroups: [] }),
        teams: z
          .object({ userIds: ids, channelMembers: z.boolean().default(false) })
          .strict()
          .default({ userIds: [], channelMembers: false }),
        webchat: z
          .object({ userIds: ids, groups: ids, allowAll: z.boolean().default(false) })
          .strict()
          .default({ userIds: [], groups: [], allowAll: false }),
      })
      .strict(),
    clustering: z
      .object({
        windowHours: z
          .number()
          .positive()
          .max(24 * 30)
          .default(24),
        threshold: z.number().min(0.05).max(1).default(0.3),
        sameUnitBonus: z.number().min(0).max(0.5).default(0.05),
      })
      .strict()
      .default({ windowHours: 24, threshold: 0.3, sameUnitBonus: 0.05 }),
    spike: z
      .object({
        count: z.number().int().min(2).default(5),
        minutes: z
          .number()
          .int()
          .min(1)
          .max(24 * 60)
          .default(15),
      })
      .strict()
      .default({ count: 5, minutes: 15 }),
    reminders: z
      .object({
        afterMinutes: z
          .object({
            critical: minutes(DEFAULT_REMINDERS.afterMinutes.critical),
            high: minutes(DEFAULT_REMINDERS.afterMinutes.high),
            medium: minutes(DEFAULT_REMINDERS.afterMinutes.medium),
            low: minutes(DEFAULT_REMINDERS.afterMinutes.low),
          })
          .strict()
          .default(DEFAULT_REMINDERS.afterMinutes),
        quietHours: z.object({ start: CLOCK_TIME, end: CLOCK_TIME }).strict().nullable().default(null),
        businessDaysOnly: z.boolean().default(false),
      })
      .strict()
      .default(DEFAULT_REMINDERS),
    escalations: z
      .object({ clusterSizes: z.array(z.number().int().min(2).max(10_000)).default([5, 10, 20]) })
      .strict()
      .default({ clusterSizes: [5, 10, 20] }),
  })
  .strict();

type FileConfig = z.infer<typeof FileSchema>;
type DestinationRef = z.infer<typeof DestinationRefSchema>;

export const DEMO_TRIAGE_CONFIG: TriageConfig = {
  routes: [],
  defaultDestination: { channel: "webchat", destination: "triage" },
  alerts: [{ channel: "webchat", destination: "triage" }],
  alertSeverities: ["critical"],
  digest: [{ channel: "webchat", destination: "triage" }],
  triagers: {
    slack: { userIds: [], userGroups: [] },
    teams: { userIds: [], channelMembers: false },
    webchat: { userIds: [], groups: [], allowAll: true },
  },
  clustering: { windowHours: 24, threshold: 0.3, sameUnitBonus: 0.05 },
  spike: { count: 5, minutes: 15 },
  reminders: DEFAULT_REMINDERS,
  escalations: { clusterSizes: [5, 10, 20] },
};

function resolveAll(file: FileConfig, problems: string[]): TriageConfig {
  const resolve = (ref: DestinationRef, where: string): Destination => {
    if (typeof ref !== "string") return ref;
    const named = file.destinations[ref];
    const parsed = parseDestination(named ?? ref);
    if (!parsed) {
      problems.push(
        named !== undefined
          ? `destinations.${ref} is "${named}", which is not "slack:<channel id>", "teams:<conversation id>" or "webchat:<room>"`
          : `${where} is "${ref}": use "slack:<channel id>", "teams:<conversation id>", "webchat:<room>" or a name from "destinations"`,
      );
      return { channel: "webchat", destination: "invalid" };
    }
    return parsed;
  };
  const routes = file.routes.map((route, i) => {
    if (!route.kind && !route.system && !route.unit)
      problems.push(
        `routes[${i}] matches every report: give at least one of kind, system or unit (or use defaultDestination)`,
      );
    return {
      kind: route.kind ?? null,
      system: route.system ?? null,
      unit: route.unit ?? null,
      destination: resolve(route.destination, `routes[${i}].destination`),
      ...(route.assignmentGroup ? { assignmentGroup: route.assignmentGroup } : {}),
    };
  });
  const t = file.triagers;
  if (
    t.slack.userIds.length +
      t.slack.userGroups.length +
      t.teams.userIds.length +
      t.webchat.userIds.length +
      t.webchat.groups.length ===
      0 &&
    !t.webchat.allowAll
  )
    problems.push("triagers names nobody: add Slack user ids or user groups, Teams user ids, or web chat user ids");
  return {
    routes,
    defaultDestination: resolve(file.defaultDestination, "defaultDestination"),
    ...(file.defaultAssignmentGroup ? { defaultAssignmentGroup: file.defaultAssignmentGroup } : {}),
    alerts: file.alerts.map((a, i) => resolve(a, `alerts[${i}]`)),
    alertSeverities: file.alertSeverities,
    digest: file.digest.map((d, i) => resolve(d, `digest[${i}]`)),
    triagers: t,
    clustering: file.clustering,
    spike: file.spike,
    reminders: file.reminders,
    escalations: { clusterSizes: [...file.escalations.clusterSizes].sort((a, b) => a - b) },
  };
}

/** Validates a parsed config object. `systemIds`, when given, flags routes naming unknown systems. */
export function parseTriageConfig(raw: unknown, options: { systemIds?: readonly string[] } = {}): TriageConfig {
  const result = FileSchema.safeParse(raw, { error: plainZodError });
  if (!result.success)
    throw new ConfigError(
      result.error.issues.map((issue) => `triage config ${issue.path.join(".") || "(top level)"} ${issue.message}`),
    );
  const problems: string[] = [];
  const config = resolveAll(result.data, problems);
  if (options.systemIds) {
    const known = new Set(options.systemIds);
    config.routes.forEach((route, i) => {
      if (route.system && !known.has(route.system))
        problems.push(
          `routes[${i}].system "${route.system}" is not in the systems catalogue (${[...known].join(", ")})`,
        );
    });
  }
  if (problems.length > 0) throw new ConfigError(problems.map((p) => `triage config ${p}`));
  return config;
}

/** Reads TRIAGE_CONFIG_FILE (JSON, or YAML for .yaml/.yml); no file → the demo default. */
export function loadTriageConfig(
  file?: string | null,
  options: { systemIds?: readonly string[]; readFile?: (path: string) => string } = {},
): TriageConfig {
  if (!file) return DEMO_TRIAGE_CONFIG;
  const read = options.readFile ?? ((path: string) => readFileSync(path, "utf8"));
  let text: string;
  try {
    text = read(file);
  } catch (err) {
    throw new ConfigError([`TRIAGE_CONFIG_FILE "${file}" cannot be read (${(err as Error).message})`]);
  }
  let raw: unknown;
  try {
    raw = /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch (err) {
    throw new ConfigError([
      `TRIAGE_CONFIG_FILE "${file}" is not valid ${/\.ya?ml$/i.test(file) ? "YAML" : "JSON"} (${(err as Error).message})`,
    ]);
  }
  return parseTriageConfig(raw, { systemIds: options.systemIds });
}

/**
 * Destinations naming a channel that is not switched on (e.g. "teams:…" without Teams configured),
 * in plain words, so main can refuse to start or warn instead of queueing messages nobody can send.
 */
export function unusableDestinations(config: TriageConfig, enabled: readonly ChannelName[]): string[] {
  const named: [string, Destination][] = [
    ["defaultDestination", config.defaultDestination],
    ...config.routes.map((r, i): [string, Destination] => [`routes[${i}].destination`, r.destination]),
    ...config.alerts.map((d, i): [string, Destination] => [`alerts[${i}]`, d]),
    ...config.digest.map((d, i): [string, Destination] => [`digest[${i}]`, d]),
  ];
  return named
    .filter(([, d]) => !enabled.includes(d.channel))
    .map(
      ([where, d]) => `triage config ${where} is ${destinationKey(d)}, but the ${d.channel} channel is not configured`,
    );
}
