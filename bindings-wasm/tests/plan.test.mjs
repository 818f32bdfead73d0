// Plans, validation, statuses, roll-ups, reports, trends, diffs and calendars.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as mubiao from "../pkg/node.js";
import { read, readJson } from "./helpers.mjs";

const xuhui = mubiao.Plan.fromJson(read("examples/data/xuhui-2017.json"));
const calendarDocument = readJson("examples/data/calendar-2017.json");
const options = { calendar: calendarDocument };

test("the Xuhui plan's figures", () => {
  assert.equal(xuhui.year, 2017);
  assert.equal(xuhui.name, "徐汇区2017年政府工作目标");
  assert.equal(xuhui.milestoneCount, 1168);
  const summary = xuhui.summary();
  assert.equal(summary.key_tasks_by_kind.key_work, 77);
  assert.equal(summary.sub_projects_by_kind.key_work, 221);
  assert.equal(mubiao.formatVersion(), 1);
});

test("plans read from text and objects, and write back", () => {
  const text = read("docs/example-plan.json");
  const fromText = mubiao.Plan.fromJson(text);
  const fromObject = mubiao.Plan.fromJson(JSON.parse(text));
  assert.deepEqual(fromText.toObject(), fromObject.toObject());
  assert.deepEqual(mubiao.Plan.fromJson(fromText.toJson(true)).toObject(), fromText.toObject());
  assert.equal(fromText.milestone("hm-rivers-q3").due, "2017-09-30");
  assert.equal(fromText.milestone("nope"), undefined);
  assert.equal(fromText.contractGaps().length, 0);
});

test("the Q1 figures equal the Rust example's", () => {
  const status = xuhui.status("2017-03-31", options);
  assert.equal(status.asOf, "2017-03-31");
  const rollup = status.rollup();
  const kinds = rollup.group("kind");
  assert.equal(kinds.key_work.sub_projects_on_schedule, 210);
  assert.equal(kinds.key_work.sub_projects_with_due_milestone, 221);
  assert.equal((210 / 221 * 100).toFixed(1), "95.0");
  const golden = readJson("tests/fixtures/xuhui-2017-q1-rollup.json");
  assert.deepEqual(rollup.overall(), golden.overall);
  assert.deepEqual(kinds, golden.by_kind);
  assert.deepEqual(rollup.group("supervising_leader"), golden.by_supervising_leader);
  assert.deepEqual(rollup.lagging().map((item) => item.milestone), golden.lagging);
  const all = rollup.toObject();
  assert.deepEqual(all.by_kind, golden.by_kind);
  assert.equal(Object.keys(rollup.group("level")).length, 2);
  assert.ok(Object.keys(rollup.group("lead_unit")).length > 30);
  assert.ok(Object.keys(rollup.group("partner_unit")).length > 10);
  assert.equal(Object.keys(rollup.group("key_task")).length, 111);
  assert.throws(() => rollup.group("colour"), (e) => e.code === "bad-argument");
  assert.ok(Math.abs(status.summary().completion_rate - 262 / 273) < 1e-12);
});

test("milestone and sub-project rows", () => {
  const status = xuhui.status("2017-03-31");
  const rows = status.milestones();
  assert.equal(rows.length, 1168);
  const hongmei = status.milestone("kw-18-1-m3");
  assert.equal(hongmei.status, "not_yet_due");
  assert.equal(hongmei.forecast, "2017-05-26");
  assert.equal(status.milestone("nope"), undefined);
  assert.equal(status.subProjects().length, 273);
  const lagging = status.lagging();
  assert.equal(lagging.length, 11);
  assert.equal(lagging.filter((item) => item.reason === null).length, 1);
});

test("reports render in both languages", () => {
  const report = xuhui.status("2017-03-31", options).report();
  assert.match(report.render("en"), /Lagging items \(11\)/);
  assert.match(report.render("en"), /95\.0%/);
  assert.match(report.render("zh"), /滞后事项 \(11\)/);
  const data = report.toObject();
  assert.equal(data.headline[0].summary.sub_projects_on_schedule, 210);
  assert.equal(data.leaders.length, 7);
  assert.throws(() => report.render("fr"), (e) => e.code === "bad-argument");
});

test("trends and diffs", () => {
  const trend = xuhui.trend("2017-03-31", "month");
  assert.deepEqual(trend.map((point) => point.date), ["2017-01-31", "2017-02-28", "2017-03-31"]);
  assert.throws(() => xuhui.trend("2017-03-31", "week"), (e) => e.code === "bad-argument");
  const diff = xuhui.status("2017-04-30").diffFrom(xuhui.status("2017-03-31"));
  assert.ok(diff.new_reports.some((r) => r.milestone === "kw-18-1-m3" && r.date === "2017-04-06"));
  const tendering = diff.status_changes.find((c) => c.milestone === "kw-18-3-m2");
  assert.deepEqual([tendering.before, tendering.after], ["not_yet_due", "lagging"]);
});

test("the working-day calendar", () => {
  const calendar = mubiao.Calendar.fromJson(calendarDocument);
  assert.equal(calendar.workingDaysBetween("2016-12-31", "2017-12-31"), 249);
  assert.equal(calendar.isWorkingDay("2017-01-22"), true);
  assert.equal(calendar.isWorkingDay("2017-10-02"), false);
  assert.equal(mubiao.Calendar.weekdaysOnly().workingDaysBetween("2017-03-31", "2017-04-07"), 5);
  assert.equal(mubiao.Calendar.fromJson(JSON.stringify(calendarDocument)).name, calendarDocument.name);
});

test("synthetic plans", () => {
  const plan = mubiao.syntheticPlan(1234, 7);
  assert.equal(plan.milestoneCount, 1234);
  assert.equal(mubiao.syntheticPlan(1234, 7).toJson(), plan.toJson());
  assert.equal(plan.status("2017-06-30").summary().milestones, 1234);
});
