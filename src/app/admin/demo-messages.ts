/**
 * Data for `seed-demo`: clinician messages as typed (some with fictitious patient details, so the
 * redactor has work to do), grouped into the storylines a CMIO digest should surface.
 * `{unit}` is filled with a unit name, `{patient}` with a fictitious name, `{mrn}` with a number.
 */

export interface DemoMessage {
  text: string;
  /** Note IT leaves when resolving (the "you said, we did" line). */
  resolution: string;
  /** Units this message is typically sent from (default: any). */
  units?: readonly string[];
}

/** Everyday background: a mix of kinds and systems, every week. */
export const BASELINE_MESSAGES: readonly DemoMessage[] = [
  {
    text: "Epic is really slow on the {unit} workstations this morning, charting takes forever",
    resolution: "Cleared a stuck profile cache on the unit's thin clients.",
  },
  {
    text: "the WOW in room 12 on {unit} won't connect to wifi again",
    resolution: "Replaced the wireless card in the workstation on wheels.",
  },
  {
    text: "Pyxis on {unit} keeps saying drawer failure when we pull insulin",
    resolution: "Pharmacy techs re-seated the drawer and recalibrated the cabinet.",
  },
  {
    text: "Alaris pump on {unit} not talking to Epic, had to program it manually",
    resolution: "Re-associated the pump channel with the EHR interface.",
  },
  {
    text: "lab results not crossing into the chart for {unit}, we're calling the lab for every potassium",
    resolution: "Restarted the lab results interface; backlog of results posted.",
  },
  {
    text: "too many clicks to document a simple dressing change in the flowsheet, {unit} nurses are frustrated",
    resolution: "Built a quick-entry flowsheet row for dressing changes.",
  },
  {
    text: "allergy list didn't carry over when {patient} was transferred to {unit}",
    resolution: "Fixed the transfer order set so allergies reconcile on transfer.",
  },
  {
    text: "Vocera badges on {unit} dropping calls in the back hallway",
    resolution: "Added an access point in the back hallway.",
  },
  {
    text: "new hire on {unit} has no Epic access yet, third day in a row",
    resolution: "Account provisioned; access requests now auto-route to security.",
  },
  {
    text: "Imprivata badge tap not working on the {unit} nurses station computer",
    resolution: "Replaced the badge reader.",
  },
  {
    text: "PACS viewer freezes when opening CT images on {unit}",
    resolution: "Updated the viewer client on the unit's workstations.",
  },
  {
    text: "we still fax discharge summaries to the rehab facility from {unit}, takes an hour a day",
    resolution: "Enabled electronic referral to the two main rehab facilities.",
  },
  {
    text: "have to type vitals twice on {unit}, once in the monitor and once in Epic",
    resolution: "Turned on monitor-to-flowsheet vitals validation for the unit.",
  },
  {
    text: "duplicate chart for {patient} MRN {mrn} on {unit}, notes going to both",
    resolution: "HIM merged the duplicate records.",
  },
  {
    text: "the central station on {unit} lost telemetry for two beds for about 10 minutes",
    resolution: "Replaced a failing telemetry receiver; vendor confirmed.",
  },
  {
    text: "pharmacy verification queue is backed up, meds for {unit} delayed over an hour",
    resolution: "Added a verification pharmacist on evenings; queue alerting tuned.",
  },
  {
    text: "the heparin order set has three different names in CPOE, docs on {unit} keep picking the wrong one",
    resolution: "Retired two duplicate heparin orderables; one protocol name remains.",
  },
  {
    text: "sepsis alert fires on every patient on {unit}, nobody reads it anymore",
    resolution: "Raised the alert threshold with the sepsis committee.",
  },
  {
    text: "video visit links from {unit} clinic expire before the patient joins",
    resolution: "Extended link validity to 24 hours.",
  },
  {
    text: "Outlook keeps asking for my password on the {unit} shared computer",
    resolution: "Removed stale credentials from the shared workstation.",
  },
  {
    text: "patient weight on {unit} shows in lbs in one screen and kg in another",
    resolution: "Standardised weight display to kg across flowsheets.",
  },
  { text: "wristband printer on {unit} prints blank bands", resolution: "Replaced the printhead." },
  { text: "VPN drops every 20 minutes when I chart from home", resolution: "Updated the VPN client profile." },
  {
    text: "can't find where to document restraint checks in the new flowsheet on {unit}",
    resolution: "Added restraint checks to the unit's flowsheet favourites.",
  },
];

