/**
 * Runs the real service (src/main.ts) as a child process for end-to-end tests: one node process
 * (tsx loaded with --require, so SIGKILL hits the service itself, not a wrapper), stdout/stderr
 * collected, helpers to wait for readiness and for the exit.
 */
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";

export const MAIN_TS = path.resolve(__dirname, "../../src/main.ts");

/** A port that was free a moment ago on 127.0.0.1 (PORT=0 is not reported back by the service). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface ServiceProcess {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Resolves with the exit code and signal once the process is gone. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface SpawnOptions {
  /** Working directory (default: the repository root); a `.env` there is read by the service. */
  readonly cwd?: string;
  /** Run this compiled entry point with plain node instead of src/main.ts through tsx. */
  readonly compiledMain?: string;
  /** Extra node flags before the script (e.g. `--cpu-prof`, which NODE_OPTIONS does not take). */
  readonly nodeArgs?: readonly string[];
  /** Through tsx's own command line, exactly as `npm start` runs it (not its --require hook). */
  readonly asNpmStart?: boolean;
}

/** Starts src/main.ts with exactly `env` (plus PATH/HOME), no inherited configuration. */
export function spawnService(env: Record<string, string>, options: SpawnOptions = {}): ServiceProcess {
  const args = [
    ...(options.nodeArgs ?? []),
    ...(options.compiledMain
      ? [options.compiledMain]
      : options.asNpmStart
        ? [require.resolve("tsx/cli"), "--no-deprecation", MAIN_TS]
        : ["--require", require.resolve("tsx/cjs"), MAIN_TS]),
  ];
  const child = spawn(process.execPath, args, {
    cwd: options.cwd ?? path.resolve(__dirname, "../.."),
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout?.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (err += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Polls `url` until it answers `status`; fails early (with the output) if the process exits. */
export async function waitForStatus(
  service: ServiceProcess,
  url: string,
  status = 200,
  timeoutMs = 20_000,
): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null || service.child.signalCode !== null)
      throw new Error(`service exited (${service.child.exitCode ?? service.child.signalCode}): ${service.stderr()}`);
    try {
      const res = await fetch(url);
      if (res.status === status) return res;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms (${last}); stderr: ${service.stderr()}`);
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
export async function stopService(service: ServiceProcess, graceMs = 5000): Promise<void> {
  if (service.child.exitCode !== null || service.child.signalCode !== null) return;
  service.child.kill("SIGTERM");
  const timer = setTimeout(() => service.child.kill("SIGKILL"), graceMs);
  await service.exited;
  clearTimeout(timer);
}
