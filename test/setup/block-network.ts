/**
 * Tests may only talk to loopback. Any attempt to reach another host fails loudly, so a test can
 * never depend on (or leak data to) the network.
 */
import net from "node:net";

const allowed = new Set(["127.0.0.1", "::1", "localhost", "::ffff:127.0.0.1"]);

function hostOf(args: unknown[]): string | undefined {
  const first = args[0];
  if (typeof first === "object" && first !== null) {
    const options = first as { host?: string; path?: string };
    if (options.path) return "localhost"; // unix socket
    return options.host ?? "localhost";
  }
  if (typeof args[1] === "string") return args[1];
  return "localhost";
}

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function patchedConnect(this: net.Socket, ...args: unknown[]) {
  const host = hostOf(args);
  if (host !== undefined && !allowed.has(host) && !host.startsWith("127.")) {
    throw new Error(`Network access to ${host} is blocked in tests (only 127.0.0.1 is allowed)`);
  }
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
};
