/**
 * The MongoDB-wire server for tests. jest's globalSetup calls startMongoForTests() once:
 * - MONGODB_URI set: tests use that server (databases named test_<random>, dropped afterwards);
 * - otherwise: scripts/ensure-ferretdb.sh builds (once) FerretDB 1.24, which is started on a free
 *   127.0.0.1 port with a temporary SQLite directory, and stopped by stopMongoForTests().
 * The URI reaches the test workers through process.env (set before jest forks them). When no
 * server can be had, the reason is published instead and MongoDB tests are skipped loudly,
 * except under CI=true where that is an error.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const ENV_URI = "TEST_MONGODB_URI";
const ENV_FLAVOR = "TEST_MONGODB_FLAVOR";
const ENV_SKIP = "TEST_MONGODB_SKIP_REASON";
const READY_TIMEOUT_MS = 30_000;
const BUILD_TIMEOUT_MS = 20 * 60_000;

interface Running {
  child: ChildProcess;
  dir: string;
}
const state = globalThis as typeof globalThis & { __testFerretDb?: Running };

export type MongoTestTarget = { uri: string; flavor: string } | { uri: null; skipReason: string };

/** For test files: where the MongoDB leg runs, or why it does not. */
export function mongoTestTarget(): MongoTestTarget {
  const uri = process.env[ENV_URI];
  if (uri) return { uri, flavor: process.env[ENV_FLAVOR] ?? "MONGODB_URI" };
  return { uri: null, skipReason: process.env[ENV_SKIP] ?? "no MongoDB test server (globalSetup did not run)" };
}

/** A database name of its own for one test file (or test). */
export function randomTestDbName(prefix = "test"): string {
  return `${prefix}_${randomBytes(6).toString("hex")}`;
}

function ensureFerretDbBinary(): Promise<string> {
  const script = path.resolve(__dirname, "../../scripts/ensure-ferretdb.sh");
  return new Promise((resolve, reject) => {
    execFile("bash", [script], { timeout: BUILD_TIMEOUT_MS, maxBuffer: 10 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) {
        const lastLine = stderr.trim().split("\n").pop() ?? "";
        return reject(new Error(`scripts/ensure-ferretdb.sh failed (exit ${String(err.code)}): ${lastLine}`));
      }
      const last = stdout.trim().split("\n").pop()?.trim() ?? "";
      if (!last || !fs.existsSync(last))
        return reject(new Error(`ensure-ferretdb.sh printed no binary path (${last})`));
      resolve(last);
    });
  });
}

function startFerretDb(binary: string, dir: string, port = 0): Promise<{ child: ChildProcess; uri: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ["-listen", `127.0.0.1:${port}`, "-sqlite-dir", dir], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`FerretDB did not print "ready" within ${READY_TIMEOUT_MS} ms. stderr: ${err.slice(-1000)}`));
    }, READY_TIMEOUT_MS);
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /ready (mongodb:\/\/\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, uri: match[1] });
      }
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`FerretDB exited with code ${code} before it was ready. stderr: ${err.slice(-1000)}`));
    });
  });
}

/** A FerretDB of a test's own, on a given port and SQLite directory (chaos tests kill and restart it). */
export interface OwnFerretDb {
  readonly uri: string;
  readonly child: ChildProcess;
  /** SIGKILL (default) or SIGTERM; resolves once the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startOwnFerretDb(port: number, dir: string): Promise<OwnFerretDb> {
  const binary = await ensureFerretDbBinary();
  const { child, uri } = await startFerretDb(binary, dir, port);
  const gone = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  process.once("exit", () => child.kill("SIGKILL"));
  return {
    uri,
    child,
    async stop(signal: NodeJS.Signals = "SIGKILL") {
      child.kill(signal);
      await gone;
    },
  };
}

export async function startMongoForTests(): Promise<void> {
  if (process.env.MONGODB_URI) {
    process.env[ENV_URI] = process.env.MONGODB_URI;
    process.env[ENV_FLAVOR] = "MONGODB_URI";
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ferretdb-test-"));
  try {
    const binary = await ensureFerretDbBinary();
    const { child, uri } = await startFerretDb(binary, dir);
    state.__testFerretDb = { child, dir };
    // If jest dies without running globalTeardown, do not leave the server behind.
    process.once("exit", () => child.kill("SIGKILL"));
    process.env[ENV_URI] = uri;
    process.env[ENV_FLAVOR] = "ferretdb 1.24";
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    const reason = `FerretDB unavailable and MONGODB_URI unset: ${err instanceof Error ? err.message : String(err)}`;
    if (process.env.CI === "true") throw new Error(`${reason} (CI=true: the MongoDB leg must run)`);
    process.env[ENV_SKIP] = reason;
    console.warn(`\n!!!!!!!! MongoDB store tests will be SKIPPED: ${reason} !!!!!!!!\n`);
  }
}

export async function stopMongoForTests(): Promise<void> {
  const running = state.__testFerretDb;
  if (!running) return;
  state.__testFerretDb = undefined;
  await new Promise<void>((resolve) => {
    if (running.child.exitCode !== null || running.child.signalCode !== null) return resolve();
    const timer = setTimeout(() => {
      running.child.kill("SIGKILL");
      resolve();
    }, 5000);
    running.child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    running.child.kill("SIGTERM");
  });
  fs.rmSync(running.dir, { recursive: true, force: true });
}
