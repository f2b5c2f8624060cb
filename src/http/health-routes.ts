/** GET /healthz: the process is alive. GET /readyz: the store answers (503 with the reason when not). */
import type { Store } from "../ports/store";
import type { RouteModule } from "./server";

export function healthRoutes(store: Store, components: () => Record<string, string>): RouteModule {
  return {
    name: "health",
    register(server) {
      server.get("/healthz", (_req, res, next) => {
        res.json(200, { status: "ok" });
        next();
      });
      // restify 11: an async handler takes (req, res) and must not call next.
      server.get("/readyz", async (_req, res) => {
        try {
          await store.ping();
          res.json(200, { status: "ready", store: store.describe(), ...components() });
        } catch (err) {
          res.json(503, { status: "not ready", store: store.describe(), reason: (err as Error).message });
        }
      });
    },
  };
}
