/** An ISO date, `YYYY-MM-DD`. */
export type IsoDate = string;
/** An ISO moment in the district's local time, `YYYY-MM-DDTHH:MM:SS`. */
export type IsoDateTime = string;
/** The language of rendered text. */
export type Language = "zh" | "en";

export type UnitKind = "government" | "department" | "street" | "town" | "section";
export type Role = "district_head" | "deputy_district_head" | "unit_head" | "section_head" | "staff";
export type KeyTaskKind = "key_work" | "special_work" | "major_project" | "practical_project" | "unit_goal";
export type Level = "city" | "district";
export type Granularity = "month" | "quarter";
export type LagClass = "objective" | "subjective";
export type LagCause = "policy_change" | "higher_level_approval" | "force_majeure" | "other";
export type MilestoneStatus = "not_yet_due" | "completed_early" | "completed_on_time" | "completed_late" | "lagging" | "withdrawn";
export type Light = "green" | "yellow" | "red";
export type Grade = "excellent" | "good" | "pass" | "fail";
export type Goal = { at_least: number } | { at_most: number } | { within: { low: number; high: number } };
export type Target =
  | { deliverable: { description: string } }
  | { quantity: { unit: string; goal: Goal; baseline?: number } };
export type Progress = { cumulative: number } | "done" | "underway";

export interface Responsibility { lead_unit?: string; partner_units?: string[]; responsible_person?: string }
export interface Withdrawal { on: IsoDate; reason: string }
export interface Milestone {
  id: string; title: string; due?: IsoDate; granularity?: Granularity; target?: Target;
  responsibility?: Responsibility; withdrawn?: Withdrawal;
}
export interface SubProject {
  id: string; title: string; start?: IsoDate; responsibility?: Responsibility;
  milestones?: Milestone[]; withdrawn?: Withdrawal;
}
export interface KeyTask {
  id: string; title: string; kind: KeyTaskKind; level: Level; plan_item: string;
  supervising_leader?: string; multi_year?: boolean; sub_projects?: SubProject[]; withdrawn?: Withdrawal;
}
export interface ProgressReport { milestone: string; date: IsoDate; progress: Progress; reported_by?: string; note?: string }
export interface LagReason { milestone: string; class: LagClass; cause?: LagCause; text: string; recorded_on: IsoDate; pending_request?: number }
export interface Contract {
  id: string; kind: "leader_with_unit_head" | "unit_head_with_section_head";
  upper_signer: string; lower_signer: string; signed_on: IsoDate; key_tasks: string[];
}
export interface PartnerRating { sub_project: string; partner: string; score: number; rated_by: string; rated_on: IsoDate; comment?: string }
/** The plan document, format version 1. */
export interface PlanDocument {
  format_version: number; year: number; name: string;
  units?: { id: string; name: string; kind: UnitKind; parent?: string }[];
  people?: { id: string; name: string; role: Role; unit: string }[];
  plan_items?: { id: string; title: string; submitted_by: string }[];
  key_tasks?: KeyTask[]; contracts?: Contract[]; progress_reports?: ProgressReport[];
  lag_reasons?: LagReason[]; partner_ratings?: PartnerRating[];
}

/** One validation problem: a stable code, a JSON pointer, and how to fix it. */
export interface Problem { code: string; path: string; message: string; message_zh: string }

/** How many problems of one code were found beyond those listed. */
export interface OmittedProblems { code: string; count: number }

export interface PlanSummary {
  year: number; name: string; units_by_kind: Partial<Record<UnitKind, number>>; people: number;
  plan_items: number; key_tasks: number; key_tasks_by_kind: Partial<Record<KeyTaskKind, number>>;
  sub_projects: number; sub_projects_by_kind: Partial<Record<KeyTaskKind, number>>;
  sub_projects_with_partners: number; milestones: number; contracts: number;
  progress_reports: number; lag_reasons: number;
}

