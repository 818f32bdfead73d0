// The supervision and scoring page: everything is computed in the browser by the mubiao
// WebAssembly module; the page only lays out what it returns.
import init, * as mubiao from "./pkg/mubiao.js";

const $ = (id) => document.getElementById(id);
const el = (tag, attributes = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === "class") node.className = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
};
const light = (name) => el("span", { class: `light ${name}`, title: name });
const percent = (summary) =>
  summary.sub_projects_with_due_milestone ? `${(100 * summary.sub_projects_on_schedule / summary.sub_projects_with_due_milestone).toFixed(1)}%` : "–";

const KINDS = { key_work: "key work 重点工作", special_work: "special work 专项工作", major_project: "major projects 重大工程", practical_project: "practical projects 实事项目", unit_goal: "unit goals 部门及街镇目标" };

let calendar;
let plan;
let planText;

async function fetchText(path) {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`cannot load ${path}: ${response.status}`);
  return response.text();
}

function showProblems(error) {
  $("problems").hidden = false;
  const list = $("problem-list");
  list.replaceChildren();
  if (error.problems) {
    $("problems-summary").textContent = `${error.problems.length} problem(s) — each with its code and where it is:`;
    for (const problem of error.problems) {
      list.append(el("li", {}, el("code", {}, problem.code), " at ", el("code", {}, problem.path), ": ", problem.message));
    }
  } else {
    $("problems-summary").textContent = error.line ? `Line ${error.line}, column ${error.column}:` : "";
    list.append(el("li", {}, el("code", {}, error.code ?? "error"), " ", error.message));
  }
  for (const id of ["headline", "leaders", "lagging", "timeline"]) $(id).hidden = true;
}

let assessment;

function showReading(report) {
  $("reading").hidden = !report;
  if (!report) return;
  const quantities = report.targets.filter((t) => t.reading.as === "quantity").length;
  $("reading-summary").textContent = `Sheet ${report.sheet}: ${report.targets.length} target cells read (${quantities} quantities, ${report.targets.length - quantities} deliverables), ${report.inferences.length} inference(s).`;
  const head = el("tr", {}, ...["Cell", "Text", "Milestone", "Due", "Read as"].map((h) => el("th", {}, h)));
  const describe = (reading) => {
    if (reading.as === "deliverable") return "deliverable";
    const { goal, unit } = reading.target;
    if (goal.at_least !== undefined) return `quantity, at least ${goal.at_least} ${unit} (cumulative)`;
    if (goal.at_most !== undefined) return `quantity, at most ${goal.at_most} ${unit}`;
    return `quantity, between ${goal.within.low} and ${goal.within.high} ${unit}`;
  };
  const rows = report.targets.slice(0, 500).map((t) => el("tr", {}, el("td", {}, el("code", {}, t.cell)), el("td", {}, t.text), el("td", {}, t.milestone), el("td", {}, t.due), el("td", {}, describe(t.reading))));
  $("reading-table").replaceChildren(el("thead", {}, head), el("tbody", {}, ...rows));
  $("inference-list").replaceChildren(...report.inferences.map((i) => el("li", {}, i.cell ? el("code", {}, i.cell) : "", i.cell ? " " : "", $("language").value === "zh" ? i.message_zh : i.message)));
}

