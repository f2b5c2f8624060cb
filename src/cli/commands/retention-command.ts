/** `retention [--dry-run] [--days N]`: erases (or lists) closed reports past the retention period. */
import type { Command } from "commander";
import { runRetention } from "../../app/admin/retention";
import { UsageError } from "../cli-args";
import type { CommandRuntime } from "../main";

interface RetentionOptions {
  dryRun?: boolean;
  days?: string;
}

export function registerRetentionCommand(program: Command, runtime: CommandRuntime): void {
  program
    .command("retention")
    .description(
      "Erase the text and reporter references of closed reports older than RETENTION_DAYS (counts and audit kept)",
    )
    .option("--dry-run", "only list what would be erased")
    .option("--days <n>", "override RETENTION_DAYS")
    .action(async (options: RetentionOptions) => {
      const days = options.days !== undefined ? Number(options.days) : runtime.env().RETENTION_DAYS;
      if (!Number.isInteger(days) || days < 1)
        throw new UsageError("retention needs a number of days: set RETENTION_DAYS or pass --days N (at least 1)");
      await runtime.withContext(async (ctx) => {
        const result = await runRetention({
          store: ctx.store,
          clock: ctx.clock,
          logger: ctx.logger,
          days,
          dryRun: options.dryRun === true,
        });
        const verb = options.dryRun ? "would erase" : "erased";
        runtime.io.stdout.write(
          `${verb} ${result.erased.length} closed report(s) created before ${result.cutoff.toISOString()}${
            result.erased.length ? `: ${result.erased.join(", ")}` : ""
          }\n` + `kept ${result.keptOpen.length} open report(s) past the cutoff until they are closed\n`,
        );
      });
    });
}
