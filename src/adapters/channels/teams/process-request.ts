/**
 * POST /api/messages without CloudAdapter.process: botbuilder's own handler prints every refused
 * request's stack trace with console.error and answers with the error's message (which, when the
 * Bot Framework OpenID metadata cannot be fetched, names the upstream URL and the DNS error).
 * Here every outcome is one log line and a generic body:
 * - a token that cannot be validated (missing, forged, expired, misaddressed) → 401;
 * - the signing keys cannot be fetched (DNS, network, an error status upstream) → 503;
 * - anything else before the turn → 500. Errors inside the turn are handled by onTurnError.
 */
import type restify from "restify";
import type { Activity, TurnContext } from "botbuilder";
import { AuthenticationError } from "botframework-connector";
import type { Logger } from "../../../ports/logger";
import { SigningKeysUnavailableError, type ChannelAdapter } from "./cloud-adapter";

export type AuthFailure = "unauthorized" | "keys-unavailable" | "internal";

/** Token checks fail as AuthenticationError (bad token) or SigningKeysUnavailableError (cloud-adapter.ts). */
export function classifyAuthFailure(err: unknown): AuthFailure {
  if (err instanceof SigningKeysUnavailableError) return "keys-unavailable";
  if (err instanceof AuthenticationError) return "unauthorized";
  return "internal";
}

/** The first line of a refusal reason, without URLs or host names (kept out of the log on purpose). */
function shortReason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return (message.split("\n")[0] ?? "")
    .replace(/https?:\/\/\S+/g, "<url>")
    .replace(/\b(?:[a-z0-9-]+\.)+[a-z]{2,}\b/gi, "<host>")
    .slice(0, 200);
}

function toActivity(body: unknown): Activity | null {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return null;
  const activity = { ...(body as Record<string, unknown>) };
  if (typeof activity["type"] !== "string" || activity["type"] === "") return null;
  for (const field of ["timestamp", "expiration", "localTimestamp"]) {
    const value = activity[field];
    if (typeof value === "string") {
      const raw = `raw${field[0]!.toUpperCase()}${field.slice(1)}`;
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity as unknown as Activity;
}

export async function processTeamsRequest(
  adapter: ChannelAdapter,
  req: restify.Request,
  res: restify.Response,
  logic: (context: TurnContext) => Promise<void>,
  logger: Logger,
): Promise<void> {
  const activity = toActivity(req.body);
  if (!activity) {
    logger.warn({ channel: "teams", status: 400 }, "Teams: request refused (not an activity)");
    res.send(400, { error: "bad request" });
    return;
  }
  const header = req.headers.authorization;
  const authorization = typeof header === "string" ? header : "";
  try {
    const invoke = await adapter.authenticateAndRun(authorization, activity, logic);
    if (invoke?.body !== undefined) res.send(invoke.status ?? 200, invoke.body);
    else {
      res.status(invoke?.status ?? 200);
      res.end();
    }
  } catch (err) {
    const failure = classifyAuthFailure(err);
    if (failure === "unauthorized") {
      logger.warn({ channel: "teams", status: 401, reason: shortReason(err) }, "Teams: request refused (401)");
      res.send(401, { error: "unauthorized" });
    } else if (failure === "keys-unavailable") {
      logger.error(
        { channel: "teams", status: 503, code: "CHANNEL_AUTH" },
        "Teams: Bot Framework signing keys cannot be fetched; request refused (503)",
      );
      res.send(503, { error: "service unavailable" });
    } else {
      logger.error({ channel: "teams", status: 500, err: shortReason(err) }, "Teams: request failed (500)");
      res.send(500, { error: "internal error" });
    }
  }
}
