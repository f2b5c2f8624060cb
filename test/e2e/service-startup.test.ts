/**
 * Start-up as a new user meets it: the real service (src/main.ts) in a child process, reading a
 * `.env` from its working directory, telling which file it read; a readable summary in a terminal,
 * JSON lines otherwise; a port already taken named as such.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createEmbeddedStore } from "../../src/adapters/store/embedded/embedded-store";
import { asRedacted } from "../../src/domain/redacted-text";
import { silentLogger } from "../../src/ports/logger";
import { buildReport } from "../fixtures/build-report";
import {
  MAIN_TS,
  freePort,
  spawnService,
  stopService,
  waitForStatus,
  type ServiceProcess,
} from "../support/service-process";

describe("service start-up", () => {
  let dir: string;
  let service: ServiceProcess | null = null;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "startup-"));
  });
  afterEach(async () => {
    if (service) await stopService(service);
    service = null;
    rmSync(dir, { recursive: true, force: true });
  });

  it("reads .env from the working directory, the environment winning, and names the file", async () => {
    const [filePort, envPort] = [await freePort(), await freePort()];
    writeFileSync(
      path.join(dir, ".env"),
      `PORT=${filePort}\nDATA_DIR=${path.join(dir, "from-file")}\nDIGEST_TIMEZONE=Europe/Berlin\n`,
    );
    service = spawnService({ PORT: String(envPort), LOG_FORMAT: "json" }, { cwd: dir });
    await waitForStatus(service, `http://127.0.0.1:${envPort}/healthz`);
    const log = service.stdout();
    expect(log).toContain(`Configuration: ${path.join(dir, ".env")} (2 variable(s) from the file`);
    expect(log).toContain("the environment overrides PORT");
    expect(log).toContain(path.join(dir, "from-file"));
    expect(log).toContain("Europe/Berlin");
  });
});

describe("service start-up output", () => {
  const services: ServiceProcess[] = [];
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "startup-out-"));
  });
  afterEach(async () => {
    await Promise.all(services.splice(0).map((s) => stopService(s)));
    rmSync(dir, { recursive: true, force: true });
  });

  it("a second instance on the same port says the port is in use and how to fix it, and exits 1", async () => {
    const port = await freePort();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(port, "127.0.0.1", resolve));
    try {
      const second = spawnService({ PORT: String(port), DATA_DIR: path.join(dir, "data") });
      services.push(second);
      const { code } = await second.exited;
      expect(code).toBe(1);
      expect(second.stderr()).toContain(`port ${port} is in use; set PORT`);
      expect(second.stderr()).not.toMatch(/EADDRINUSE|INTERNAL|at .*\.ts:\d+/);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it("not in a terminal: JSON lines only, the start-up facts among them", async () => {
    const port = await freePort();
    const service = spawnService({ PORT: String(port), DATA_DIR: path.join(dir, "data") }, { cwd: dir });
    services.push(service);
    await waitForStatus(service, `http://127.0.0.1:${port}/healthz`);
    const lines = service.stdout().trim().split("\n");
    const entries = lines.map((line) => JSON.parse(line) as { msg: string; startup?: boolean });
    const facts = entries.filter((e) => e.startup).map((e) => e.msg.split(":")[0]);
    expect(facts).toEqual(
      expect.arrayContaining(["Configuration", "Store", "Classifier", "Teams", "Slack", "Web chat", "Digest"]),
    );
    expect(entries.some((e) => e.msg === `Listening on http://127.0.0.1:${port}`)).toBe(true);
  });

  it("in a terminal: one readable summary with the URL, store, channels, classifier and digest", async () => {
    const port = await freePort();
    // `script` gives the child a real pseudo-terminal (stdout.isTTY), as when a person runs npm start.
    const command = [process.execPath, "--require", require.resolve("tsx/cjs"), MAIN_TS].join(" ");
    const child = spawn("script", ["-qfec", command, "/dev/null"], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", PORT: String(port), TERM: "dumb" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    try {
      const deadline = Date.now() + 60_000;
      while (!out.includes("Stop with Ctrl+C") && Date.now() < deadline && child.exitCode === null)
        await new Promise((r) => setTimeout(r, 100));
      const text = out.replace(/\r/g, "");
      expect(text).toContain(`Clinician feedback bot is running: open http://127.0.0.1:${port}/ in a browser`);
      for (const label of ["Configuration", "Store", "Classifier", "Teams", "Slack", "Web chat", "Digest"])
        expect(text).toMatch(new RegExp(`^  ${label} +\\S`, "m"));
      expect(text).toMatch(/Store +embedded/);
      expect(text).toMatch(/Digest +/);
      expect(text).not.toContain('{"level"');
    } finally {
      child.kill("SIGTERM");
      await exited;
    }
  });
});

describe("started as `npm start` starts it (the tsx command line)", () => {
  let dir = "";
  let service: ServiceProcess | null = null;
  afterEach(async () => {
    if (service) await stopService(service);
    service = null;
    rmSync(dir, { recursive: true, force: true });
  });

  it("runs the pipeline in its worker thread: a stored report gets classified, and no thread failure is logged", async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "npm-start-"));
    const port = await freePort();
    const dataDir = path.join(dir, "data");
    service = spawnService({ PORT: String(port), DATA_DIR: dataDir, LOG_FORMAT: "json" }, { asNpmStart: true });
    await waitForStatus(service, `http://127.0.0.1:${port}/readyz`);
    // A report written to the store as another instance would: the thread's next poll takes it.
    const store = createEmbeddedStore({ dataDir, logger: silentLogger });
    try {
      await store.reports.insert(
        buildReport({ seq: 90_001, text: asRedacted("Epic freezes every time I open the MAR on 4 West") }),
      );
      const started = Date.now();
      let report = await store.reports.get("R-90001");
      while (report?.classifyJob.state !== "done" && Date.now() - started < 25_000) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        report = await store.reports.get("R-90001");
      }
      expect(report?.classifyJob.state).toBe("done");
      expect(report?.classification?.system).toBe("ehr");
    } finally {
      await store.close();
    }
    expect(service.stdout()).toContain("in a worker thread");
    expect(service.stdout() + service.stderr()).not.toContain("PIPELINE_THREAD_FAILED");
  });
});
