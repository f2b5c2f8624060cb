/**
 * The one bind rule: a HOST reachable from the network needs every enabled channel authenticated.
 * - Teams: authenticated with MICROSOFT_APP_ID. Without it, /api/messages is the Bot Framework
 *   Emulator endpoint, which is served on a loopback HOST only (or with the escape hatch).
 * - Slack: authenticated by the signing secret (HTTP) or by Socket Mode (no inbound endpoint).
 * - Web chat: authenticated with OpenID Connect sign-in (WEBCHAT_OIDC_ISSUER and client).
 * - CMIO dashboard (/dashboard): authenticated by the web chat's sign-in. Without it the dashboard
 *   answers loopback clients only, which a reverse proxy on the same machine would turn into
 *   everyone: so it counts as open. DASHBOARD_ENABLED=auto serves it only where that is safe
 *   (a loopback HOST, or with sign-in); `true` asks for it anyway and falls under this rule.
 * - ITSM status webhook (/itsm/servicenow, /itsm/jira): authenticated by ITSM_WEBHOOK_SECRET (HMAC
 *   signature, timestamp window, delivery ids remembered), which ITSM_KIND requires.
 * ALLOW_UNAUTHENTICATED_BIND=true is the explicit escape hatch (the port is only reachable from a
 * trusted place, e.g. a container port published on the host's loopback): main then warns once per
 * open channel at start-up instead of refusing to start.
 * Reads raw variables so the rule is checked even when another variable is malformed.
 */

type Raw = (name: string) => string | undefined;

const TRUE = ["true", "1", "yes"];

export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase();
  return h === "localhost" || h === "::1" || h === "[::1]" || /^127(\.\d{1,3}){3}$/.test(h);
}

/** WEBCHAT_ENABLED resolved: `auto` means on when neither Teams nor Slack is configured. */
export function webchatEnabled(get: Raw): boolean {
  const setting = get("WEBCHAT_ENABLED") ?? "auto";
  return setting === "true" || (setting === "auto" && !get("MICROSOFT_APP_ID") && !get("SLACK_BOT_TOKEN"));
}

/** The web chat asks for sign-in (OpenID Connect) instead of taking the browser's word. */
export function webchatSignIn(get: Raw): boolean {
  return Boolean(get("WEBCHAT_OIDC_ISSUER"));
}

/** The dashboard's sign-in: the web chat's OpenID Connect session (so the web chat must be on). */
export function dashboardSignIn(get: Raw): boolean {
  return webchatEnabled(get) && webchatSignIn(get);
}

/** DASHBOARD_ENABLED resolved: `auto` means on with sign-in, or on a loopback HOST. */
export function dashboardEnabled(get: Raw): boolean {
  const setting = get("DASHBOARD_ENABLED") ?? "auto";
  if (setting === "true") return true;
  if (setting === "false") return false;
  return dashboardSignIn(get) || isLoopbackHost(get("HOST") ?? "127.0.0.1");
}

/** The Teams endpoint is served: with an app id (authenticated), or as the Emulator endpoint on loopback / escape hatch. */
export function teamsServed(get: Raw): boolean {
  return Boolean(get("MICROSOFT_APP_ID")) || isLoopbackHost(get("HOST") ?? "127.0.0.1") || allowOpenBind(get);
}

export function allowOpenBind(get: Raw): boolean {
  return TRUE.includes((get("ALLOW_UNAUTHENTICATED_BIND") ?? "").toLowerCase());
}

/** Every channel that would be served without authentication, in plain words (whatever the HOST). */
export function openChannels(get: Raw): string[] {
  const open: string[] = [];
  if (!get("MICROSOFT_APP_ID") && teamsServed(get))
    open.push("Teams (/api/messages is the unauthenticated Emulator endpoint: MICROSOFT_APP_ID is not set)");
  if (get("SLACK_BOT_TOKEN") && !get("SLACK_SIGNING_SECRET") && !get("SLACK_APP_TOKEN"))
    open.push("Slack (/slack/events without SLACK_SIGNING_SECRET)");
  const itsm = get("ITSM_KIND") ?? "none";
  if (itsm !== "none" && !get("ITSM_WEBHOOK_SECRET"))
    open.push(`ITSM webhook (/itsm/${itsm} without ITSM_WEBHOOK_SECRET)`);
  if (webchatEnabled(get) && !webchatSignIn(get))
    open.push(
      "web chat (no sign-in, anyone may claim any user and triage: set WEBCHAT_OIDC_ISSUER, WEBCHAT_OIDC_CLIENT_ID and WEBCHAT_OIDC_CLIENT_SECRET, or WEBCHAT_ENABLED=false)",
    );
  if (dashboardEnabled(get) && !dashboardSignIn(get))
    open.push(
      "CMIO dashboard (/dashboard without sign-in: set the web chat's WEBCHAT_OIDC_ISSUER, WEBCHAT_OIDC_CLIENT_ID and WEBCHAT_OIDC_CLIENT_SECRET, or DASHBOARD_ENABLED=auto or false)",
    );
  return open;
}

/** Problems of the bind rule: one line per open channel when HOST is not loopback and no escape hatch. */
export function bindProblems(get: Raw): string[] {
  const host = get("HOST") ?? "127.0.0.1";
  if (isLoopbackHost(host) || allowOpenBind(get)) return [];
  return openChannels(get).map(
    (channel) =>
      `HOST is ${host} (reachable from the network), but this channel is open to anyone: ${channel}. Bind HOST=127.0.0.1, or authenticate the channel`,
  );
}
