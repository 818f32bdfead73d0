// Type-checked by `tsc --noEmit` (never run): every input and output is typed.
import * as mubiao from "../pkg/node.js";
import type {
  AccountabilityItem, AssessmentData, Change, Checkpoint, ContractGap, Entry, Explanation, LaggingItem,
  LaterDateRequest, MilestoneAdjustment, MilestoneStatusRow, PlanDocument, PlanSummary, Problem,
  RollupData, ScoringScheme, ChartOptions, LightBoard, Timeline, Trajectory, RateTrend, BulletinOptions, StatusDiff, StatusOptions, SubProjectStatusRow, Summary,
  SupervisionReportData, TrendPoint, UnitAssessment, MubiaoError, ComponentScores,
} from "../pkg/mubiao.js";

declare const text: string;

const document: PlanDocument = { format_version: 1, year: 2017, name: "typed" };
const plan: mubiao.Plan = mubiao.Plan.fromJson(text);
const again: mubiao.Plan = mubiao.Plan.fromJson(document);
const summary: PlanSummary = plan.summary();
const year: number = plan.year + again.milestoneCount + summary.milestones;
const back: PlanDocument = plan.toObject();
const json: string = plan.toJson(true);
const problems: Problem[] = mubiao.problems(document);
const gaps: ContractGap[] = plan.contractGaps();

const options: StatusOptions = { riskMargin: 0.2, dueSoonWorkingDays: 3, reportingCadence: "monthly" };
const status: mubiao.Status = plan.status("2017-03-31", options);
const counts: Summary = status.summary();
const rate: number | null | undefined = counts.completion_rate;
const rows: MilestoneStatusRow[] = status.milestones();
const subs: SubProjectStatusRow[] = status.subProjects();
const lagging: LaggingItem[] = status.lagging();
const rollup: mubiao.Rollup = status.rollup();
const overall: Summary = rollup.overall();
const byLeader: Record<string, Summary> = rollup.group("supervising_leader");
const everything: RollupData = rollup.toObject();
const report: SupervisionReportData = status.report().toObject();
const rendered: string = status.report().render("en");
const trend: TrendPoint[] = plan.trend("2017-03-31", "month", undefined);
const diff: StatusDiff = status.diffFrom(plan.status("2017-02-28", undefined));

const calendar: mubiao.Calendar = mubiao.Calendar.weekdaysOnly();
const days: number = calendar.workingDaysBetween("2017-03-01", "2017-03-31");
const working: boolean = calendar.isWorkingDay("2017-03-31");

const ledger: mubiao.Ledger = mubiao.Ledger.adopt(plan, "district-head", "2017-01-05T09:00:00", undefined);
const change: Change = { kind: "report_progress", milestone: "m", date: "2017-03-10", progress: { cumulative: 3 } };
const entry: Entry = ledger.record(change, "someone", "2017-03-10T17:00:00", undefined);
const entries: Entry[] = ledger.entries();
const requests: LaterDateRequest[] = ledger.requests();
const adjustments: MilestoneAdjustment[] = ledger.adjustments();
const replayed: mubiao.Plan = ledger.planAt("2017-02-01T00:00:00");
const lines: string = ledger.toJsonl();
ledger.verify();

