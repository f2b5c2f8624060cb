/**
 * A real OpenAI-compatible server for tests: llama.cpp's `llama-server` with SmolLM2-135M-Instruct,
 * both built/fetched (once, cached outside git) by scripts/ensure-llama-server.sh. This file never
 * builds: it finds the cached files (or LLAMA_SERVER_BIN / LLAMA_SERVER_MODEL), starts the server
 * on a free 127.0.0.1 port with bounded threads and a small context, and waits for /health.
 *
 * Whether the test must run: LLM_REAL_MODEL_TESTS=1, or CI=true unless LLM_REAL_MODEL_TESTS=0.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const SCRIPT = path.resolve(__dirname, "../../scripts/ensure-llama-server.sh");
const READY_TIMEOUT_MS = 120_000;

export type LlamaServerFiles = { bin: string; model: string } | { bin: null; missing: string };

/** The model's name as the server reports it and the bot sends it (llama-server serves one model). */
export const REAL_MODEL_NAME = "SmolLM2-135M-Instruct.Q4_1";

export function realModelTestsRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  const setting = env.LLM_REAL_MODEL_TESTS;
  if (setting === "1") return true;
  if (setting === "0") return false;
  return env.CI === "true";
}

/** The cache paths the script writes, read from the script itself so the version is said once. */
export function llamaServerFiles(env: NodeJS.ProcessEnv = process.env): LlamaServerFiles {
  const script = fs.readFileSync(SCRIPT, "utf8");
  const version = /^VERSION=(\S+)/m.exec(script)?.[1];
  const modelFile = /^MODEL_FILE=(\S+)/m.exec(script)?.[1];
  if (!version || !modelFile)
    return { bin: null, missing: "scripts/ensure-llama-server.sh names no VERSION/MODEL_FILE" };
  const cache =
    env.LLAMA_SERVER_CACHE ?? path.join(os.homedir(), ".cache", "clinician-feedback-bot", `llama-server-${version}`);
  const bin = env.LLAMA_SERVER_BIN ?? path.join(cache, "llama-server");
  const model = env.LLAMA_SERVER_MODEL ?? path.join(cache, modelFile);
  const missing = [bin, model].filter((f) => !fs.existsSync(f));
  if (missing.length > 0)
    return {
      bin: null,
      missing: `${missing.join(" and ")} not found: run scripts/ensure-llama-server.sh (~25 min once)`,
    };
  return { bin, model };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface RunningLlamaServer {
  /** For OPENAI_BASE_URL. */
  baseUrl: string;
  /** Milliseconds from spawn to a healthy /health. */
  startMs: number;
  stop(): Promise<void>;
}

export async function startLlamaServer(files: { bin: string; model: string }): Promise<RunningLlamaServer> {
  const port = await freePort();
  const started = Date.now();
  // One thread: with two OpenMP threads on a loaded 2-core machine, their spin-waits made every
  // token ~10x slower (measured: 1.2 vs 13 tokens/s).
  const args = [
    ["--model", files.model],
    ["--alias", REAL_MODEL_NAME],
    ["--host", "127.0.0.1"],
    ["--port", String(port)],
    ["--threads", "1"],
    ["--threads-batch", "1"],
    ["--ctx-size", "4096"],
    ["--parallel", "1"],
    ["--seed", "42"],
  ].flat();
  const child: ChildProcess = spawn(files.bin, args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderrTail = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString("utf8")).slice(-2000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const killOnExit = (): void => {
    child.kill("SIGKILL");
  };
  process.once("exit", killOnExit);
  const stop = async (): Promise<void> => {
    process.removeListener("exit", killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    }
  };
  const baseUrl = `http://127.0.0.1:${port}/v1`;
  const deadline = started + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `llama-server exited before it was ready: ${stderrTail.trim().split("\n").slice(-3).join(" | ")}`,
      );
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`llama-server not healthy within ${READY_TIMEOUT_MS / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { baseUrl, startMs: Date.now() - started, stop };
}