/** Options of a status evaluation; every field is optional. */
export interface StatusOptions {
  riskMargin?: number; dueSoonWorkingDays?: number; reportingCadence?: "weekly" | "monthly" | "quarterly";
  calendar?: CalendarDocument;
}
/** How a chart is drawn; every field optional (a month step, 960 × 540 pixels, Chinese, the first page). */
export interface ChartOptions {
  step?: "month" | "quarter"; by?: "key_task" | "lead_unit"; width?: number; height?: number; language?: "zh" | "en"; page?: number;
}
/** What a bulletin shows; every field optional (Chinese, month columns, six trajectories per leader). */
export interface BulletinOptions {
  language?: "zh" | "en"; step?: "month" | "quarter"; trajectoriesPerLeader?: number;
}
/** The completion rate over the year: the whole plan (`kind` null), then each kind of work. */
export interface RateTrend {
  plan_name: string;
  as_of: IsoDate;
  columns: { period: string; date: IsoDate }[];
  series: { kind: KeyTaskKind | null; rates: (number | null)[] }[];
}
/** Milestones by due date, a row per key task or lead unit. */
export interface Timeline {
  plan_name: string;
  year: number;
  as_of: IsoDate;
  rows_are: "key_task" | "lead_unit";
  rows: { id: string; label: string; marks: { milestone: string; title: string; due: IsoDate; status: MilestoneStatus }[] }[];
}
/** One sub-project's trajectory: each quantity series (then its deliverables) with its nodes and reports. */
export interface Trajectory {
  plan_name: string;
  sub_project: string;
  title: string;
  lead_unit: string;
  start: IsoDate;
  as_of: IsoDate;
  year: number;
  series: {
    unit: string | null;
    baseline: number;
    nodes: {
      milestone: string; title: string; due: IsoDate; goal: Goal | null; status: MilestoneStatus;
      completed_on: IsoDate | null; expected: number | null; forecast: IsoDate | null;
    }[];
    reports: { date: IsoDate; value: number }[];
  }[];
}
/** The light board: each key task's light at the end of every month or quarter, under its leader. */
export interface LightBoard {
  plan_name: string;
  as_of: IsoDate;
  columns: { period: string; date: IsoDate }[];
  groups: { leader: string | null; name: string; rows: { key_task: string; title: string; lights: (Light | null)[] }[] }[];
}
export interface CalendarDocument {
  name: string; years: number[];
  holidays?: { name: string; from: IsoDate; to: IsoDate }[];
  working_weekend_days?: { name: string; date: IsoDate }[];
}

