/**
 * `npm run build [-- --out DIR]`: compiles src/ to JavaScript in dist/ (tsconfig.build.json) and
 * copies the files the service reads at run time beside the compiled code: the web chat page
 * (public/) and the offline model's weights. prompts/ is read from the folder above dist/
 * (the repository root, or /app in the image). `node dist/main.js` then runs without tsx.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, rmSync } from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "..");

/** Run-time files under src/ that tsc does not emit (imported JSON, such as the default catalogue, it does). */
export const RUNTIME_ASSETS = [
  "adapters/channels/webchat/public",
  "http/dashboard-page",
  "adapters/classifier-offline/model-weights.json",
  "adapters/redaction/data",
] as const;

function main(argv: readonly string[]): number {
  const at = argv.indexOf("--out");
  const out = path.resolve(at >= 0 && argv[at + 1] ? argv[at + 1]! : path.join(root, "dist"));
  rmSync(out, { recursive: true, force: true });
  const tsc = spawnSync(
    process.execPath,
    [require.resolve("typescript/bin/tsc"), "-p", path.join(root, "tsconfig.build.json"), "--outDir", out],
    { stdio: "inherit" },
  );
  if (tsc.status !== 0) return tsc.status ?? 1;
  for (const asset of RUNTIME_ASSETS) {
    const from = path.join(root, "src", asset);
    if (!existsSync(from)) throw new Error(`build: ${from} is missing`);
    cpSync(from, path.join(out, asset), { recursive: true });
  }
  process.stdout.write(`build: compiled src/ to ${path.relative(process.cwd(), out) || "."}; run: node dist/main.js\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
