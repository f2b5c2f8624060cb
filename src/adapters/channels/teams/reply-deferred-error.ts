/**
 * The turn's acknowledgement could not be sent but is queued in the outbox. The turn still fails
 * (so onTurnError logs it and the credential check looks again when Entra ID refused the token),
 * but no "please try again" apology goes out: the report is filed and the nurse will hear so.
 */
export class ReplyDeferredError extends Error {
  constructor(
    readonly reportId: string,
    cause: unknown,
  ) {
    super(
      `reply for ${reportId} queued in the outbox after: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
    this.name = "ReplyDeferredError";
  }
}
