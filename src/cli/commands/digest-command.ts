/** `digest [--week 2026-W47] [--format …] [--send]`: prints a week's digest; sends only with --send. */
import { Option, type Command } from "commander";
import { renderDigestCard } from "../../adapters/digest/adaptive-card";
import { renderDigestBlocks } from "../../adapters/digest/block-kit";
import { renderDigestText } from "../../adapters/digest/text";
import { buildDigest } from "../../app/digest/build-digest";
import { digestChartUrl, digestRunKey, sendDigest } from "../../app/digest/send-digest";
import { loadTriageConfig } from "../../config/triage-config";
import type { Digest } from "../../domain/digest";
import { digestWindowForWeek, isIsoWeek, lastCompleteWeek } from "../../domain/iso-week";
import { systemIds } from "../../domain/catalogue";
import { AppError } from "../../domain/errors";
import { UsageError } from "../cli-args";
import type { CommandRuntime } from "../main";

export const DIGEST_FORMATS = ["text", "adaptive-card", "block-kit", "json"] as const;
export type DigestFormat = (typeof DIGEST_FORMATS)[number];

export function renderDigestAs(digest: Digest, format: DigestFormat, chartUrl: string | null): string {
  switch (format) {
    case "text":
      return renderDigestText(digest);
    case "adaptive-card":
      return JSON.stringify(renderDigestCard(digest, { chartUrl }), null, 2);
    case "block-kit":
      return JSON.stringify(renderDigestBlocks(digest, { chartUrl }), null, 2);
    case "json":
      return JSON.stringify(digest, null, 2);
  }
}

/** Why `week` is not an ISO week, in words that say how to write it. */
function weekProblem(week: string): string {
  const m = /^(\d{4})-?W(\d{1,2})$/i.exec(week.trim());
  if (m) {
    const period = `${m[1]}-W${m[2]!.padStart(2, "0")}`;
    if (isIsoWeek(period)) return `--week needs the ISO form ${period} (got "${week}")`;
    if (Number(m[2]) > 0) {
      const weeks = isIsoWeek(`${m[1]}-W53`) ? 53 : 52;
      return `--week ${period} does not exist: ${m[1]} has ${weeks} ISO weeks`;
    }
  }
  return `--week must be an ISO week such as 2026-W47 (got "${week}")`;
}

interface DigestOptions {
  week?: string;
  format: DigestFormat;
  send?: boolean;
}

export function registerDigestCommand(program: Command, runtime: CommandRuntime): void {
  program
    .command("digest")
    .description("Print the weekly CMIO digest (sends nothing unless --send)")
    .option("--week <isoWeek>", "ISO week such as 2026-W47 (default: the last complete week in DIGEST_TIMEZONE)")
    .addOption(new Option("--format <format>", "output format").choices(DIGEST_FORMATS).default("text"))
    .option("--send", "also deliver it to the configured digest destinations (once per week and destination)")
    .action(async (options: DigestOptions) => {
      if (options.week !== undefined && !isIsoWeek(options.week)) throw new UsageError(weekProblem(options.week));
      const env = runtime.env();
      await runtime.withContext(async (ctx) => {
        const now = ctx.clock.now();
        const window = options.week
          ? digestWindowForWeek(options.week, env.DIGEST_TIMEZONE)
          : lastCompleteWeek(now, env.DIGEST_TIMEZONE);
        if (window.from > now)
          throw new UsageError(
            `--week ${window.period} has not started yet; the last complete week is ${lastCompleteWeek(now, env.DIGEST_TIMEZONE).period}`,
          );
        if (window.to > now)
          runtime.io.stderr.write(`note: ${window.period} is not over yet; these are the figures so far.\n`);
        const deps = {
          reports: ctx.store.reports,
          catalogue: ctx.catalogue,
          narrator: ctx.narrator,
          logger: ctx.logger,
        };
        const digest = await buildDigest(deps, window, ctx.clock.now());
        const chartUrl = digestChartUrl(env.PUBLIC_BASE_URL, digest.period);
        runtime.io.stdout.write(`${renderDigestAs(digest, options.format, chartUrl)}\n`);
        if (!options.send) return;
        const destinations = loadTriageConfig(env.TRIAGE_CONFIG_FILE, { systemIds: systemIds(ctx.catalogue) }).digest;
        if (destinations.length === 0)
          throw new UsageError("no digest destinations are configured (TRIAGE_CONFIG_FILE: digest)");
        const results = await sendDigest(
          {
            store: ctx.store,
            senders: await ctx.senders(),
            catalogue: ctx.catalogue,
            narrator: ctx.narrator,
            publicBaseUrl: env.PUBLIC_BASE_URL,
            owner: ctx.owner,
            clock: ctx.clock,
            logger: ctx.logger,
          },
          window,
          destinations,
        );
        for (const r of results)
          runtime.io.stderr.write(
            `${digest.period} → ${digestRunKey(r.destination)}: ${r.outcome}${r.error ? ` (${r.error})` : ""}\n`,
          );
        const undelivered = results.filter((r) => r.outcome === "failed" || r.outcome === "no_sender");
        if (undelivered.length > 0)
          throw new AppError(
            "CHANNEL_SEND_FAILED",
            `not delivered to ${undelivered.map((r) => digestRunKey(r.destination)).join(", ")}`,
          );
      });
    });
}