function download(bytes, name) {
  const url = URL.createObjectURL(new Blob([bytes], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
  const link = el("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Opens a bulletin (HTML the library wrote) in a new window and asks it to print. */
function printBulletin(html) {
  const url = URL.createObjectURL(new Blob([html], { type: "text/html" }));
  const opened = window.open(url, "_blank");
  if (opened) opened.addEventListener("load", () => opened.print());
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

function adopt(read) {
  try {
    const result = read();
    plan = result.plan;
    showReading(result.report);
    $("problems").hidden = true;
    for (const id of ["headline", "leaders", "lagging", "timeline"]) $(id).hidden = false;
    return true;
  } catch (error) {
    plan = undefined;
    showReading(undefined);
    showProblems(error);
    return false;
  }
}

async function loadFile(file) {
  if (/\.xlsx$/i.test(file.name)) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    return adopt(() => mubiao.readExcel(bytes));
  }
  const text = await file.text();
  return adopt(() => ({ plan: mubiao.Plan.fromJson(text), report: undefined }));
}

function loadPlan(text) {
  try {
    plan = mubiao.Plan.fromJson(text);
    planText = text;
    showReading(undefined);
    $("problems").hidden = true;
    for (const id of ["headline", "leaders", "lagging", "timeline"]) $(id).hidden = false;
    return true;
  } catch (error) {
    plan = undefined;
    showProblems(error);
    return false;
  }
}

function render() {
  if (!plan) return;
  const asOf = $("as-of").value;
  const language = $("language").value;
  let status;
  try {
    status = plan.status(asOf, { calendar });
  } catch (error) {
    showProblems(error);
    return;
  }
  const report = status.report().toObject();
  renderHeadline(report);
  renderLeaders(report, language);
  renderLagging(report, status, language);
  renderTimeline(status, language);
  $("rate-trend-chart").innerHTML = status.rateTrend({ width: 960, height: 420, language }).toSvg();
  lightBoardStatus = status;
  renderLightBoard(language);
}

let lightBoardStatus = null;
let lightBoardPage = 0;

/** The light board as the library draws it: SVG text put in the page as it is. */
function renderLightBoard(language) {
  if (!lightBoardStatus) return;
  const chart = lightBoardStatus.lightBoard({ width: 960, height: 540, language, page: lightBoardPage });
  lightBoardPage = chart.page;
  $("light-board-chart").innerHTML = chart.toSvg();
  $("light-board-page").textContent = `page ${chart.page + 1} of ${chart.pageCount}`;
}


function renderHeadline(report) {
  const keyWork = report.headline.find((line) => line.kind === "key_work") ?? report.headline[0];
  const s = keyWork.summary;
  $("headline-figures").replaceChildren(
    el("strong", {}, report.plan_name), ` as of ${report.as_of}: `,
    el("strong", {}, `${keyWork.key_tasks}`), " key tasks, ",
    el("strong", {}, `${s.sub_projects}`), " sub-projects, ",
    el("strong", {}, `${s.sub_projects_on_schedule}`), " on schedule (",
    el("strong", {}, percent(s)), "), ",
    el("strong", {}, `${s.sub_projects_lagging}`), " lagging",
  );
  const head = el("tr", {}, ...["Kind of work", "Tasks", "Sub-projects", "Due", "On schedule", "Lagging", "At risk", "Rate"].map((h, i) => el("th", { class: i ? "number" : "" }, h)));
  const rows = report.headline.map((line) => el("tr", { "data-kind": line.kind },
    el("td", {}, KINDS[line.kind] ?? line.kind),
    ...[line.key_tasks, line.summary.sub_projects, line.summary.sub_projects_with_due_milestone, line.summary.sub_projects_on_schedule, line.summary.sub_projects_lagging, line.summary.at_risk, percent(line.summary)].map((v) => el("td", { class: "number" }, v))));
  $("headline-table").replaceChildren(el("thead", {}, head), el("tbody", {}, ...rows));
}

function renderLeaders(report) {
  const tables = report.leaders.map((table) => {
    const head = el("tr", {}, ...["Light", "Key task", "Sub-projects", "On schedule", "Lagging", "At risk", "Rate"].map((h, i) => el("th", { class: i > 1 ? "number" : "" }, h)));
    const rows = table.rows.map((row) => el("tr", {},
      el("td", {}, light(row.light)), el("td", {}, `${row.key_task} ${row.title}`),
      ...[row.summary.sub_projects, row.summary.sub_projects_on_schedule, row.summary.sub_projects_lagging, row.summary.at_risk, percent(row.summary)].map((v) => el("td", { class: "number" }, v))));
    return el("details", { open: "" }, el("summary", {}, `${table.name} — ${table.totals.sub_projects_on_schedule} of ${table.totals.sub_projects_with_due_milestone} on schedule (${percent(table.totals)})`),
      el("table", { class: "leader" }, el("thead", {}, head), el("tbody", {}, ...rows)));
  });
  $("leader-tables").replaceChildren(...tables);
}

function renderLagging(report, status, language) {
  const items = report.lagging.map((entry) => {
    const item = entry.item;
    const reason = item.reason
      ? el("span", { class: "reason" }, `${item.reason.class}${item.reason.cause ? ` (${item.reason.cause})` : ""}: ${item.reason.text}`,
          item.reason.pending_request != null ? el("em", { class: "pending" }, ` — request #${item.reason.pending_request} for a later date pending`) : "")
      : el("span", { class: "needs-reason" }, "no reason recorded — one is needed");
    const li = el("li", { "data-sub-project": item.sub_project }, el("strong", {}, item.title), ` [${item.milestone}] due ${item.due}, ${item.days_overdue} days overdue — ${entry.lead_unit_name}, responsible ${entry.responsible_person_name ?? "–"}, supervised by ${entry.supervising_leader_name}`, el("br"), reason);
    // The trajectory as the library draws it.
    li.addEventListener("click", () => {
      $("trajectory-chart").innerHTML = status.trajectory(item.sub_project, { width: 960, height: 420, language }).toSvg();
    });
    return li;
  });
  $("lagging-list").replaceChildren(...(items.length ? items : [el("li", {}, "none")]));
  $("trajectory-chart").replaceChildren();
}

/** The timeline as the library draws it: a row per lead unit, each milestone at its due date. */
function renderTimeline(status, language) {
  $("timeline-chart").innerHTML = status.timeline({ by: "lead_unit", width: 960, height: 600, language }).toSvg();
}

async function renderRanking() {
  const [text, components] = await Promise.all([fetchText("data/xuhui-2017-year-end.json"), fetchText("data/xuhui-2017-components.json")]);
  const yearEnd = mubiao.Plan.fromJson(text);
  assessment = yearEnd.assess("2017-12-31", JSON.parse(components), undefined, { calendar });
  const head = el("tr", {}, ...["Rank", "Unit", "Lead", "Partner", "Targets", "Score", "Grade"].map((h, i) => el("th", { class: i > 1 ? "number" : "" }, h)));
  const number = (v) => (v === null ? "–" : v.toFixed(2));
  const rows = assessment.units().map((unit) => {
    const row = el("tr", { "data-unit": unit.unit },
      el("td", {}, unit.rank), el("td", {}, unit.name),
      ...[number(unit.lead_score), number(unit.partner_score), number(unit.target_completion), number(unit.performance)].map((v) => el("td", { class: "number" }, v)),
      el("td", { class: "number" }, unit.grade));
    row.addEventListener("click", () => {
      for (const other of $("ranking-table").querySelectorAll("tr.selected")) other.classList.remove("selected");
      row.classList.add("selected");
      $("explanation").hidden = false;
      $("explanation-title").textContent = `${unit.name}: ${unit.performance.toFixed(2)} points`;
      $("explanation-chart").innerHTML = assessment.explanationChart(unit.unit, { width: 960, height: 420, language: $("language").value }).toSvg();
      $("explanation-text").textContent = assessment.renderExplanation(unit.unit, $("language").value);
    });
    return row;
  });
  $("ranking-table").replaceChildren(el("thead", {}, head), el("tbody", {}, ...rows));
  $("ranking-chart").innerHTML = assessment.rankingChart({ width: 960, height: 900, language: $("language").value }).toSvg();
}

// The browser test measures status and every roll-up of a 100,000-milestone plan here.
// The time to build (generate and validate) a synthetic plan in the page, best of `runs`.
window.mubiaoBuildBenchmark = (milestones = 100000, runs = 3) => {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const plan = mubiao.syntheticPlan(milestones);
    best = Math.min(best, performance.now() - started);
    plan.free();
  }
  return best;
};

window.mubiaoBenchmark = (milestones = 100000, runs = 5) => {
  const synthetic = mubiao.syntheticPlan(milestones);
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const rollup = synthetic.status("2017-06-30").rollup();
    rollup.overall();
    best = Math.min(best, performance.now() - started);
  }
  return best;
};

async function main() {
  await init();
  calendar = JSON.parse(await fetchText("data/calendar-2017.json"));
  $("plan-source").addEventListener("change", async () => { if (loadPlan(await fetchText($("plan-source").value))) render(); });
  $("plan-file").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    if (file && (await loadFile(file))) render();
  });
  document.addEventListener("dragover", (event) => event.preventDefault());
  document.addEventListener("drop", async (event) => {
    event.preventDefault();
    const file = event.dataTransfer?.files?.[0];
    if (file && (await loadFile(file))) render();
  });
  const language = () => $("language").value;
  $("download-report").addEventListener("click", () => {
    if (plan) download(plan.status($("as-of").value, { calendar }).toExcel(language()), `supervision-${$("as-of").value}.xlsx`);
  });
  $("download-plan").addEventListener("click", () => { if (plan) download(plan.toExcel("office"), "plan.xlsx"); });
  $("download-assessment").addEventListener("click", () => { if (assessment) download(assessment.toExcel(language()), "assessment-2017.xlsx"); });
  $("download-template").addEventListener("click", () => { if (plan) download(plan.excelTemplate("quarter"), "template.xlsx"); });
  $("print-bulletin").addEventListener("click", () => {
    if (plan) printBulletin(plan.status($("as-of").value, { calendar }).bulletin({ language: language() }));
  });
  $("print-year-end-bulletin").addEventListener("click", () => { if (assessment) printBulletin(assessment.bulletin({ language: language() })); });
  $("as-of").addEventListener("change", render);
  $("light-board-previous").addEventListener("click", () => { lightBoardPage = Math.max(0, lightBoardPage - 1); renderLightBoard(language()); });
  $("light-board-next").addEventListener("click", () => { lightBoardPage += 1; renderLightBoard(language()); });
  $("language").addEventListener("change", render);
  if (loadPlan(await fetchText($("plan-source").value))) render();
  await renderRanking();
  document.body.dataset.ready = "true";
}

main().catch((error) => showProblems(error));
