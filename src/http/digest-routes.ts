/**
 * Digest routes:
 * - GET /digest/:period/chart.png — the chart embedded in the digest cards (stable URL per ISO week),
 *   rendered in process and cached in memory per period;
 * - GET /digest/latest.json — the last complete week's card and text, for the demo web page.
 * Cached entries carry a data stamp (how many reports, how many open: two indexed counts), so new or
 * triaged reports — `seed-demo` into a running demo, too — show on the next request, and expire after
 * a while anyway (reclassification changes neither count). The page polls latest.json and reloads
 * the chart when its `version` changes.
 * Figures only: the digest holds redacted summaries, never raw report text.
 */
import type restify from "restify";
import { renderDigestCard } from "../adapters/digest/adaptive-card";
import { renderDigestText } from "../adapters/digest/text";
import { buildDigest, type BuildDigestDeps } from "../app/digest/build-digest";
import { digestChartUrl } from "../app/digest/send-digest";
import type { Digest } from "../domain/digest";
import { digestWindowForWeek, isIsoWeek, lastCompleteWeek, type DigestWindow } from "../domain/iso-week";
import { OPEN_STATUSES } from "../domain/status";
import type { Clock } from "../ports/clock";
import type { RouteModule } from "./server";

export interface DigestRoutesOptions extends BuildDigestDeps {
  /**
   * Renders the week's chart as PNG (main.ts loads the renderer on first use: the charting
   * libraries cost about 7 MB of heap, and most days nobody asks for a chart).
   */
  renderChart: (digest: Digest) => Promise<Buffer>;
  /** DIGEST_TIMEZONE: the zone ISO weeks are read in. */
  timeZone: string;
  publicBaseUrl: string | null | undefined;
  clock: Clock;
  /** How long an entry for a week that is not over yet stays cached (default 5 min). */
  openWeekTtlMs?: number;
  /** How long an entry for a finished week stays cached while the data stamp holds (default 30 min). */
  finishedWeekTtlMs?: number;
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
  stamp: string;
}

/** A small per-period memo, valid while the data stamp is unchanged and the entry young enough; oldest evicted. */
function periodCache<T>(max: number, ttl: { open: number; finished: number }, clock: Clock) {
  const entries = new Map<string, CacheEntry<T>>();
  return (window: DigestWindow, stamp: string, make: () => Promise<T>): Promise<T> => {
    const now = clock.now().getTime();
    const hit = entries.get(window.period);
    if (hit && hit.expiresAt > now && hit.stamp === stamp) return hit.value;
    const value = make();
    const expiresAt = now + (window.to.getTime() <= now ? ttl.finished : ttl.open);
    entries.delete(window.period);
    entries.set(window.period, { value, expiresAt, stamp });
    value.catch(() => entries.delete(window.period));
    while (entries.size > max) entries.delete(entries.keys().next().value as string);
    return value;
  };
}

export function createDigestRoutes(options: DigestRoutesOptions): RouteModule {
  const { clock, logger } = options;
  const max = options.maxCachedPeriods ?? 24;
  const ttl = { open: options.openWeekTtlMs ?? 5 * 60_000, finished: options.finishedWeekTtlMs ?? 30 * 60_000 };
  // The chart needs no narrative: skip the narrator (an LLM call) for it.
  const digests = periodCache<Digest>(max, ttl, clock);
  const charts = periodCache<Buffer>(max, ttl, clock);
  const narrated = periodCache<Digest>(max, ttl, clock);
  const figuresOnly = (w: DigestWindow, stamp: string) =>
    digests(w, stamp, () => buildDigest({ ...options, narrator: null }, w, clock.now()));
  /** Changes when reports are added, removed or opened/closed (two indexed counts, no documents read). */
  const dataStamp = async (): Promise<string> => {
    const [all, open] = await Promise.all([
      options.reports.count({}),
      options.reports.count({ statusIn: OPEN_STATUSES }),
    ]);
    return `${all}.${open}`;
  };

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
          const stamp = await dataStamp();
          const digest = await narrated(window, stamp, () => buildDigest(options, window, clock.now()));
          const chartUrl = digestChartUrl(options.publicBaseUrl, digest.period) ?? `/digest/${digest.period}/chart.png`;
          res.header("Cache-Control", "no-cache");
          res.json({
            period: digest.period,
            version: stamp,
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
          const stamp = await dataStamp();
          const png = await charts(window, stamp, async () => options.renderChart(await figuresOnly(window, stamp)));
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
