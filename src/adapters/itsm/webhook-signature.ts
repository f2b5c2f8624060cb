/**
 * The ITSM status webhook's authentication: `X-ITSM-Signature: sha256=<hex or base64>` is the
 * HMAC-SHA256, keyed with ITSM_WEBHOOK_SECRET, of `<timestamp>.<delivery id>.<raw body>`, where
 * `X-ITSM-Timestamp` is Unix seconds (within five minutes of our clock) and `X-ITSM-Delivery` the
 * sender's id of this delivery (kept the same on its retries). Signing the timestamp and the id
 * with the body means neither can be changed to slip a replay past the window or the delivery log.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const ITSM_SIGNATURE_HEADER = "x-itsm-signature";
export const ITSM_TIMESTAMP_HEADER = "x-itsm-timestamp";
export const ITSM_DELIVERY_HEADER = "x-itsm-delivery";
export const MAX_SKEW_SECONDS = 5 * 60;

const DELIVERY_ID = /^[A-Za-z0-9._:@-]{1,200}$/;

export type WebhookCheck =
  { ok: true; deliveryId: string } | { ok: false; reason: "missing" | "stale" | "mismatch" | "bad delivery id" };

function mac(secret: string, timestamp: string, deliveryId: string, body: string): Buffer {
  return createHmac("sha256", secret).update(`${timestamp}.${deliveryId}.${body}`).digest();
}

/** The header value a sender puts on a delivery (used by the fakes and the README's example). */
export function signItsmWebhook(secret: string, timestamp: number, deliveryId: string, body: string): string {
  return `sha256=${mac(secret, String(timestamp), deliveryId, body).toString("hex")}`;
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export function checkItsmWebhook(options: {
  secret: string;
  rawBody: string;
  headers: Record<string, string | undefined>;
  now: Date;
}): WebhookCheck {
  const signature = options.headers[ITSM_SIGNATURE_HEADER];
  const timestamp = options.headers[ITSM_TIMESTAMP_HEADER];
  const deliveryId = options.headers[ITSM_DELIVERY_HEADER];
  if (!signature || !timestamp || !deliveryId || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: "missing" };
  if (!DELIVERY_ID.test(deliveryId)) return { ok: false, reason: "bad delivery id" };
  if (Math.abs(Math.floor(options.now.getTime() / 1000) - Number(timestamp)) > MAX_SKEW_SECONDS)
    return { ok: false, reason: "stale" };
  const match = /^sha256=([A-Za-z0-9+/=]{1,200})$/.exec(signature.trim());
  if (!match?.[1]) return { ok: false, reason: "mismatch" };
  const expected = mac(options.secret, timestamp, deliveryId, options.rawBody);
  const given = match[1];
  const asHex = /^[0-9a-fA-F]{64}$/.test(given) ? Buffer.from(given, "hex") : null;
  const ok = (asHex !== null && sameBytes(asHex, expected)) || sameBytes(Buffer.from(given, "base64"), expected);
  return ok ? { ok: true, deliveryId } : { ok: false, reason: "mismatch" };
}
