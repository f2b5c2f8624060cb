/** The configured ITSM connector (ITSM_KIND), or null for chat triage only. */
import type { ItsmSettings } from "../../config/itsm-env";
import { ITSM_NAMES } from "../../domain/ticket";
import type { Clock } from "../../ports/clock";
import type { ItsmConnector } from "../../ports/itsm";
import type { FetchLike } from "./itsm-http";
import { createJiraSmConnector } from "./jira-sm-connector";
import { createServiceNowConnector } from "./servicenow-connector";
import { webhookPath } from "./webhook-route";

export function createItsmConnector(settings: ItsmSettings, clock: Clock, fetch?: FetchLike): ItsmConnector | null {
  if (settings.kind === "none") return null;
  if (settings.kind === "servicenow")
    return createServiceNowConnector({
      instanceUrl: settings.instanceUrl,
      auth: settings.auth,
      statusMap: settings.statusMap,
      timeoutMs: settings.timeoutMs,
      clock,
      fetch,
    });
  return createJiraSmConnector({
    baseUrl: settings.baseUrl,
    email: settings.email,
    apiToken: settings.apiToken,
    serviceDeskId: settings.serviceDeskId,
    requestTypeId: settings.requestTypeId,
    statusMap: settings.statusMap,
    timeoutMs: settings.timeoutMs,
    fetch,
  });
}

/** The start-up line: where tickets go and where their status comes back (no credentials). */
export function describeItsm(settings: ItsmSettings): string {
  if (settings.kind === "none") return "ITSM: off (ITSM_KIND=none): triage in chat only";
  const where = settings.kind === "servicenow" ? settings.instanceUrl : settings.baseUrl;
  const auth =
    settings.kind === "servicenow"
      ? settings.auth.type === "oauth"
        ? "OAuth client credentials"
        : "basic auth"
      : "API token";
  return `ITSM: ${ITSM_NAMES[settings.kind]} at ${where} (${auth}); status webhook POST ${webhookPath(settings.kind)}, signed with ITSM_WEBHOOK_SECRET`;
}
