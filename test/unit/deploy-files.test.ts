/**
 * The Dockerfile and compose.yaml: linted by hadolint (fetched by scripts/ensure-hadolint.sh into
 * the cache; without it the lint is skipped loudly, and under CI=true it fails), checked for the
 * shape the README promises (multi-stage, non-root, healthcheck on /healthz, compiled JavaScript),
 * and the compose file may only name variables the configuration schema knows.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { EnvSchema } from "../../src/config/env";

const root = path.resolve(__dirname, "../..");
const dockerfile = readFileSync(path.join(root, "Dockerfile"), "utf8");
const composeText = readFileSync(path.join(root, "compose.yaml"), "utf8");
const known = new Set(Object.keys(EnvSchema.shape));

const HADOLINT =
  process.env.HADOLINT ?? path.join(os.homedir(), ".cache/clinician-feedback-bot/hadolint-v2.15.1/hadolint");

/** Dockerfile instructions, continuation lines joined, comments dropped. */
function instructions(text: string): { op: string; args: string }[] {
  return text
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"))
    .map((l) => {
      const [op = "", ...rest] = l.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(" ") };
    });
}

interface ComposeService {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

describe("Dockerfile", () => {
  const steps = instructions(dockerfile);
  const froms = steps.filter((s) => s.op === "FROM");
  const finalStage = steps.slice(steps.lastIndexOf(froms[froms.length - 1]!));

  const lint = existsSync(HADOLINT) ? it : it.skip;
  if (!existsSync(HADOLINT)) {
    const reason = `hadolint not found at ${HADOLINT}: run scripts/ensure-hadolint.sh (npm test does)`;
    if (process.env.CI === "true")
      it("has hadolint available (CI=true)", () => {
        throw new Error(reason);
      });
    else process.stderr.write(`\n*** Dockerfile lint SKIPPED: ${reason} ***\n\n`);
  }
  lint("lints clean with hadolint", () => {
    const run = spawnSync(HADOLINT, ["--no-color", "-"], { input: dockerfile, encoding: "utf8" });
    expect(`${run.stdout}${run.stderr}`.trim()).toBe("");
    expect(run.status).toBe(0);
  });

  it("is multi-stage and the final stage runs compiled JavaScript as a non-root user", () => {
    expect(froms.length).toBeGreaterThanOrEqual(2);
    expect(finalStage.some((s) => s.op === "COPY" && /--from=build\b.*\bdist\b/.test(s.args))).toBe(true);
    const users = finalStage.filter((s) => s.op === "USER").map((s) => s.args);
    expect(users.length).toBeGreaterThan(0);
    expect(users[users.length - 1]).not.toMatch(/^(root|0)(:|$)/);
    const cmd = finalStage.filter((s) => s.op === "CMD").pop()?.args ?? "";
    expect(JSON.parse(cmd)).toEqual(expect.arrayContaining(["node", "dist/main.js"]));
    expect(finalStage.some((s) => s.op === "RUN" && /\b(tsc|tsx)\b/.test(s.args))).toBe(false);
  });

  it("runs with the same V8 heap limits as npm run start:prod (what the load bench measures)", () => {
    const cmd = JSON.parse(finalStage.filter((s) => s.op === "CMD").pop()?.args ?? "[]") as string[];
    const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    const prod = pkg.scripts["start:prod"]!.split(" ");
    const limits = (args: string[]) => args.filter((a) => a.startsWith("--max-")).sort();
    expect(limits(cmd)).toEqual(expect.arrayContaining(["--max-old-space-size=192"]));
    expect(limits(cmd)).toEqual(limits(prod));
  });

  it("has a HEALTHCHECK on /healthz of the port it exposes", () => {
    const health = finalStage.find((s) => s.op === "HEALTHCHECK")?.args ?? "";
    expect(health).toContain("/healthz");
    const port = finalStage.find((s) => s.op === "ENV" && /\bPORT=/.test(s.args))?.args.match(/\bPORT=(\d+)/)?.[1];
    expect(finalStage.find((s) => s.op === "EXPOSE")?.args).toBe(port);
  });

  it("copies only files that exist, and sets only variables the schema knows", () => {
    for (const step of steps.filter((s) => s.op === "COPY" && !s.args.includes("--from"))) {
      const sources = step.args.split(/\s+/).slice(0, -1);
      for (const source of sources) expect(existsSync(path.join(root, source))).toBe(true);
    }
    const envNames = steps
      .filter((s) => s.op === "ENV")
      .flatMap((s) => [...s.args.matchAll(/([A-Z_][A-Z0-9_]*)=/g)].map((m) => m[1]));
    expect(envNames.filter((n) => n !== "NODE_ENV" && !known.has(n!))).toEqual([]);
  });

  it("keeps .env and local data out of the build context", () => {
    const ignored = readFileSync(path.join(root, ".dockerignore"), "utf8").split("\n");
    expect(ignored).toEqual(expect.arrayContaining([".env", "data", "node_modules", ".git"]));
  });
});

describe("compose.yaml", () => {
  const compose = parse(composeText) as { services: Record<string, ComposeService> };
  const bot = compose.services.bot!;
  const mongo = compose.services.mongo!;

  it("references only variables the configuration schema knows", () => {
    const interpolated = [...composeText.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);
    expect(interpolated.length).toBeGreaterThan(0);
    expect(interpolated.filter((n) => !known.has(n))).toEqual([]);
    expect(Object.keys(bot.environment ?? {}).filter((n) => !known.has(n))).toEqual([]);
  });

  it("runs MongoDB as a replica set the bot waits for and connects to", () => {
    expect(mongo.command).toEqual(expect.arrayContaining(["--replSet", "rs0"]));
    expect(mongo.healthcheck?.test.join(" ")).toContain("rs.initiate");
    expect(bot.depends_on?.mongo?.condition).toBe("service_healthy");
    expect(bot.environment?.MONGODB_URI).toMatch(/^mongodb:\/\/mongo:27017\/.*replicaSet=rs0/);
  });

  it("publishes the unauthenticated bind on the host's loopback only", () => {
    expect(bot.ports).toEqual(["127.0.0.1:${PORT:-3978}:3978"]);
    expect(bot.environment?.PORT).toBe("3978");
  });
});
