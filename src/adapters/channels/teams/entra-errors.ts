/**
 * Entra ID's refusals of the bot's client-credentials request, in plain words with the likely fix.
 * MSAL's error carries the AADSTS code in its message ("invalid_client: … AADSTS7000215: …").
 * A network failure carries no AADSTS code and is not a refusal.
 */

/** Which setting Entra ID's answer points at. */
export type RejectedSetting = "MICROSOFT_APP_PASSWORD" | "MICROSOFT_APP_ID" | "MICROSOFT_APP_TENANT_ID";

export interface EntraRejection {
  /** e.g. "AADSTS7000222" */
  code: string;
  setting: RejectedSetting;
  /** What went wrong, e.g. "the client secret has expired". */
  meaning: string;
  /** What to do, e.g. "create a new client secret for app … and set MICROSOFT_APP_PASSWORD". */
  fix: string;
}

interface Known {
  setting: RejectedSetting;
  meaning: string;
  fix: (appId: string) => string;
}

const newSecret = (appId: string) =>
  `create a new client secret for app ${appId} in the Azure portal and set MICROSOFT_APP_PASSWORD`;

const KNOWN: Record<string, Known> = {
  "7000215": {
    setting: "MICROSOFT_APP_PASSWORD",
    meaning: "the client secret is wrong",
    fix: (appId) =>
      `set MICROSOFT_APP_PASSWORD to the secret's Value (not its Secret ID) for app ${appId}, or ${newSecret(appId)}`,
  },
  "7000222": { setting: "MICROSOFT_APP_PASSWORD", meaning: "the client secret has expired", fix: newSecret },
  "700016": {
    setting: "MICROSOFT_APP_ID",
    meaning: "no app with this id in the directory",
    fix: (appId) =>
      `check MICROSOFT_APP_ID (now ${appId}) against the Azure Bot's Microsoft App ID, and MICROSOFT_APP_TYPE / MICROSOFT_APP_TENANT_ID`,
  },
  "90002": {
    setting: "MICROSOFT_APP_TENANT_ID",
    meaning: "the tenant was not found",
    fix: (appId) => `set MICROSOFT_APP_TENANT_ID to the directory (tenant) id that app ${appId} is registered in`,
  },
};

/** Client errors that are always about the bot's own registration, whatever the code. */
const CLIENT_ERRORS = /\b(invalid_client|unauthorized_client)\b/;

function messagesOf(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const e = err as Error & { errorMessage?: unknown; errorCode?: unknown; cause?: unknown };
  const parts = [e.message, e.errorCode, e.errorMessage].filter((p): p is string => typeof p === "string");
  if (e.cause) parts.push(messagesOf(e.cause));
  return parts.join(" ");
}

/** Entra ID's refusal in `err`, or null when `err` is something else (network, timeout, …). */
export function entraRejection(err: unknown, appId: string): EntraRejection | null {
  const text = messagesOf(err);
  const match = /AADSTS(\d+)/.exec(text);
  if (!match) return null;
  const number = match[1]!;
  const code = `AADSTS${number}`;
  const known = KNOWN[number];
  if (known) return { code, setting: known.setting, meaning: known.meaning, fix: known.fix(appId) };
  if (!CLIENT_ERRORS.test(text)) return null;
  return {
    code,
    setting: "MICROSOFT_APP_PASSWORD",
    meaning: "the bot's credentials were refused",
    fix: `check MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID for app ${appId} in the Azure portal`,
  };
}

/** The log line and /readyz reason: "Teams: Entra ID rejected X (AADSTS…: meaning) — fix". */
export function rejectionLine(r: EntraRejection): string {
  return `Teams: Entra ID rejected ${r.setting} (${r.code}: ${r.meaning}) — ${r.fix}`;
}

/** `text` with every occurrence of `secret` masked (belt and braces: Entra ID never echoes it). */
export function withoutSecret(text: string, secret: string | undefined): string {
  return secret && secret.length >= 4 ? text.split(secret).join("[secret]") : text;
}
