/**
 * Start-up as a new user meets it: the real service (src/main.ts) in a child process, reading a
 * `.env` from its working directory, telling which file it read.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, spawnService, stopService, waitForStatus, type ServiceProcess } from "../support/service-process";

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
