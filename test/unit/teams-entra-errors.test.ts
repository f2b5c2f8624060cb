import { entraRejection, rejectionLine, withoutSecret } from "../../src/adapters/channels/teams/entra-errors";

const APP = "6f1c2b9e-0000-4000-8000-00000000e001";

/** MSAL's ServerError message for Entra ID's JSON error answer (as botbuilder rethrows it). */
const msal = (error: string, code: number, description: string) =>
  Object.assign(
    new Error(
      `${error}: Error(s): ${code} - Timestamp: 2026-11-27 16:37:00Z - Description: AADSTS${code}: ${description}`,
    ),
    {
      errorCode: error,
    },
  );

describe("Entra ID refusals in plain words", () => {
  it("names the setting, the meaning and the fix for the common refusals", () => {
    const cases: [Error, string][] = [
      [
        msal("invalid_client", 7000222, "The provided client secret keys are expired."),
        "MICROSOFT_APP_PASSWORD (AADSTS7000222: the client secret has expired)",
      ],
      [
        msal("invalid_client", 7000215, "Invalid client secret provided."),
        "MICROSOFT_APP_PASSWORD (AADSTS7000215: the client secret is wrong)",
      ],
      [
        msal("unauthorized_client", 700016, "Application with identifier was not found."),
        "MICROSOFT_APP_ID (AADSTS700016: no app with this id in the directory)",
      ],
      [
        msal("invalid_request", 90002, "Tenant 'x' not found."),
        "MICROSOFT_APP_TENANT_ID (AADSTS90002: the tenant was not found)",
      ],
    ];
    for (const [err, expected] of cases) {
      const r = entraRejection(err, APP);
      expect(rejectionLine(r!)).toContain(`Teams: Entra ID rejected ${expected} — `);
      expect(r!.fix).toContain(APP);
    }
  });

  it("reads the code from a wrapped cause (the Teams sender's AppError)", () => {
    const wrapped = new Error("Teams send failed", { cause: msal("invalid_client", 7000222, "expired") });
    expect(entraRejection(wrapped, APP)?.code).toBe("AADSTS7000222");
  });

  it("treats other client errors with a code as refusals, and network or server trouble as not", () => {
    expect(entraRejection(msal("invalid_client", 7000112, "Application is disabled."), APP)).toMatchObject({
      code: "AADSTS7000112",
      meaning: "the bot's credentials were refused",
    });
    expect(entraRejection(msal("temporarily_unavailable", 50196, "loop detected"), APP)).toBeNull();
    expect(entraRejection(new Error("network_error: connect ECONNREFUSED"), APP)).toBeNull();
    expect(entraRejection("socket hang up", APP)).toBeNull();
  });

  it("masks the secret wherever it appears", () => {
    expect(withoutSecret("bad secret s3cr3t-value here", "s3cr3t-value")).toBe("bad secret [secret] here");
    expect(withoutSecret("nothing to hide", undefined)).toBe("nothing to hide");
  });
});
