/**
 * A local stand-in for Slack's Socket Mode WebSocket endpoint on 127.0.0.1: says `hello` to each
 * client that connects, lets a test push envelopes (events_api, slash_commands, interactive), and
 * records what the client sends back (acks: `{ envelope_id, payload? }`).
 */
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

export interface SocketAck {
  envelope_id: string;
  payload?: unknown;
}

export interface FakeSlackSocket {
  /** ws://127.0.0.1:<port>/link/?ticket=… — what apps.connections.open should hand out. */
  url(): string;
  /** Messages received from clients (parsed JSON). */
  readonly received: Record<string, unknown>[];
  /** How many clients connected so far. */
  connections(): number;
  /** How many client connections are still open. */
  openConnections(): number;
  waitForConnection(timeoutMs?: number): Promise<void>;
  /** Sends an envelope to the most recently connected client. */
  send(envelope: Record<string, unknown>): void;
  waitForAck(envelopeId: string, timeoutMs?: number): Promise<SocketAck>;
  close(): Promise<void>;
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const started = Date.now();
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export async function startFakeSlackSocket(options: { appId?: string } = {}): Promise<FakeSlackSocket> {
  const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  const clients: WebSocket[] = [];
  const received: Record<string, unknown>[] = [];
  let tickets = 0;

  server.on("connection", (socket) => {
    clients.push(socket);
    socket.on("message", (data: Buffer) => {
      try {
        received.push(JSON.parse(data.toString("utf8")) as Record<string, unknown>);
      } catch {
        received.push({ unparsable: data.toString("utf8") });
      }
    });
    socket.send(
      JSON.stringify({
        type: "hello",
        num_connections: clients.length,
        debug_info: { host: "fake-slack-socket", approximate_connection_time: 3600 },
        connection_info: { app_id: options.appId ?? "A1" },
      }),
    );
  });

  return {
    url: () => `ws://127.0.0.1:${port}/link/?ticket=fake-${++tickets}&app_id=${options.appId ?? "A1"}`,
    received,
    connections: () => clients.length,
    openConnections: () => clients.filter((c) => c.readyState === c.OPEN || c.readyState === c.CONNECTING).length,
    async waitForConnection(timeoutMs = 5000) {
      await until("a socket mode connection", () => (clients.length > 0 ? true : undefined), timeoutMs);
    },
    send(envelope) {
      const socket = clients[clients.length - 1];
      if (!socket) throw new Error("no socket mode client connected");
      socket.send(JSON.stringify(envelope));
    },
    waitForAck(envelopeId, timeoutMs = 5000) {
      return until(
        `the ack of ${envelopeId}`,
        () => received.find((m) => m.envelope_id === envelopeId) as SocketAck | undefined,
        timeoutMs,
      );
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of clients) socket.terminate();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