const signer: mubiao.NoteSigner = new mubiao.NoteSigner("xuhui.gov.cn/mubiao/2017", new Uint8Array(32));
const keyText: string = signer.signerKey;
const verifier: mubiao.NoteVerifier = signer.verifier();
const published: string = verifier.verifierKey;
const note: string = ledger.signedCheckpoint(signer, undefined);
const audited: Checkpoint = mubiao.Ledger.verifyJsonlCheckpoint(lines, note, verifier);
const cosigned: string = mubiao.NoteSigner.fromSignerKey(keyText).cosign(note);
const opened: string = new mubiao.NoteVerifier(published).open(cosigned);
const checkpoint: Checkpoint = ledger.verifyCheckpoint(note, verifier);
const reopened: Checkpoint = verifier.openCheckpoint(note);
const size: number = ledger.treeSize;
const sm3Ledger: mubiao.Ledger = mubiao.Ledger.adopt(plan, "district-head", "2017-01-05T09:00:00", undefined, "sm3");
const algorithm: string = sm3Ledger.hashAlgorithm;
const head: string = ledger.treeHead(undefined);
const inclusion: string[] = ledger.inclusionProof(0, size);
const consistency: string[] = ledger.consistencyProof(1, undefined);
mubiao.verifyInclusion(0, size, mubiao.leafHash(lines.split("\n")[0]), inclusion, head);
mubiao.verifyConsistency(1, size, ledger.treeHead(1), head, consistency);

const scheme: ScoringScheme = mubiao.Scheme.defaultScheme().toObject();
const components: ComponentScores = { u1: { budget_execution: 90, public_satisfaction: 80 } };
const assessment: mubiao.Assessment = plan.assess("2017-12-31", components, scheme, options);
const units: UnitAssessment[] = assessment.units();
const tree: Explanation | undefined = assessment.explanation("u1");
const owed: AccountabilityItem[] = assessment.accountability();
const data: AssessmentData = assessment.toObject();

const workbook: Uint8Array = plan.toExcel("long");
const fromWorkbook: mubiao.Plan = mubiao.Plan.fromExcel(workbook, 2017, undefined);
const reading = mubiao.readExcel(plan.toExcel());
const firstCell: string | undefined = reading.report.targets[0]?.cell;
void [fromWorkbook, firstCell, reading.plan.milestoneCount];

try {
  mubiao.Plan.fromJson("{");
} catch (error) {
  const failure = error as MubiaoError;
  const code: string = failure.code;
  const listed: Problem[] | undefined = failure.problems;
  void code;
  void listed;
}

void [year, back, json, problems, gaps, rate, rows, subs, lagging, overall, byLeader, everything, report,
  rendered, trend, diff, days, working, entry, entries, requests, adjustments, replayed, lines, units, tree,
  owed, data];

const chartOptions: ChartOptions = { step: "quarter", width: 800, height: 600, language: "en", page: 0 };
const chart: mubiao.Chart = status.lightBoard(chartOptions);
const svgText: string = chart.toSvg();
const board = chart.data as LightBoard;
const boardPages: number = chart.pageCount + chart.page + board.columns.length + svgText.length;
const timelineChart: mubiao.Chart = status.timeline({ by: "lead_unit", page: 1 });
const timelineData = timelineChart.data as Timeline;
const timelineMarks: number = timelineData.rows.reduce((n, row) => n + row.marks.length, 0);
const trendChart: mubiao.Chart = status.rateTrend({ step: "quarter", language: "en" });
const trendData = trendChart.data as RateTrend;
const trendRates: number = trendData.series.length + trendChart.toSvg().length;
const trajectoryChart: mubiao.Chart = status.trajectory("s1", { language: "en", height: 400 });
const trajectoryData = trajectoryChart.data as Trajectory;
const trajectoryNodes: number = trajectoryData.series.reduce((n, s) => n + s.nodes.length + s.reports.length, 0);
const bulletinOptions: BulletinOptions = { language: "en", step: "quarter", trajectoriesPerLeader: 3 };
const bulletinHtml: string = status.bulletin(bulletinOptions) + assessment.bulletin({ language: "zh" });
const ledgerBulletin: string = ledger.bulletin("2017-06-30", options, undefined);
const rollupBytes: Uint8Array = rollup.toBytes();
const mergedRollup: mubiao.Rollup = mubiao.Rollup.fromBytes(rollupBytes).merge(mubiao.Rollup.empty());
const rollupDay: string | undefined = mergedRollup.asOf;
const assessmentBytes: Uint8Array = assessment.toBytes();
const assessmentAgain: mubiao.Assessment = mubiao.Assessment.fromBytes(assessmentBytes);
