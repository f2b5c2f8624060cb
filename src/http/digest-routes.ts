/**
 * Digest routes:
 * - GET /digest/:period/chart.png — the chart embedded in the digest cards (stable URL per ISO week),
 *   rendered in process and cached in memory per period;
 * - GET /digest/latest.json — the last complete week's card and text, for the demo web page.
 * Figures only: the digest holds redacted summaries, never raw report text.
 */
import type restify from "restify";
import { renderDigestCard } from "../adapters/digest/adaptive-card";
import { renderDigestChart } from "../adapters/digest/chart";
import { renderDigestText } from "../adapters/digest/text";
import { buildDigest, type BuildDigestDeps } from "../app/build-digest";
import { digestChartUrl } from "../app/send-digest";
import type { Digest } from "../domain/digest";
import { digestWindowForWeek, isIsoWeek, lastCompleteWeek, type DigestWindow } from "../domain/iso-week";
import type { Clock } from "../ports/clock";
import type { RouteModule } from "./server";

export interface DigestRoutesOptions extends BuildDigestDeps {
  /** DIGEST_TIMEZONE: the zone ISO weeks are read in. */
  timeZone: string;
  publicBaseUrl: string | null | undefined;
  clock: Clock;
  /** How long an entry for a week that is not over yet stays cached (default 5 min). */
  openWeekTtlMs?: number;
  /** Most periods kept in memory (default 24). */
  maxCachedPeriods?: number;
  /**
   * Who may read the digest JSON (unit, system and summary text of the week). Absent: anyone who can
   * reach the server (the loopback demo, or a deployment without the web chat). With web chat
   * sign-in: signed-in users only. The chart PNG stays public: Teams and Slack fetch it for cards.
   */
  mayRead?: (req: restify.Request) => boolean;
}

interface CacheEntry<T> {
  value: Promise<T>;
  expiresAt: number;
}

/** A small per-period memo: finished weeks stay cached, the current week expires; oldest evicted. */
function periodCache<T>(max: number, openTtlMs: number, clock: Clock) {
  const entries = new Map<string, CacheEntry<T>>();
  return (window: DigestWindow, make: () => Promise<T>): Promise<T> => {
    const now = clock.now().getTime();
    const hit = entries.get(window.period);
    if (hit && hit.expiresAt > now) return hit.value;
    const value = make();
    const expiresAt = window.to.getTime() <= now ? Number.POSITIVE_INFINITY : now + openTtlMs;
    entries.delete(window.period);
    entries.set(window.period, { value, expiresAt });
    value.catch(() => entries.delete(window.period));
    while (entries.size > max) entries.delete(entries.keys().next().value as string);
    return value;
  };
}

export function createDigestRoutes(options: DigestRoutesOptions): RouteModule {
  const { clock, logger } = options;
  const max = options.maxCachedPeriods ?? 24;
  const ttl = options.openWeekTtlMs ?? 5 * 60_000;
  // The chart needs no narrative: skip the narrator (an LLM call) for it.
  const digests = periodCache<Digest>(max, ttl, clock);
  const charts = periodCache<Buffer>(max, ttl, clock);
  const narrated = periodCache<Digest>(max, ttl, clock);
  const figuresOnly = (w: DigestWindow) =>
    digests(w, () => buildDigest({ ...options, narrator: null }, w, clock.now()));

  const fail = (res: restify.Response, status: number, code: string, message: string) => {
    res.status(status);
    res.json({ error: { code, message } });
  };

  return {
    name: "digest",
    register(server) {
      server.get("/digest/latest.json", async (req: restify.Request, res: restify.Response) => {
        if (options.mayRead && !options.mayRead(req)) {
          options.logger.warn({ status: 401, path: "/digest/latest.json" }, "digest: request refused (not signed in)");
          res.send(401, { error: "sign in first" });
          return;
        }
        try {
          const window = lastCompleteWeek(clock.now(), options.timeZone);
          const digest = await narrated(window, () => buildDigest(options, window, clock.now()));
          const chartUrl = digestChartUrl(options.publicBaseUrl, digest.period) ?? `/digest/${digest.period}/chart.png`;
          res.header("Cache-Control", "no-cache");
          res.json({
            period: digest.period,
            chartUrl,
            card: renderDigestCard(digest, { chartUrl }),
            text: renderDigestText(digest),
          });
        } catch (err) {
          logger.error({ err: err instanceof Error ? err.message : String(err) }, "digest latest.json failed");
          fail(res, 500, "INTERNAL", "The digest could not be built.");
        }
      });

      server.get("/digest/:period/chart.png", async (req: restify.Request, res: restify.Response) => {
        const raw: unknown = (req.params as Record<string, unknown>).period;
        const period = typeof raw === "string" ? raw : "";
        if (!isIsoWeek(period)) return fail(res, 400, "BAD_REQUEST", "period must be an ISO week such as 2026-W47");
        try {
          const window = digestWindowForWeek(period, options.timeZone);
          if (window.from.getTime() > clock.now().getTime())
            return fail(res, 404, "NOT_FOUND", "that week has not started yet");
          const png = await charts(window, async () => renderDigestChart(await figuresOnly(window)));
          res.writeHead(200, {
            "Content-Type": "image/png",
            "Content-Length": png.length,
            "Cache-Control": window.to.getTime() <= clock.now().getTime() ? "public, max-age=86400" : "no-cache",
          });
          res.end(png);
        } catch (err) {
          logger.error({ period, err: err instanceof Error ? err.message : String(err) }, "digest chart failed");
          fail(res, 500, "INTERNAL", "The chart could not be rendered.");
        }
      });
    },
  };
}
