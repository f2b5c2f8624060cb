/**
 * How the fake ITSM tools post their status webhook: JSON body, `X-ITSM-Timestamp` (Unix seconds),
 * `X-ITSM-Delivery` and `X-ITSM-Signature: sha256=` + hex HMAC-SHA256 of "<ts>.<delivery>.<body>",
 * computed here independently of the service's own code.
 */
import { createHmac, randomUUID } from "node:crypto";

export interface WebhookTarget {
  url: string;
  secret: string;
  /** The sender's clock (the tests' fake clock). */
  now: () => Date;
}

export interface SignedDelivery {
  body: string;
  headers: Record<string, string>;
}

export function signDelivery(
  target: Pick<WebhookTarget, "secret" | "now">,
  payload: unknown,
  options: { deliveryId?: string; timestamp?: number; secret?: string; rawBody?: string } = {},
): SignedDelivery {
  const body = options.rawBody ?? JSON.stringify(payload);
  const timestamp = options.timestamp ?? Math.floor(target.now().getTime() / 1000);
  const deliveryId = options.deliveryId ?? randomUUID();
  const mac = createHmac("sha256", options.secret ?? target.secret)
    .update(`${timestamp}.${deliveryId}.${body}`)
    .digest("hex");
  return {
    body,
    headers: {
      "Content-Type": "application/json",
      "X-ITSM-Timestamp": String(timestamp),
      "X-ITSM-Delivery": deliveryId,
      "X-ITSM-Signature": `sha256=${mac}`,
    },
  };
}

export async function postDelivery(url: string, delivery: SignedDelivery): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { method: "POST", headers: delivery.headers, body: delivery.body });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, body };
}
