/** What the dashboard shows (the JSON API's answer, the page's data and the CSV's content). */
import type { Count } from "./small-cells";
import type { DashboardDrill, DashboardFilters } from "./dashboard-query";

export interface WeekRow {
  week: string;
  reports: Count;
  safety: Count;
}

export interface HotspotCell {
  unit: string;
  system: string;
  systemLabel: string;
  reports: Count;
}

export interface Hotspots {
  /** Units (rows), most reports first. */
  units: { unit: string; reports: Count }[];
  /** Systems (columns), most reports first. */
  systems: { system: string; systemLabel: string; reports: Count }[];
  /** The non-empty cells (an absent cell is 0). */
  cells: HotspotCell[];
  total: Count;
}

export interface Timing {
  /** How many reports the figure is over. */
  reports: Count;
  /** Hours, one decimal; null when there are none or too few where a unit is named. */
  medianHours: number | null;
  p90Hours: number | null;
}

export interface ThemeRow {
  theme: string;
  reports: Count;
}

export interface ReportHistoryStep {
  at: string;
  /** "reporter", "IT" or "system": people are not named on the dashboard. */
  by: string;
  action: string;
  from: string | null;
  to: string | null;
  note: string | null;
}

export interface ReportItem {
  id: string;
  createdAt: string;
  week: string;
  unit: string | null;
  system: string | null;
  systemLabel: string | null;
  kind: string | null;
  severity: string | null;
  patientSafety: boolean;
  status: string;
  statusLabel: string;
  /** Redacted text, as stored; the page shows it as plain text. */
  text: string;
  history: ReportHistoryStep[];
}

export interface DashboardView {
  range: { from: string; to: string; timeZone: string; weeks: number };
  filters: DashboardFilters;
  drill: DashboardDrill;
  /** What the filter controls offer (everything seen in the week range). */
  options: {
    units: string[];
    systems: { id: string; label: string }[];
    kinds: { id: string; label: string }[];
    severities: string[];
  };
  suppression: { limit: number; unitNamed: boolean; method: string };
  totals: { reports: Count; safety: Count; open: Count };
  trend: WeekRow[];
  hotspots: Hotspots;
  times: { acknowledge: Timing; resolve: Timing };
  themes: ThemeRow[];
  reports: { matching: number; shown: number; items: ReportItem[] };
}
