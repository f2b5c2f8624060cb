/** `safety-report R-1042 [--format json|csv] [--by NAME]`: escalate one report to the safety team (audited). */
import { Option, type Command } from "commander";
import { escalateToSafetyReport } from "../../app/digest/safety-report-export";
import { REPORT_ID_PATTERN } from "../../domain/report";
import { UsageError } from "../cli-args";
import type { CommandRuntime } from "../main";

interface SafetyReportOptions {
  format: "json" | "csv";
  by: string;
}

export function registerSafetyReportCommand(program: Command, runtime: CommandRuntime): void {
  program
    .command("safety-report")
    .description(
      "Escalate a report to the safety team: AHRQ Common Formats (HIT event) fields as JSON or CSV on stdout; recorded in the audit log",
    )
    .argument("<reportId>", "the report id, e.g. R-1042")
    .addOption(new Option("--format <format>", "output format").choices(["json", "csv"]).default("json"))
    .option("--by <name>", "who escalates (recorded in the audit log)", "cli:cmio")
    .action(async (reportId: string, options: SafetyReportOptions) => {
      const id = reportId.trim().toUpperCase();
      if (!REPORT_ID_PATTERN.test(id)) throw new UsageError(`"${reportId}" is not a report id like R-1042`);
      await runtime.withContext(async (ctx) => {
        const escalation = await escalateToSafetyReport(
          { store: ctx.store, catalogue: ctx.catalogue, clock: ctx.clock },
          id,
          options.by,
        );
        runtime.io.stdout.write(options.format === "csv" ? escalation.csv : escalation.json);
        runtime.io.stderr.write(`${id} escalated to a safety report by ${options.by} (recorded in the audit log)\n`);
      });
    });
}
