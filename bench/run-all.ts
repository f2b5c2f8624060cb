/**
 * `npm run bench`: runs every bench/*.ts (except this runner and scratch files starting with "_")
 * one after another with tsx, streaming their output. Exit code 1 if any bench failed.
 * BENCH_SCALE and the other variables are passed through (e.g. BENCH_SCALE=0.1 in CI).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

function benchFiles(dir: string): string[] {
  const self = path.basename(__filename);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && f !== self && !f.startsWith("_") && !f.endsWith(".d.ts"))
    .sort();
}

function run(file: string): Promise<number> {
  const tsx = path.join(__dirname, "..", "node_modules", ".bin", "tsx");
  return new Promise((resolve) => {
    const child = spawn(tsx, [file], { stdio: "inherit", env: process.env });
    child.on("error", (err) => {
      console.error(`cannot start ${file}: ${err.message}`);
      resolve(1);
    });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<void> {
  const files = benchFiles(__dirname);
  const failed: string[] = [];
  for (const file of files) {
    console.log(`\n=== ${file} ===`);
    const started = performance.now();
    const code = await run(path.join(__dirname, file));
    console.log(
      `=== ${file}: ${code === 0 ? "done" : `FAILED (exit ${code})`} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    if (code !== 0) failed.push(file);
  }
  console.log(
    `\n${files.length - failed.length}/${files.length} benches ran${failed.length ? `; failed: ${failed.join(", ")}` : ""}`,
  );
  if (failed.length > 0) process.exitCode = 1;
}

void main();
