/**
 * One JSON call to an ITSM tool with a time limit, its failures sorted the way the outbox needs
 * them: unreachable, slow, 5xx, 429 and refused credentials are ITSM_UNAVAILABLE (the ticket waits
 * and is never given up); any other refusal is ITSM_REJECTED (retried a few times, then given up).
 * Error messages name the call and the status, never a credential or the body we sent.
 */
import { AppError } from "../../domain/errors";

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface JsonCall {
  what: string;
  url: string;
  method: "GET" | "POST" | "PATCH";
  headers: Record<string, string>;
  /** JSON body, or a form (application/x-www-form-urlencoded) when `form` is set. */
  json?: unknown;
  form?: Record<string, string>;
  timeoutMs: number;
  fetch?: FetchLike;
}

export interface JsonAnswer {
  status: number;
  body: unknown;
}

const BODY_EXCERPT = 200;

export async function callJson(call: JsonCall): Promise<JsonAnswer> {
  const headers: Record<string, string> = { Accept: "application/json", ...call.headers };
  let body: string | undefined;
  if (call.form) {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(call.form).toString();
  } else if (call.json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(call.json);
  }
  let response: Response;
  try {
    response = await (call.fetch ?? fetch)(call.url, {
      method: call.method,
      headers,
      ...(body !== undefined ? { body } : {}),
      signal: AbortSignal.timeout(call.timeoutMs),
      redirect: "error",
    });
  } catch (err) {
    const timedOut = (err as Error).name === "TimeoutError";
    throw new AppError(
      "ITSM_UNAVAILABLE",
      `${call.what}: ${timedOut ? `no answer within ${call.timeoutMs} ms` : `unreachable (${(err as Error).message})`}`,
      { cause: err },
    );
  }
  const text = await response.text().catch(() => "");
  const { status } = response;
  if (status === 401 || status === 403)
    throw new AppError("ITSM_UNAVAILABLE", `${call.what}: credentials refused (HTTP ${status})`);
  if (status === 429 || status >= 500) throw new AppError("ITSM_UNAVAILABLE", `${call.what}: HTTP ${status}`);
  if (status < 200 || status >= 300)
    throw new AppError("ITSM_REJECTED", `${call.what}: HTTP ${status} ${text.slice(0, BODY_EXCERPT)}`.trim());
  try {
    return { status, body: text ? (JSON.parse(text) as unknown) : null };
  } catch {
    // A hibernating or proxied instance answers 200 with an HTML page: not the tool speaking.
    throw new AppError("ITSM_UNAVAILABLE", `${call.what}: HTTP ${status} but not JSON (${text.slice(0, 60)})`);
  }
}

/** The base URL without a trailing slash, so paths can be appended. */
export function baseUrl(url: string): string {
  return url.replace(/\/+$/, "");
}