/** Counts of milestones and sub-projects by status and light. */
export interface Summary {
  milestones: number; not_yet_due: number; completed_early: number; completed_on_time: number;
  completed_late: number; lagging: number; withdrawn: number; lagging_objective: number;
  lagging_subjective: number; lagging_without_reason: number; at_risk: number;
  green: number; yellow: number; red: number; sub_projects: number;
  sub_projects_with_due_milestone: number; sub_projects_on_schedule: number;
  sub_projects_lagging: number; sub_projects_stale: number; sub_projects_green: number;
  sub_projects_yellow: number; sub_projects_red: number; sub_projects_withdrawn: number;
  /** On-schedule over sub-projects with a milestone due; null when none is due. */
  completion_rate?: number | null;
}
export interface LagReasonSummary { class: LagClass; cause: LagCause | null; text: string; recorded_on: IsoDate; pending_request: number | null }
export interface MilestoneStatusRow {
  milestone: string; title: string; sub_project: string; key_task: string; kind: KeyTaskKind; level: Level;
  due: IsoDate; due_period: string; status: MilestoneStatus; light: Light; at_risk: boolean;
  behind_trajectory: boolean; due_soon: boolean; working_days_to_due: number; completed_on: IsoDate | null;
  latest_value: number | null; progress_share: number | null; expected_share: number; forecast: IsoDate | null;
  lead_unit: string; responsible_person: string | null; supervising_leader: string;
  lag_reason: LagReasonSummary | null; needs_reason: boolean;
}
export interface SubProjectStatusRow {
  sub_project: string; title: string; key_task: string; kind: KeyTaskKind; level: Level; lead_unit: string;
  partner_units: string[]; supervising_leader: string; has_due_milestone: boolean; on_schedule: boolean;
  stale: boolean; light: Light; latest_report: IsoDate | null; milestones: number; lagging_milestones: number;
}
export interface LaggingItem {
  milestone: string; title: string; sub_project: string; key_task: string; kind: KeyTaskKind; level: Level;
  due: IsoDate; days_overdue: number; lead_unit: string; partner_units: string[];
  responsible_person: string | null; supervising_leader: string; reason: LagReasonSummary | null;
}
export interface RollupData {
  as_of: IsoDate | null; overall: Summary; by_supervising_leader: Record<string, Summary>;
  by_lead_unit: Record<string, Summary>; by_partner_unit: Record<string, Summary>;
  by_kind: Partial<Record<KeyTaskKind, Summary>>; by_level: Partial<Record<Level, Summary>>;
  by_key_task: Record<string, Summary>; lagging: LaggingItem[];
}
export interface TrendPoint { period: string; date: IsoDate; summary: Summary }
export interface StatusDiff {
  from: IsoDate; to: IsoDate;
  status_changes: { milestone: string; title: string; before: MilestoneStatus | null; after: MilestoneStatus | null }[];
  new_reports: ProgressReport[];
  deadline_changes: { milestone: string; title: string; before: IsoDate; after: IsoDate }[];
  summary_before: Summary; summary_after: Summary;
}
export interface LeaderRow { key_task: string; title: string; kind: KeyTaskKind; level: Level; summary: Summary; light: Light }
export interface LeaderTable { leader: string; name: string; totals: Summary; rows: LeaderRow[] }
export interface SupervisionReportData {
  plan_name: string; as_of: IsoDate; overall: Summary;
  headline: { kind: KeyTaskKind; key_tasks: number; summary: Summary }[];
  lagging: { item: LaggingItem; key_task_title: string; lead_unit_name: string; responsible_person_name: string | null; supervising_leader_name: string }[];
  early_finishers: { milestone: string; title: string; sub_project: string; sub_project_title: string; lead_unit: string; lead_unit_name: string; due: IsoDate; due_period: string; completed_on: IsoDate; completed_period: string }[];
  stale: { sub_project: string; title: string; lead_unit: string; lead_unit_name: string; latest_report: IsoDate | null }[];
  leaders: LeaderTable[]; adjustments: MilestoneAdjustment[];
}
export interface ContractGap {
  key_task: string; kind: Contract["kind"]; unit: string; upper_signer: string | null;
  lower_signer: string | null; message: string;
}

/** A change to an adopted plan; see the ledger guide for who may make each. */
export type Change =
  | { kind: "report_progress"; milestone: string; date: IsoDate; progress: Progress; note?: string }
  | { kind: "record_lag_reason"; milestone: string; class: LagClass; cause?: LagCause; text: string }
  | { kind: "add_key_task"; key_task: KeyTask; plan_item?: { id: string; title: string; submitted_by: string } }
  | { kind: "add_sub_project"; key_task: string; sub_project: SubProject }
  | { kind: "add_milestone"; sub_project: string; milestone: Milestone }
  | { kind: "move_milestone_earlier"; milestone: string; due: IsoDate }
  | { kind: "request_later_date"; milestone: string; due: IsoDate; class: LagClass; cause?: LagCause; text: string }
  | { kind: "approve_later_date"; request: number }
  | { kind: "refuse_later_date"; request: number }
  | { kind: "adjust_target"; milestone: string; target: Target }
  | { kind: "withdraw"; item: { key_task: string } | { sub_project: string } | { milestone: string } }
  | { kind: "assign_partner"; sub_project: string; unit: string }
  | { kind: "remove_partner"; sub_project: string; unit: string }
  | { kind: "sign_contract"; contract: Contract }
  | { kind: "rate_partner"; sub_project: string; partner: string; score: number; comment?: string }
  | { kind: "adopt_plan"; plan: PlanDocument };
export interface Entry {
  sequence: number; format_version?: number; rules: number; recorded_at: IsoDateTime; actor: string; change: Change; reason?: string;
  previous_hash: string; hash: string;
}
export interface LaterDateRequest {
  sequence: number; milestone: string; from: IsoDate; due: IsoDate; class: LagClass; cause: LagCause | null;
  text: string; requested_by: string; requested_at: IsoDateTime;
  decision: { approved: boolean; by: string; at: IsoDateTime; sequence: number; reason: string | null } | null;
}
export interface MilestoneAdjustment {
  milestone: string; title: string; original_due: IsoDate | null; current_due: IsoDate | null;
  original_target: Target | null; current_target: Target | null;
  moves: { sequence: number; at: IsoDateTime; by: string; from: IsoDate; to: IsoDate; request: LaterDateRequest | null }[];
  added: boolean; withdrawn: boolean;
}

