import { STATUSES, canTransition } from "../../src/domain/status";
import { TRIAGE_RULES, TRIAGE_VERBS, checkTransition, memberFollows } from "../../src/domain/triage-rules";

describe("triage rules", () => {
  it("every status-changing verb agrees with the status model", () => {
    for (const verb of TRIAGE_VERBS) {
      const to = TRIAGE_RULES[verb].to;
      if (to === null || verb === "reopen" || verb === "ack") continue;
      for (const from of STATUSES) {
        const check = checkTransition(verb, from);
        if (from === to) expect(check).toEqual({ ok: false, reason: "same_status" });
        else expect(check.ok).toBe(canTransition(from, to));
      }
    }
  });

  it("acknowledge only answers a new report", () => {
    expect(checkTransition("ack", "new").ok).toBe(true);
    expect(checkTransition("ack", "in_progress").ok).toBe(false);
    expect(checkTransition("ack", "acknowledged")).toEqual({ ok: false, reason: "same_status" });
    expect(checkTransition("ack", "resolved").ok).toBe(false);
  });

  it("resolving twice is refused the second time", () => {
    expect(checkTransition("resolve", "acknowledged").ok).toBe(true);
    expect(checkTransition("resolve", "resolved")).toEqual({ ok: false, reason: "same_status" });
  });

  it("reopen only applies to closed reports", () => {
    expect(checkTransition("reopen", "resolved").ok).toBe(true);
    expect(checkTransition("reopen", "wont_fix").ok).toBe(true);
    expect(checkTransition("reopen", "acknowledged").ok).toBe(false);
    expect(checkTransition("reopen", "new").ok).toBe(false);
  });

  it("resolve and won't fix need a note; acknowledge does not", () => {
    expect(TRIAGE_RULES.resolve.needsNote).toBe(true);
    expect(TRIAGE_RULES.wontfix.needsNote).toBe(true);
    expect(TRIAGE_RULES.ack.needsNote).toBe(false);
  });

  it("closing the loop happens on acknowledge, resolve, won't fix and reopen", () => {
    const notifying = TRIAGE_VERBS.filter((v) => TRIAGE_RULES[v].notifiesReporters);
    expect(notifying).toEqual(expect.arrayContaining(["ack", "resolve", "wontfix", "reopen"]));
    expect(notifying).not.toContain("progress");
    expect(notifying).not.toContain("assign");
  });

  it("cluster members only move forward with their head", () => {
    expect(memberFollows("resolve", "acknowledged", "new")).toBe(true);
    expect(memberFollows("resolve", "acknowledged", "in_progress")).toBe(true);
    expect(memberFollows("ack", "new", "in_progress")).toBe(false);
    expect(memberFollows("progress", "acknowledged", "new")).toBe(true);
    // Closed members are skipped (their own closure already reached their reporter).
    expect(memberFollows("resolve", "acknowledged", "wont_fix")).toBe(false);
    expect(memberFollows("resolve", "acknowledged", "duplicate")).toBe(false);
  });

  it("reopen brings back the members closed together with the head, not the others", () => {
    expect(memberFollows("reopen", "resolved", "resolved")).toBe(true);
    expect(memberFollows("reopen", "resolved", "wont_fix")).toBe(false);
    expect(memberFollows("reopen", "resolved", "acknowledged")).toBe(false);
    expect(memberFollows("assign", "new", "new")).toBe(false);
  });
});
