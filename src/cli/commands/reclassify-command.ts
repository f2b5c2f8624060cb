/** `reclassify --since YYYY-MM-DD`: re-runs the configured classifier; manual classifications are kept. */
import { SingleBar, Presets } from "cli-progress";
import type { Command } from "commander";
import { reclassifyReports } from "../../app/triage/reclassify-reports";
import { parseCalendarDate, startOfLocalDate } from "../cli-args";
import type { CommandRuntime } from "../main";

export function registerReclassifyCommand(program: Command, runtime: CommandRuntime): void {
  program
    .command("reclassify")
    .description("Re-run the configured classifier over reports created since a date (manual classifications are kept)")
    .requiredOption("--since <date>", "first day, YYYY-MM-DD (in DIGEST_TIMEZONE)")
    .action(async (options: { since: string }) => {
      const since = startOfLocalDate(parseCalendarDate("--since", options.since), runtime.env().DIGEST_TIMEZONE);
      await runtime.withContext(async (ctx) => {
        const bar = new SingleBar(
          {
            stream: runtime.io.stderr as NodeJS.WritableStream,
            format: "reclassify [{bar}] {percentage}% | {value}/{total} reports | eta {eta}s",
            hideCursor: true,
          },
          Presets.shades_classic,
        );
        let started = false;
        const summary = await reclassifyReports(
          {
            reports: ctx.store.reports,
            classifier: ctx.classifier,
            redactor: ctx.redactor,
            clock: ctx.clock,
            logger: ctx.logger,
          },
          { since },
          (done, total) => {
            if (!started) {
              bar.start(total, done);
              started = true;
            } else bar.update(done);
          },
        );
        if (started) bar.stop();
        runtime.io.stderr.write(
          `reclassified ${summary.reclassified} of ${summary.total} (${summary.changed} changed), ` +
            `kept ${summary.keptManual} manual, ${summary.failed} failed, classifier ${ctx.classifier.name}\n`,
        );
      });
    });
}