export type PartialRule =
  | { rule: "none" } | { rule: "proportional" } | { rule: "interpolated"; red_flag: number }
  | { rule: "bands"; bands: { at_least: number; credit: number }[] };
/** A scoring scheme; validated when a Scheme is made from it. */
export interface ScoringScheme {
  target_completion_weight: number; components: { name: string; weight: number }[];
  lead_weight: number; partner_weight: number;
  missing_ratings: { policy: "error" } | { policy: "excluded" } | { policy: "neutral"; score: number };
  credit: {
    early_bonus_per_period: number; early_bonus_cap: number; late_penalty_per_day: number; late_floor: number;
    objective_lag: "excluded" | "penalised"; partial: PartialRule; partial_by_level?: Partial<Record<Level, PartialRule>>;
  };
  weights?: { key_tasks?: Record<string, number>; sub_projects?: Record<string, number>; milestones?: Record<string, number> };
  grades: { excellent: number; good: number; pass: number; excellent_quota?: number };
}
/** The host's components per unit: unit id → component name → 0–100. */
export type ComponentScores = Record<string, Record<string, number>>;
export interface Explanation {
  item: "performance" | "target_completion" | "lead_work" | "cooperation" | "component" | "key_task" | "sub_project" | "milestone" | "rating" | "missing_rating" | "cap";
  id?: string; title?: string; name?: string; sub_project?: string; by?: string;
  basis?: { basis: string; periods?: number; bonus?: number; days?: number; rule?: string; achieved?: number | null };
  score: number; weight: number; points: number; children?: Explanation[];
}
export interface UnitAssessment {
  unit: string; name: string; kind: UnitKind; lead_score: number | null; partner_score: number | null;
  target_completion: number; components: Record<string, number>; performance: number;
  rank: number; group_rank: number; grade: Grade; explanation: Explanation;
}
export interface AccountabilityItem {
  milestone: string; title: string; key_task: string; lead_unit: string; responsible_person: string | null;
  supervising_leader: string; due: IsoDate; days_overdue: number; reason: LagReasonSummary | null; refused_request: boolean;
}
export interface AssessmentData {
  as_of: IsoDate; units: UnitAssessment[]; not_assessed: string[]; components_not_used: string[]; accountability: AccountabilityItem[];
}

/** The last entry of a ledger: publish it so that a later reading finds a dropped or rewritten tail. */
export interface Head { sequence: number; hash: string }

/** A log's committed state (the C2SP tlog-checkpoint): origin, size and tree head (hex). */
export interface Checkpoint { origin: string; size: number; root: string; extensions?: string[] }

/** Every error thrown is an Error with a stable `code`; some carry more. */
export interface MubiaoError extends Error {
  code: string; messageEn: string; messageZh: string;
  problems?: Problem[]; omitted?: OmittedProblems[]; subject?: "plan" | "calendar" | "scheme" | "assessment";
  rule?: string; sequence?: number | null; line?: number; column?: number; path?: string | null; argument?: string;
  /** For an IntegrityError: what is wrong with the line, e.g. `"hash_mismatch"` or `{ dropped_tail: { published: 4 } }`. */
  problem?: string | Record<string, unknown>;
}

/** How one target cell of a target table was read. */
export interface TargetCell {
  /** The cell, as `目标表!H12`. */
  cell: string;
  /** The cell's text (a deliverable's description). */
  text: string;
  milestone: string;
  due: IsoDate;
  reading:
    | { as: "quantity"; target: { unit: string; goal: Goal; baseline?: number }; marker: string; more_numbers: boolean }
    | { as: "deliverable"; number_without_unit: boolean };
}
/** Something the reader decided that the table did not say outright. */
export interface Inference { cell?: string | null; message: string; message_zh: string }
/** What reading a target table did, for an office to check before it adopts the plan. */
export interface ReadingReport { sheet: string; targets: TargetCell[]; inferences: Inference[] }
