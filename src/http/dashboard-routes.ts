/**
 * The CMIO dashboard on the bot's one server:
 *   GET /dashboard                    the page (plain HTML, its script and stylesheet)
 *   GET /dashboard/vendor/*.js        Vega and Vega-Lite browser bundles, from node_modules (no CDN)
 *   GET /dashboard/api/summary?…      the figures and the list, as JSON (query checked with zod)
 *   GET /dashboard/api/export.csv?…   the same, as CSV: exactly what the page shows
 * Access: with web chat sign-in configured, signed-in users only (401 with a sign-in link);
 * otherwise loopback clients only (403 in plain words for anyone else), whatever HOST is.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type restify from "restify";
import type { z } from "zod";
import { loadDashboard, type DashboardDeps } from "../app/dashboard/dashboard-service";
import { dashboardCsv } from "../domain/dashboard/dashboard-csv";
import { DashboardQuerySchema } from "../domain/dashboard/dashboard-query";
import type { DashboardView } from "../domain/dashboard/dashboard-view";
import { AppError } from "../domain/errors";
import type { Logger } from "../ports/logger";
import type { RouteModule } from "./server";

export interface DashboardRoutesOptions extends DashboardDeps {
  logger: Logger;
  /**
   * Sign-in (the web chat's OpenID Connect session). Present: the dashboard needs a signed-in user.
   * Absent: loopback clients only.
   */
  /** Whether a request comes from this machine (default: its peer address is loopback). */
  isLocal?: (req: restify.Request) => boolean;
  signIn?: {
    /** "allowed", or why not: nobody signed in, or a signed-in user without the right to read reports. */
    check(req: restify.Request): "allowed" | "signed-out" | "not-allowed";
    loginPath: string;
  } | null;
}

const PAGE_FILES: Record<string, { file: string; type: string }> = {
  "/dashboard": { file: "index.html", type: "text/html; charset=utf-8" },
  "/dashboard/dashboard.js": { file: "dashboard.js", type: "text/javascript; charset=utf-8" },
  "/dashboard/dashboard-charts.js": { file: "dashboard-charts.js", type: "text/javascript; charset=utf-8" },
  "/dashboard/dashboard.css": { file: "dashboard.css", type: "text/css; charset=utf-8" },
};

/** Vega compiles its expressions with Function(), hence 'unsafe-eval'; scripts still come from here only. */
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join("; ");

const SECURITY_HEADERS = {
  "content-security-policy": CSP,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

/** `dashboard-page/` next to this file (tsx, jest, dist) or, failing that, in the source tree. */
function pageDir(): string {
  const candidates = [path.join(__dirname, "dashboard-page"), path.resolve("src/http/dashboard-page")];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, "index.html")));
  if (!found) throw new AppError("NOT_FOUND", "dashboard page files are missing");
  return found;
}

/** The browser bundles beside each package's node entry point (build/). */
const VENDOR: Record<string, () => string> = {
  "/dashboard/vendor/vega.min.js": () => path.join(path.dirname(require.resolve("vega")), "vega.min.js"),
  "/dashboard/vendor/vega-lite.min.js": () => path.join(path.dirname(require.resolve("vega-lite")), "vega-lite.min.js"),
};

const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|::ffff:127(\.\d{1,3}){3})$/;

export function isLoopbackClient(req: restify.Request): boolean {
  return LOOPBACK.test(req.socket?.remoteAddress ?? "");
}

function plain(res: restify.Response, status: number, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...extra });
  res.end(body);
}

/** zod issues in plain words: "from: must be an ISO week such as 2026-W30". */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => {
      const where = i.path.join(".");
      if (i.code === "unrecognized_keys") return `unknown parameter(s): ${i.keys.join(", ")}`;
      return where ? `${where}: ${i.message}` : i.message;
    })
    .join("; ");
}

