/**
 * What a person at a terminal sees once the bot is up: the URL first, then one aligned line each
 * for configuration, store, classifier, channels and digest. (With JSON logs the same lines are
 * logged one by one with `startup: true`.)
 */

/** `lines` are "Label: text" (e.g. "Slack: off (SLACK_BOT_TOKEN not set)"). */
export function renderStartupSummary(url: string, webchatOn: boolean, lines: readonly string[]): string {
  const rows = lines.map((line) => {
    const colon = line.indexOf(": ");
    return colon > 0 ? [line.slice(0, colon), line.slice(colon + 2)] : ["", line];
  });
  const width = Math.max(...rows.map(([label]) => (label ?? "").length));
  const body = rows.map(([label = "", text = ""]) => `  ${label.padEnd(width)}  ${text}`);
  const open = webchatOn ? `open ${url}/ in a browser` : `listening on ${url}`;
  return [
    "",
    `Clinician feedback bot is running: ${open}`,
    "",
    ...body,
    "",
    "Stop with Ctrl+C. Logs follow (LOG_FORMAT=json for JSON lines).",
    "",
  ].join("\n");
}
