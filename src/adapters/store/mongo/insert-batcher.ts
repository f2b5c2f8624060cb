/**
 * Group commit for inserts: documents inserted into one collection while an insert to it is on its
 * way go together in the next `insertMany` (unordered), so a burst of reports costs one round trip
 * per batch instead of one per document. Each caller still learns its own outcome — stored, or
 * refused by a unique index — and waits until its document is written, exactly as with insertOne.
 * A batch that fails as a whole (server gone) fails every caller in it.
 */
import type { Collection, Document, OptionalUnlessRequiredId } from "mongodb";

interface Waiting<T> {
  doc: T;
  resolve: (outcome: "stored" | "duplicate") => void;
  reject: (err: unknown) => void;
}

const MAX_BATCH = 64;

interface WriteErrorLike {
  index?: unknown;
  code?: unknown;
}

function writeErrorsOf(err: unknown): WriteErrorLike[] | null {
  const e = err as { writeErrors?: unknown } | null;
  if (Array.isArray(e?.writeErrors)) return e.writeErrors as WriteErrorLike[];
  if (e?.writeErrors && typeof e.writeErrors === "object") return [e.writeErrors];
  return null;
}

export class InsertBatcher<T extends Document> {
  private waiting: Waiting<T>[] = [];
  private inFlight = false;

  constructor(private readonly collection: Collection<T>) {}

  insert(doc: T): Promise<"stored" | "duplicate"> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ doc, resolve, reject });
      if (!this.inFlight) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.inFlight = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, MAX_BATCH);
        await this.write(batch);
      }
    } finally {
      this.inFlight = false;
    }
  }

  private async write(batch: Waiting<T>[]): Promise<void> {
    const docs = batch.map((w) => w.doc as OptionalUnlessRequiredId<T>);
    try {
      if (docs.length === 1) await this.collection.insertOne(docs[0]!);
      else await this.collection.insertMany(docs, { ordered: false });
      for (const w of batch) w.resolve("stored");
    } catch (err) {
      const errors = writeErrorsOf(err);
      const single = docs.length === 1 && (err as { code?: unknown }).code === 11000;
      if (single) return batch[0]!.resolve("duplicate");
      if (!errors) {
        for (const w of batch) w.reject(err);
        return;
      }
      const byIndex = new Map(errors.map((e) => [Number(e.index), e.code]));
      batch.forEach((w, i) => {
        const code = byIndex.get(i);
        if (code === undefined) w.resolve("stored");
        else if (code === 11000 || code === 11001) w.resolve("duplicate");
        else w.reject(err);
      });
    }
  }
}
