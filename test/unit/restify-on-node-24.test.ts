/**
 * restify 11 requires `spdy` when it loads, and the real spdy's `http-deceiver` calls
 * `process.binding("http_parser")`, which Node 24 removed: restify could not even be loaded there.
 * `vendor/spdy-4.0.2-not-used.tgz` (source in vendor/spdy-not-used) stands in for it. These tests
 * take the binding away on any Node line, so they fail with the real spdy, and check that the packed
 * stand-in is the reviewed source.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const root = path.resolve(__dirname, "../..");

describe("restify without process.binding('http_parser') (as on Node 24)", () => {
  it("loads and serves a request", () => {
    const script = `
      const binding = process.binding.bind(process);
      process.binding = (name) => {
        if (name === "http_parser") throw new Error("No such module: http_parser");
        return binding(name);
      };
      const restify = require("restify");
      const server = restify.createServer();
      server.get("/ping", (req, res, next) => { res.send({ ok: true }); next(); });
      server.listen(0, "127.0.0.1", async () => {
        const r = await fetch("http://127.0.0.1:" + server.address().port + "/ping");
        console.log(r.status, JSON.stringify(await r.json()));
        server.close();
      });`;
    const run = spawnSync(process.execPath, ["--no-deprecation", "-e", script], {
      cwd: root,
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.stderr).toBe("");
    expect(run.stdout.trim()).toBe('200 {"ok":true}');
  });

  it("the stand-in refuses SPDY in plain words", () => {
    const from = createRequire(require.resolve("restify"));
    const spdy = from("spdy") as { createServer: () => unknown };
    expect(() => spdy.createServer()).toThrow(/SPDY is not supported/);
  });

  it("the packed stand-in is the reviewed source in vendor/spdy-not-used", () => {
    const tar = spawnSync("tar", ["-xzOf", "vendor/spdy-4.0.2-not-used.tgz", "package/index.js"], {
      cwd: root,
      encoding: "utf8",
    });
    expect(tar.status).toBe(0);
    expect(tar.stdout).toBe(readFileSync(path.join(root, "vendor/spdy-not-used/index.js"), "utf8"));
  });
});
