/** `seed-demo [--weeks 12] [--seed 42] [--force]`: realistic demo data up to now. */
import type { Command } from "commander";
import { seedDemo } from "../../app/admin/seed-demo";
import { parsePositiveInt } from "../cli-args";
import type { CommandRuntime } from "../main";

interface SeedOptions {
  weeks: string;
  seed: string;
  force?: boolean;
}

export function registerSeedDemoCommand(program: Command, runtime: CommandRuntime): void {
  program
    .command("seed-demo")
    .description("Fill an empty store with realistic demo reports (redacted, classified, triaged) up to now")
    .option("--weeks <n>", "weeks of history", "12")
    .option("--seed <n>", "random seed (same seed and day → same data)", "42")
    .option("--force", "seed even if the store already holds reports")
    .action(async (options: SeedOptions) => {
      const weeks = parsePositiveInt("--weeks", options.weeks, 104);
      const seed = parsePositiveInt("--seed", options.seed, 2 ** 31);
      const timeZone = runtime.env().DIGEST_TIMEZONE;
      await runtime.withContext(async (ctx) => {
        const result = await seedDemo(
          {
            store: ctx.store,
            redactor: ctx.redactor,
            classifier: ctx.classifier,
            clock: ctx.clock,
            logger: ctx.logger,
          },
          { weeks, seed, timeZone, units: ctx.catalogue.units.map((u) => u.name), force: options.force },
        );
        runtime.io.stderr.write(
          `seeded ${result.inserted} demo reports over ${weeks} week(s) (${result.resolved} resolved, ${result.open} open, ` +
            `${result.clusters} incident cluster(s)) with the ${ctx.classifier.name} classifier in ${ctx.store.describe()}\n`,
        );
      });
    });
}