/** A bar-code scanner outage: a burst of reports on three units within two days (one cluster). */
export const BCMA_OUTAGE_MESSAGES: readonly DemoMessage[] = [
  {
    text: "BCMA scanners on {unit} not reading wristbands at all, we're giving meds without scanning",
    resolution: "Scanner firmware update rolled back; all BCMA scanners re-paired.",
  },
  {
    text: "barcode scanner won't scan any wristband on {unit}, med pass is delayed",
    resolution: "Scanner firmware update rolled back; all BCMA scanners re-paired.",
  },
  {
    text: "bar code scanning down on {unit} since 7, overriding every scan",
    resolution: "Scanner firmware update rolled back; all BCMA scanners re-paired.",
  },
  {
    text: "BCMA scanner keeps beeping error on {unit}, 9am meds late for the whole hall",
    resolution: "Scanner firmware update rolled back; all BCMA scanners re-paired.",
  },
];
export const BCMA_OUTAGE_UNITS = ["Med-Surg", "Telemetry unit", "Step-down"] as const;

/** A recurring printer hotspot on one unit, a few reports every week. */
export const PRINTER_HOTSPOT_MESSAGES: readonly DemoMessage[] = [
  {
    text: "label printer on {unit} jammed again, can't print specimen labels",
    resolution: "Cleared the jam; replacement label printer ordered.",
  },
  {
    text: "{unit} specimen label printer printing half labels, lab rejecting tubes",
    resolution: "Replaced the label stock and recalibrated the printer.",
  },
  {
    text: "the printer at the {unit} nurses station is offline again",
    resolution: "Re-added the printer to the print server.",
  },
];
export const PRINTER_HOTSPOT_UNIT = "Oncology";

/** After the EHR upgrade: how-to questions and training requests, fading over the weeks. */
export const EHR_UPGRADE_MESSAGES: readonly DemoMessage[] = [
  {
    text: "how do I find the MAR in the new Epic layout on {unit}? nobody showed us",
    resolution: "Tip sheet sent; at-the-elbow support scheduled for the unit.",
  },
  {
    text: "since the Epic upgrade I can't find where to sign off orders, is there a tip sheet?",
    resolution: "Tip sheet published on the intranet.",
  },
  {
    text: "{unit} needs training on the new discharge navigator after the upgrade",
    resolution: "Two training sessions held for the unit.",
  },
  {
    text: "how do I reprint the med labels in the upgraded Epic? we keep asking each other on {unit}",
    resolution: "Short video guide shared with the unit.",
  },
  {
    text: "new Epic layout moved the I&O flowsheet, half of {unit} doesn't know where it went",
    resolution: "Super-users ran a huddle on the new layout.",
  },
];

/** Data-protection gaps: a few a month. */
export const PRIVACY_MESSAGES: readonly DemoMessage[] = [
  {
    text: "everyone on {unit} night shift uses the same login on the WOW because badge tap is slow",
    resolution: "Badge tap fixed and shared log-in disabled; staff reminded.",
  },
  {
    text: "found a printout with {patient}'s labs left at the {unit} copier",
    resolution: "Secure print release enabled on the unit's copier.",
  },
  {
    text: "got a suspicious email asking me to reset my Epic password, sent from an outside address",
    resolution: "Phishing email blocked across the organisation.",
  },
  {
    text: "workstation screens on {unit} don't lock, patient charts open in the hallway",
    resolution: "Screen lock timeout applied to the unit's workstations.",
  },
];

/** Fictitious names for `{patient}` (the redactor replaces them). */
export const DEMO_PATIENT_NAMES = ["Maria Lopez", "John Baker", "Aiko Tanaka", "Peter Novak", "Grace Okafor"] as const;

/** Who acknowledges and resolves in the demo. */
export const DEMO_TRIAGERS = ["IT service desk", "Clinical apps team", "Biomed", "Pharmacy informatics"] as const;
