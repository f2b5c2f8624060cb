/**
 * Pieces the kill -9 chaos tests share (test/e2e/chaos-*.test.ts): the triage file they route to
 * the fake Slack, the kill at a random moment once a round has some answers, and the backlog read
 * straight from the embedded store's file while the service drains.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { EMBEDDED_DB_FILE } from "../../src/adapters/store/embedded/embedded-store";
import type { ServiceProcess } from "./service-process";

/** Writes the triage config the chaos runs use (cards to C0TRIAGE, alerts to C0ONCALL); returns its path. */
export function writeChaosTriageFile(dir: string): string {
  const file = path.join(dir, "triage.json");
  fs.writeFileSync(
    file,
    JSON.stringify({
      defaultDestination: "slack:C0TRIAGE",
      alerts: ["slack:C0ONCALL"],
      digest: [],
      triagers: { slack: { userIds: ["U0IT"] } },
    }),
  );
  return file;
}

/**
 * SIGKILL once a few messages of this round were answered (the first turns of a fresh process are
 * slow), a random moment later, with others in flight; resolves when the process is gone.
 */
export async function killMidRound(
  service: ServiceProcess,
  acceptedCount: () => number,
  random: () => number,
): Promise<void> {
  const roundStart = acceptedCount();
  const target = 4 + Math.floor(random() * 10);
  const deadline = Date.now() + 60_000;
  while (acceptedCount() - roundStart < target && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, random() * 200));
  service.child.kill("SIGKILL");
  await service.exited;
}

export interface EmbeddedBacklog {
  reports: number;
  /** Reports not yet through the pipeline. */
  open: number;
  /** Outbox messages pending or being sent. */
  outboxPending: number;
}

/** Reads the backlog from the embedded store's file (read-only, while the service runs). */
export function embeddedBacklog(dataDir: string): EmbeddedBacklog {
  const db = new Database(path.join(dataDir, EMBEDDED_DB_FILE), { readonly: true, fileMustExist: true });
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  try {
    return {
      reports: count("SELECT count(*) AS n FROM reports"),
      open: count("SELECT count(*) AS n FROM reports WHERE classify_state <> 'done'"),
      outboxPending: count("SELECT count(*) AS n FROM outbox WHERE state IN ('pending', 'sending')"),
    };
  } finally {
    db.close();
  }
}
