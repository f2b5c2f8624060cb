/**
 * GET /healthz: the process is alive. GET /readyz: 503 when the store does not answer (nothing can
 * be acknowledged). A failing component check (e.g. Teams credentials refused by Entra ID) answers
 * 200 with status "degraded" and the reason: the service still takes reports in and stores them, and
 * a 503 would make a load balancer or Kubernetes stop sending it the reports at all. Alert on
 * "degraded".
 */
import type { Store } from "../ports/store";
import type { RouteModule } from "./server";

/**
 * A probe must answer within a load balancer's timeout (typically 1 s), even while the store's
 * driver waits its full server-selection time (5 s on MongoDB): past this, the store counts as down.
 */
export const READY_PROBE_TIMEOUT_MS = 800;

/** Resolves when the store answers a ping; rejects with the reason, or when it takes too long. */
export async function probeStore(store: Store, timeoutMs = READY_PROBE_TIMEOUT_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const tooSlow = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`the store did not answer a ping within ${timeoutMs} ms`)), timeoutMs);
  });
  const ping = store.ping();
  ping.catch(() => undefined); // a late failure after the timeout is already answered
  try {
    await Promise.race([ping, tooSlow]);
  } finally {
    clearTimeout(timer);
  }
}

/** A component's own view of whether the service can do its job (read on every /readyz). */
export interface ComponentHealth {
  /** The key in the /readyz answer, e.g. "teams". */
  name: string;
  ready: boolean;
  /** Short state shown under `name`, e.g. "credentials verified". */
  detail: string;
  /** Why it is not ready, in plain words (shown as the answer's `reason`); null when ready. */
  reason: string | null;
}

export function healthRoutes(
  store: Store,
  components: () => Record<string, string>,
  checks: () => readonly ComponentHealth[] = () => [],
): RouteModule {
  return {
    name: "health",
    register(server) {
      server.get("/healthz", (_req, res, next) => {
        res.json(200, { status: "ok" });
        next();
      });
      // restify 11: an async handler takes (req, res) and must not call next.
      server.get("/readyz", async (_req, res) => {
        const health = checks();
        const details = Object.fromEntries(health.map((h) => [h.name, h.detail]));
        try {
          await probeStore(store);
        } catch (err) {
          res.json(503, { status: "not ready", store: store.describe(), reason: (err as Error).message, ...details });
          return;
        }
        const failing = health.filter((h) => !h.ready);
        if (failing.length > 0) {
          const reason = failing.map((h) => h.reason ?? `${h.name}: ${h.detail}`).join("; ");
          res.json(200, { status: "degraded", store: store.describe(), reason, ...components(), ...details });
          return;
        }
        res.json(200, { status: "ready", store: store.describe(), ...components(), ...details });
      });
    },
  };
}
