import type { Report } from "../../domain/report";
import { anonymousRef, identifiedRef } from "./anonymity";
import type { Sender } from "./core-types";

/** The refs under which this sender's reports may be stored (named, and hashed when anonymous). */
export function refsOf(salt: string, sender: Sender): string[] {
  return [identifiedRef(sender.channel, sender.userId), anonymousRef(salt, sender.channel, sender.userId)];
}

export function isReporter(salt: string, sender: Sender, report: Report): boolean {
  return refsOf(salt, sender).includes(report.reporter.ref);
}
