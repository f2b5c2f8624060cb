/**
 * `.env` support the way Node users expect (dotenv / `node --env-file`): the file in the working
 * directory fills in variables that are not set; the real environment always wins. Node's own
 * parser (`util.parseEnv`) reads the file, so quoting and comments follow Node's rules.
 * The result says which file was read, so the start-up log can name it.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseEnv as parseDotEnv } from "node:util";
import { ConfigError } from "../domain/errors";

export interface EnvFileResult {
  /** Absolute path of the file read; undefined when there is none. */
  readonly file?: string;
  /** Variables taken from the file (they were not set in the environment). */
  readonly applied: readonly string[];
  /** Variables in the file that the environment already set (the environment's value is kept). */
  readonly shadowed: readonly string[];
}

/**
 * Reads `<dir>/.env` if it exists and copies its variables into `env` where `env` has none
 * (an empty value in the environment counts as set, as with dotenv). Returns what happened.
 */
export function loadEnvFile(env: Record<string, string | undefined>, dir: string = process.cwd()): EnvFileResult {
  const file = path.resolve(dir, ".env");
  if (!existsSync(file)) return { applied: [], shadowed: [] };
  let values: NodeJS.Dict<string>;
  try {
    values = parseDotEnv(readFileSync(file, "utf8"));
  } catch (err) {
    throw new ConfigError([`${file} cannot be read: ${(err as Error).message}`]);
  }
  const applied: string[] = [];
  const shadowed: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (env[name] !== undefined) shadowed.push(name);
    else {
      env[name] = value;
      applied.push(name);
    }
  }
  return { file, applied, shadowed };
}

/** One line for the start-up log: which file, how many variables, which ones the environment kept. */
export function describeEnvFile(result: EnvFileResult): string {
  if (!result.file) return "Configuration: environment only (no .env in the working directory)";
  const kept = result.shadowed.length > 0 ? `; the environment overrides ${result.shadowed.join(", ")}` : "";
  return `Configuration: ${result.file} (${result.applied.length} variable(s) from the file${kept})`;
}
