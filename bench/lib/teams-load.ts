/**
 * The Teams side of the ack bench's load: Bot Framework message activities carrying report texts,
 * POSTed to the bot's /api/messages as the Bot Connector does (no auth header: the bench's bot has no
 * app id). Used in-process and by the child-process Bot Connector (remote-connector-child.ts).
 */
import http from "node:http";

let seq = 0;

/** The next activity of a personal chat from one of 1,000 users; text chosen round-robin. */
export function teamsActivity(texts: readonly string[], serviceUrl: string): string {
  seq += 1;
  const user = `bench-user-${seq % 1000}`;
  return JSON.stringify({
    type: "message",
    id: `bench-${process.pid}-${seq}`,
    channelId: "msteams",
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: `29:${user}`, name: user, aadObjectId: user },
    recipient: { id: "28:bench-bot", name: "IT Feedback" },
    conversation: { id: `a:${user}`, conversationType: "personal", tenantId: "tenant-1" },
    channelData: { tenant: { id: "tenant-1" } },
    text: texts[seq % texts.length]!,
  });
}

/** POSTs one activity; resolves on HTTP 200 (the bot answers after its replies reached the connector). */
export function postActivity(agent: http.Agent, botUrl: string, body: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const req = http.request(
      new URL("/api/messages", botUrl),
      {
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on("end", () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
