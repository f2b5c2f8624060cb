/**
 * The demo page: GET / (HTML), its script and stylesheet, and Microsoft's Web Chat bundle served
 * from node_modules (no CDN: works offline and inside a hospital network).
 */
import fs from "node:fs";
import path from "node:path";
import restify from "restify";
import { AppError } from "../../../domain/errors";

const ASSETS: Record<string, { file: string; type: string }> = {
  "/": { file: "index.html", type: "text/html; charset=utf-8" },
  "/webchat/app.js": { file: "app.js", type: "text/javascript; charset=utf-8" },
  "/webchat/style.css": { file: "style.css", type: "text/css; charset=utf-8" },
};

/** Web Chat renders with inline styles and Adaptive Cards may show images from https. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** `public/` next to this file (tsx, jest) or, after `tsc` to dist/, in the source tree. */
function publicDir(): string {
  const candidates = [path.join(__dirname, "public"), path.resolve("src/adapters/channels/webchat/public")];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, "index.html")));
  if (!found) throw new AppError("NOT_FOUND", "web chat page files are missing");
  return found;
}

function webChatBundle(): string {
  // The package's main is lib/index.js; the browser bundle sits in dist/ beside it.
  return path.join(path.dirname(require.resolve("botframework-webchat")), "..", "dist", "webchat.js");
}

export function registerPageRoutes(server: restify.Server): void {
  const cache = new Map<string, Buffer>();
  const read = (file: string): Buffer => {
    let content = cache.get(file);
    if (!content) {
      content = fs.readFileSync(file);
      cache.set(file, content);
    }
    return content;
  };
  const send = (res: restify.Response, body: Buffer, type: string, maxAge: number) => {
    res.writeHead(200, {
      "content-type": type,
      "content-length": body.length,
      "cache-control": maxAge > 0 ? `public, max-age=${maxAge}` : "no-cache",
      "content-security-policy": CSP,
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
    });
    res.end(body);
  };

  for (const [route, asset] of Object.entries(ASSETS))
    server.get(route, (_req: restify.Request, res: restify.Response, next: restify.Next) => {
      send(res, read(path.join(publicDir(), asset.file)), asset.type, 0);
      next();
    });
  server.get("/webchat/webchat.js", (_req: restify.Request, res: restify.Response, next: restify.Next) => {
    send(res, read(webChatBundle()), "text/javascript; charset=utf-8", 86400);
    next();
  });
}
