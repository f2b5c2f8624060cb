/** `export --from YYYY-MM-DD --to YYYY-MM-DD --format csv|jsonl`: reports created in those days. */
import { Option, type Command } from "commander";
import { exportReports, type ExportFormat } from "../../app/digest/export-reports";
import { nextCalendarDate, parseCalendarDate, startOfLocalDate, UsageError } from "../cli-args";
import type { CommandRuntime } from "../main";

interface ExportOptions {
  from: string;
  to: string;
  format: ExportFormat;
}

export function registerExportCommand(program: Command, runtime: CommandRuntime): void {
  program
    .command("export")
    .description("Export reports created between two dates (inclusive, in DIGEST_TIMEZONE) to stdout; text is redacted")
    .requiredOption("--from <date>", "first day, YYYY-MM-DD")
    .requiredOption("--to <date>", "last day, YYYY-MM-DD (inclusive)")
    .addOption(new Option("--format <format>", "output format").choices(["csv", "jsonl"]).default("csv"))
    .action(async (options: ExportOptions) => {
      const from = parseCalendarDate("--from", options.from);
      const to = parseCalendarDate("--to", options.to);
      const timeZone = runtime.env().DIGEST_TIMEZONE;
      const range = { from: startOfLocalDate(from, timeZone), to: startOfLocalDate(nextCalendarDate(to), timeZone) };
      if (range.to <= range.from) throw new UsageError("--to must not be before --from");
      await runtime.withContext(async (ctx) => {
        const count = await exportReports(ctx.store.reports, range, options.format, (chunk) => {
          runtime.io.stdout.write(chunk);
        });
        runtime.io.stderr.write(`exported ${count} report(s)\n`);
      });
    });
}
