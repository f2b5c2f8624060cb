/** Leases and digest runs on SQLite: the two "only one instance does this" primitives. */
import type { Database } from "better-sqlite3";
import type { DigestRunClaim, DigestRunStore, LeaseStore } from "../../../ports/side-stores";
import { run } from "./sqlite-errors";

export class SqliteLeaseStore implements LeaseStore {
  constructor(private readonly db: Database) {}

  acquire(name: string, owner: string, now: Date, ttlMs: number): Promise<boolean> {
    return run("acquire a lease", () => {
      const result = this.db
        .prepare(
          `INSERT INTO leases (name, owner, lease_until) VALUES (@name, @owner, @until)
           ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until
           WHERE leases.owner = excluded.owner OR leases.lease_until <= @now`,
        )
        .run({ name, owner, until: now.getTime() + ttlMs, now: now.getTime() });
      return result.changes === 1;
    });
  }

  release(name: string, owner: string): Promise<void> {
    return run("release a lease", () => {
      this.db.prepare("DELETE FROM leases WHERE name = ? AND owner = ?").run(name, owner);
    });
  }
}

interface RunRow {
  state: "claimed" | "sent";
  owner: string;
  lease_until: number;
}

export class SqliteDigestRunStore implements DigestRunStore {
  constructor(private readonly db: Database) {}

  claim(period: string, destination: string, owner: string, now: Date, ttlMs: number): Promise<DigestRunClaim> {
    return run("claim a digest run", () =>
      this.db
        .transaction((): DigestRunClaim => {
          const row = this.db
            .prepare("SELECT state, owner, lease_until FROM digest_runs WHERE period = ? AND destination = ?")
            .get(period, destination) as RunRow | undefined;
          if (row?.state === "sent") return "already_sent";
          if (row && row.owner !== owner && row.lease_until > now.getTime()) return "in_progress";
          this.db
            .prepare(
              `INSERT INTO digest_runs (period, destination, state, owner, lease_until, sent_at)
               VALUES (?, ?, 'claimed', ?, ?, NULL)
               ON CONFLICT (period, destination) DO UPDATE SET state = 'claimed', owner = excluded.owner,
                 lease_until = excluded.lease_until`,
            )
            .run(period, destination, owner, now.getTime() + ttlMs);
          return "claimed";
        })
        .immediate(),
    );
  }

  markSent(period: string, destination: string, owner: string, now: Date): Promise<void> {
    return run("mark a digest run sent", () => {
      this.db
        .prepare(
          `INSERT INTO digest_runs (period, destination, state, owner, lease_until, sent_at)
           VALUES (?, ?, 'sent', ?, ?, ?)
           ON CONFLICT (period, destination) DO UPDATE SET state = 'sent', owner = excluded.owner,
             sent_at = excluded.sent_at`,
        )
        .run(period, destination, owner, now.getTime(), now.getTime());
    });
  }

  sentPeriods(destination: string, limit: number): Promise<string[]> {
    return run("list sent digest runs", () => {
      const rows = this.db
        .prepare(
          `SELECT period FROM digest_runs WHERE destination = ? AND state = 'sent'
           ORDER BY period DESC LIMIT ?`,
        )
        .all(destination, Math.max(0, Math.floor(limit))) as { period: string }[];
      return rows.map((r) => r.period);
    });
  }
}
