/**
 * Sends requests to the Slack route the way Slack does: raw body signed with a real HMAC
 * (`v0=` + HMAC-SHA256 of `v0:<ts>:<body>`), plus builders for the payload shapes Slack posts.
 */
import { createHmac } from "node:crypto";

export function slackSignature(secret: string, timestampSeconds: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestampSeconds}:${body}`).digest("hex")}`;
}

export interface SignedPostOptions {
  secret: string;
  /** Seconds since epoch; default now. */
  timestamp?: number;
  /** Replace the computed signature (forgery tests). */
  signature?: string;
  headers?: Record<string, string>;
}

export interface SlackBody {
  body: string;
  contentType: string;
}

export function jsonBody(value: unknown): SlackBody {
  return { body: JSON.stringify(value), contentType: "application/json" };
}

export function formBody(fields: Record<string, string>): SlackBody {
  return { body: new URLSearchParams(fields).toString(), contentType: "application/x-www-form-urlencoded" };
}

/** Interactivity (shortcuts, block actions, view submissions) arrive as form field `payload=<json>`. */
export function interactionBody(payload: unknown): SlackBody {
  return formBody({ payload: JSON.stringify(payload) });
}

export async function postSigned(url: string, content: SlackBody, options: SignedPostOptions): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": content.contentType,
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": options.signature ?? slackSignature(options.secret, timestamp, content.body),
      ...options.headers,
    },
    body: content.body,
  });
}

let sequence = 0;

/** An Events API envelope around `event`. */
export function eventEnvelope(event: Record<string, unknown>, overrides: { eventId?: string; teamId?: string } = {}) {
  sequence += 1;
  return {
    token: "legacy-verification-token",
    team_id: overrides.teamId ?? "T1",
    api_app_id: "A1",
    type: "event_callback",
    event_id: overrides.eventId ?? `Ev${Date.now()}${sequence}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: overrides.teamId ?? "T1", user_id: "UBOT", is_bot: true }],
    event,
  };
}

export function dmEvent(user: string, text: string, extra: Record<string, unknown> = {}) {
  return {
    type: "message",
    channel: `D${user}`,
    channel_type: "im",
    user,
    text,
    ts: `1700000100.${++sequence}`,
    team: "T1",
    ...extra,
  };
}

export function mentionEvent(user: string, channel: string, text: string, extra: Record<string, unknown> = {}) {
  return { type: "app_mention", channel, user, text, ts: `1700000200.${++sequence}`, team: "T1", ...extra };
}

export function slashCommand(user: string, channel: string, text: string): Record<string, string> {
  return {
    token: "legacy",
    team_id: "T1",
    team_domain: "hospital",
    channel_id: channel,
    channel_name: "ward-7",
    user_id: user,
    user_name: `name-${user}`,
    command: "/itreport",
    text,
    api_app_id: "A1",
    response_url: "http://127.0.0.1:9/response",
    trigger_id: `trig-${++sequence}`,
  };
}
