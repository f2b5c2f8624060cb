/**
 * Teams 429: the Bot Connector's "Too Many Requests" (and a 503 that names a Retry-After) fails the
 * call at once with the wait it asked for, instead of botbuilder's HTTP pipeline sleeping that long
 * and retrying inside the send (which held the outbox dispatcher, and everything queued behind the
 * message, for the whole Retry-After). The Teams sender turns it into ChannelRateLimitedError; the
 * outbox then waits exactly that long and holds the channel's other messages too, as for Slack.
 *
 * Installed on each connector client as one more pipeline policy, inside the retry policy (phase
 * "Sign"): the retry policy rethrows any error that is not a RestError, so nothing is retried.
 */
import type { ConnectorClient } from "botframework-connector";

/** Without a usable Retry-After, this long (Microsoft's guidance: back off, then retry). */
export const DEFAULT_RETRY_AFTER_MS = 5_000;
/** Never wait longer than this for one Retry-After (a hostile or broken value). */
export const MAX_RETRY_AFTER_MS = 10 * 60_000;
const POLICY_NAME = "clinicianFeedbackRateLimitFailsFast";

/** The connector asked us to slow down. */
export class ConnectorRateLimitedError extends Error {
  constructor(
    readonly status: number,
    readonly retryAfterMs: number,
  ) {
    super(`Bot Connector answered ${status} (retry after ${Math.round(retryAfterMs / 1000)} s)`);
    this.name = "ConnectorRateLimitedError";
  }
}

/**
 * Milliseconds to wait from Retry-After (seconds or an HTTP date) or retry-after-ms /
 * x-ms-retry-after-ms; null when none is usable. Capped at MAX_RETRY_AFTER_MS.
 */
export function retryAfterMsOf(header: (name: string) => string | undefined, now: number): number | null {
  const cap = (ms: number): number => Math.min(MAX_RETRY_AFTER_MS, Math.max(0, Math.ceil(ms)));
  for (const name of ["retry-after-ms", "x-ms-retry-after-ms"]) {
    const value = Number(header(name));
    if (header(name) !== undefined && Number.isFinite(value) && value >= 0) return cap(value);
  }
  const raw = header("retry-after")?.trim();
  if (!raw) return null;
  if (/^\d+(?:\.\d+)?$/.test(raw)) return cap(Number(raw) * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? null : cap(at - now);
}

/** What this file needs of @azure/core-rest-pipeline's Pipeline (a transitive dependency of botbuilder). */
interface PipelineResponseLike {
  status: number;
  headers: { get(name: string): string | undefined };
}
interface PipelineLike {
  addPolicy(
    policy: {
      name: string;
      sendRequest(request: unknown, next: (r: unknown) => Promise<PipelineResponseLike>): Promise<PipelineResponseLike>;
    },
    options?: { phase?: "Serialize" | "Retry" | "Sign" },
  ): void;
  removePolicy(options: { name: string }): unknown;
}

/** Adds the fail-fast policy to a connector client (idempotent). False when the client has no pipeline to add it to. */
export function failFastOnRateLimit(client: ConnectorClient): boolean {
  const pipeline = (client as unknown as { client?: { pipeline?: PipelineLike } }).client?.pipeline;
  if (!pipeline || typeof pipeline.addPolicy !== "function") return false;
  pipeline.removePolicy({ name: POLICY_NAME });
  pipeline.addPolicy(
    {
      name: POLICY_NAME,
      async sendRequest(request, next) {
        const response = await next(request);
        const wait = retryAfterMsOf((name) => response.headers.get(name), Date.now());
        if (response.status === 429) throw new ConnectorRateLimitedError(429, wait ?? DEFAULT_RETRY_AFTER_MS);
        if (response.status === 503 && wait !== null) throw new ConnectorRateLimitedError(503, wait);
        return response;
      },
    },
    { phase: "Sign" },
  );
  return true;
}
