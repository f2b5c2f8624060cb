/**
 * `npm run build`, then the compiled service run by plain node, laid out as in the image
 * (/app/dist, /app/prompts, /app/node_modules) and started from another working directory: the
 * page, the Web Chat bundle, the offline model's weights, the default catalogue and the prompts
 * must all be found from dist/.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, spawnService, stopService, waitForStatus, type ServiceProcess } from "../support/service-process";

const root = path.resolve(__dirname, "../..");

describe("compiled build (dist/)", () => {
  let app: string;
  let service: ServiceProcess | null = null;
  beforeAll(() => {
    app = mkdtempSync(path.join(os.tmpdir(), "dist-app-"));
    const build = spawnSync(
      process.execPath,
      ["--require", require.resolve("tsx/cjs"), path.join(root, "scripts/build.ts"), "--out", path.join(app, "dist")],
      { cwd: root, encoding: "utf8" },
    );
    if (build.status !== 0) throw new Error(`build failed: ${build.stdout}${build.stderr}`);
    cpSync(path.join(root, "prompts"), path.join(app, "prompts"), { recursive: true });
    symlinkSync(path.join(root, "node_modules"), path.join(app, "node_modules"), "dir");
  }, 240_000);
  afterAll(async () => {
    if (service) await stopService(service);
    rmSync(app, { recursive: true, force: true });
  });

  it("emits JavaScript only for src/ and copies the run-time files beside it", () => {
    expect(existsSync(path.join(app, "dist/main.js"))).toBe(true);
    expect(existsSync(path.join(app, "dist/src"))).toBe(false);
    expect(existsSync(path.join(app, "dist/test"))).toBe(false);
    for (const file of [
      "adapters/channels/webchat/public/index.html",
      "http/dashboard-page/index.html",
      "adapters/classifier-offline/model-weights.json",
      "config/default-catalogue.json",
    ])
      expect(existsSync(path.join(app, "dist", file))).toBe(true);
  });

  it("classifies offline from the compiled code (weights and catalogue found from dist)", () => {
    const script = `
      const { createOfflineClassifier } = require("./dist/adapters/classifier-offline/offline-classifier");
      const { defaultCatalogue } = require("./dist/config/catalogue");
      const c = createOfflineClassifier(defaultCatalogue());
      c.classify("The barcode scanner on ward 4 keeps failing, we cannot scan meds").then((r) => process.stdout.write(JSON.stringify(r)));`;
    const out = execFileSync(process.execPath, ["-e", script], { cwd: app, encoding: "utf8" });
    expect(JSON.parse(out)).toMatchObject({ source: "offline", result: { isReport: true, system: "bcma" } });
  });

  it("node dist/main.js serves /healthz, the demo page and the Web Chat bundle, with the LLM prompts loaded", async () => {
    const port = await freePort();
    service = spawnService(
      {
        PORT: String(port),
        DATA_DIR: path.join(app, "data"),
        LOG_FORMAT: "json",
        // Never contacted (no report is filed); set so the prompts are read at start.
        OPENAI_BASE_URL: "http://127.0.0.1:9/v1",
        OPENAI_API_KEY: "sk-test",
      },
      { cwd: app, compiledMain: path.join(app, "dist/main.js") },
    );
    const health = await waitForStatus(service, `http://127.0.0.1:${port}/healthz`, 200, 60_000);
    expect(await health.json()).toMatchObject({ status: "ok" });
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script src="/webchat/webchat.js"></script>');
    const bundle = await fetch(`http://127.0.0.1:${port}/webchat/webchat.js`);
    expect(bundle.status).toBe(200);
    expect((await bundle.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
    expect(service.stdout()).toMatch(/Classifier: .*prompt /);
  });
});
