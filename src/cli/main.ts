/**
 * Admin CLI: `npm run cli -- <command> --help`.
 * Exit codes: 0 done, 1 an error (message and code; a stack only with LOG_LEVEL=debug), 2 bad arguments.
 */
import { Command, CommanderError } from "commander";
import { parseEnv, type Env } from "../config/env";
import { loadEnvFile } from "../config/env-file";
import { AppError, ConfigError, errorCode } from "../domain/errors";
import { systemClock, type Clock } from "../ports/clock";
import { buildCliSenders } from "./cli-senders";
import { openCliContext, type CliContext, type CliContextOptions } from "./cli-context";
import { registerDigestCommand } from "./commands/digest-command";
import { registerExportCommand } from "./commands/export-command";
import { registerReclassifyCommand } from "./commands/reclassify-command";
import { registerRetentionCommand } from "./commands/retention-command";
import { registerSafetyReportCommand } from "./commands/safety-report-command";
import { registerSeedDemoCommand } from "./commands/seed-demo-command";
import { UsageError } from "./cli-args";

export interface CliStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
  env: Record<string, string | undefined>;
  clock?: Clock;
  /** Builds channel senders for `digest --send` (the composition root provides it). */
  buildSenders?: CliContextOptions["buildSenders"];
}

/** Handed to each command: opens the context lazily (so --help and argument errors need no store). */
export interface CommandRuntime {
  io: CliIo;
  env(): Env;
  withContext<T>(work: (ctx: CliContext) => Promise<T>): Promise<T>;
}

export function buildProgram(runtime: CommandRuntime): Command {
  const program = new Command()
    .name("npm run cli --")
    .description(
      "Admin commands of the clinician feedback bot (store and classifier from the environment, as the service).",
    )
    .exitOverride()
    .showHelpAfterError("(add --help for usage)")
    .configureOutput({
      writeOut: (s) => void runtime.io.stdout.write(s),
      writeErr: (s) => void runtime.io.stderr.write(s),
    });
  registerDigestCommand(program, runtime);
  registerExportCommand(program, runtime);
  registerRetentionCommand(program, runtime);
  registerReclassifyCommand(program, runtime);
  registerSafetyReportCommand(program, runtime);
  registerSeedDemoCommand(program, runtime);
  for (const command of program.commands) command.exitOverride();
  return program;
}

function createRuntime(io: CliIo): CommandRuntime {
  let env: Env | null = null;
  const readEnv = () => (env ??= parseEnv(io.env));
  return {
    io,
    env: readEnv,
    async withContext(work) {
      const explicitLevel = io.env.LOG_LEVEL?.trim();
      const ctx = await openCliContext(readEnv(), {
        clock: io.clock ?? systemClock,
        logStream: io.stderr,
        logLevel: explicitLevel ? readEnv().LOG_LEVEL : "warn",
        buildSenders: io.buildSenders,
      });
      try {
        return await work(ctx);
      } finally {
        await ctx.close();
      }
    },
  };
}

/** Runs one command line; returns the exit code (never throws, never calls process.exit). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(createRuntime(io));
  try {
    await program.parseAsync([...argv], { from: "user" });
    return 0;
  } catch (err) {
    return reportError(err, io);
  }
}

function reportError(err: unknown, io: CliIo): number {
  if (err instanceof CommanderError) {
    // Commander already printed the problem (or the help / version).
    return err.exitCode === 0 ? 0 : 2;
  }
  if (err instanceof UsageError) {
    io.stderr.write(`error: ${err.message}\n(add --help for usage)\n`);
    return 2;
  }
  if (err instanceof ConfigError) {
    io.stderr.write(`error ${err.code}: the configuration has problems:\n- ${err.problems.join("\n- ")}\n`);
    return 1;
  }
  const message = err instanceof Error ? err.message : String(err);
  io.stderr.write(`error ${errorCode(err)}: ${message}\n`);
  if (io.env.LOG_LEVEL?.trim() === "debug" && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
  else if (!(err instanceof AppError)) io.stderr.write("(set LOG_LEVEL=debug for details)\n");
  return 1;
}

if (require.main === module) {
  // `npm run cli -- export … | head`: a closed pipe ends the command quietly.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(0);
    throw err;
  });
  const io: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env, buildSenders: buildCliSenders };
  try {
    loadEnvFile(process.env); // ./.env fills in what the environment does not set, as for the service
  } catch (err) {
    process.exitCode = reportError(err, io);
    process.exit();
  }
  void runCli(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