export function createDashboardRoutes(options: DashboardRoutesOptions): RouteModule {
  const { logger } = options;
  const files = new Map<string, Buffer>();
  const read = (file: string): Buffer => {
    let body = files.get(file);
    if (!body) files.set(file, (body = fs.readFileSync(file)));
    return body;
  };

  /** True when the request may go on; otherwise the refusal is sent. */
  const admitted = (req: restify.Request, res: restify.Response, api: boolean): boolean => {
    const signIn = options.signIn;
    if (signIn) {
      const verdict = signIn.check(req);
      if (verdict === "allowed") return true;
      if (verdict === "not-allowed") {
        logger.warn({ status: 403, path: req.path() }, "dashboard: request refused (signed in, no triage rights)");
        plain(
          res,
          403,
          "You are signed in, but the dashboard is for IT and the people named as triagers (TRIAGE_CONFIG_FILE triagers.webchat).",
        );
        return false;
      }
      logger.warn({ status: 401, path: req.path() }, "dashboard: request refused (not signed in)");
      if (api) plain(res, 401, `Sign in first: ${signIn.loginPath}`);
      else {
        res.writeHead(401, {
          "content-type": "text/html; charset=utf-8",
          "cache-control": "no-store",
          ...SECURITY_HEADERS,
        });
        res.end(
          `<!doctype html><meta charset="utf-8"><title>Sign in</title><p>The CMIO dashboard needs you to sign in. <a href="${signIn.loginPath}">Sign in</a>, then open /dashboard again.</p>`,
        );
      }
      return false;
    }
    if ((options.isLocal ?? isLoopbackClient)(req)) return true;
    logger.warn({ status: 403, path: req.path() }, "dashboard: request refused (not a loopback client, no sign-in)");
    plain(
      res,
      403,
      "The dashboard is only available on this machine (127.0.0.1) until sign-in is set up (WEBCHAT_OIDC_ISSUER and its client).",
    );
    return false;
  };

  const view = async (req: restify.Request, res: restify.Response): Promise<DashboardView | null> => {
    const parsed = DashboardQuerySchema.safeParse(Object.fromEntries(new URLSearchParams(req.getQuery())));
    if (!parsed.success) {
      res.status(400);
      res.json({ error: { code: "BAD_REQUEST", message: describeIssues(parsed.error) } });
      return null;
    }
    try {
      return await loadDashboard(options, parsed.data);
    } catch (err) {
      if (err instanceof AppError && err.code === "BAD_REQUEST") {
        res.status(400);
        res.json({ error: { code: "BAD_REQUEST", message: err.message } });
        return null;
      }
      const errorId = `E-${randomBytes(4).toString("hex")}`;
      const code = err instanceof AppError ? err.code : "INTERNAL";
      logger.error({ errorId, code, err: err instanceof Error ? err.message : String(err) }, "dashboard failed");
      res.status(code === "STORAGE_UNAVAILABLE" ? 503 : 500);
      res.json({
        error: { code, message: `Sorry, the dashboard could not be loaded. Quote ${errorId} to IT.`, errorId },
      });
      return null;
    }
  };

  return {
    name: "dashboard",
    register(server) {
      for (const [route, asset] of Object.entries(PAGE_FILES))
        server.get(route, (req: restify.Request, res: restify.Response, next: restify.Next) => {
          if (!admitted(req, res, false)) return next();
          const body = read(path.join(pageDir(), asset.file));
          res.writeHead(200, {
            "content-type": asset.type,
            "content-length": body.length,
            "cache-control": "no-cache",
            ...SECURITY_HEADERS,
          });
          res.end(body);
          next();
        });
      for (const [route, file] of Object.entries(VENDOR))
        server.get(route, (req: restify.Request, res: restify.Response, next: restify.Next) => {
          if (!admitted(req, res, false)) return next();
          const body = read(file());
          res.writeHead(200, {
            "content-type": "text/javascript; charset=utf-8",
            "content-length": body.length,
            "cache-control": "public, max-age=86400",
            "x-content-type-options": "nosniff",
          });
          res.end(body);
          next();
        });

      server.get("/dashboard/api/summary", async (req: restify.Request, res: restify.Response) => {
        if (!admitted(req, res, true)) return;
        const v = await view(req, res);
        if (!v) return;
        res.header("cache-control", "no-store");
        res.json(v);
      });

      server.get("/dashboard/api/export.csv", async (req: restify.Request, res: restify.Response) => {
        if (!admitted(req, res, true)) return;
        const v = await view(req, res);
        if (!v) return;
        const body = Buffer.from(`\uFEFF${dashboardCsv(v)}`, "utf8");
        res.writeHead(200, {
          "content-type": "text/csv; charset=utf-8",
          "content-length": body.length,
          "content-disposition": `attachment; filename="dashboard-${v.range.from}-${v.range.to}.csv"`,
          "cache-control": "no-store",
          "x-content-type-options": "nosniff",
        });
        res.end(body);
      });
    },
  };
}
