// Charts: the light board drawn by the core, the same bytes as the Rust golden SVG, with a
// cell per key task and month, pages, and options a front end gets wrong.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as mubiao from "../pkg/node.js";
import { read, readJson } from "./helpers.mjs";

const xuhui = mubiao.Plan.fromJson(read("examples/data/xuhui-2017.json"));

test("the light board is the golden SVG, in both languages", () => {
  const status = xuhui.status("2017-06-30");
  assert.equal(status.lightBoard().toSvg(), read("tests/fixtures/xuhui-2017-light-board-2017-06-30.svg"));
  assert.equal(
    status.lightBoard({ language: "en" }).toSvg(),
    read("tests/fixtures/xuhui-2017-light-board-2017-06-30-en.svg"),
  );
});

test("every key task has a cell per month, and the data says which light", () => {
  const chart = xuhui.status("2017-06-30").lightBoard({ height: 4000 });
  assert.equal(chart.pageCount, 1);
  const svg = chart.toSvg();
  const cells = svg.match(/<g class="cell (green|yellow|red|none)">/g) ?? [];
  const board = chart.data;
  const keyTasks = board.groups.reduce((n, g) => n + g.rows.length, 0);
  assert.equal(keyTasks, xuhui.summary().key_tasks);
  assert.equal(cells.length, keyTasks * 6);
  const red = board.groups.flatMap((g) => g.rows).flatMap((r) => r.lights).filter((l) => l === "red").length;
  assert.equal(cells.filter((c) => c.includes("red")).length, red);
  assert.match(svg, /^<svg [^>]*viewBox="0 0 960 4000"/);
  assert.match(svg, /<title id="chart-title">/);
  assert.doesNotMatch(svg, /NaN|Infinity/);
});

test("quarters, pages, and options that are wrong", () => {
  const status = xuhui.status("2017-12-31");
  const chart = status.lightBoard({ step: "quarter", page: 1 });
  assert.equal(chart.page, 1);
  assert.equal(chart.data.columns.length, 4);
  assert.match(chart.toSvg(), /第 2 \//);
  assert.throws(() => status.lightBoard({ step: "week" }), (e) => e.code === "bad-argument");
  assert.throws(() => status.lightBoard({ page: -1 }), (e) => e.code === "bad-argument");
  // A misspelt option is named, never ignored.
  assert.throws(() => status.lightBoard({ colour: "blue" }), (e) => e.name === "FormatError" && /`colour`/.test(e.message));
});

test("the timeline marks every milestone at its due date", () => {
  const status = xuhui.status("2017-06-30");
  assert.equal(status.timeline({ by: "lead_unit" }).toSvg(), read("tests/fixtures/xuhui-2017-timeline-2017-06-30.svg"));
  const tall = status.timeline({ height: 20000 });
  const marks = tall.toSvg().match(/<g class="mark [a-z_]+">/g) ?? [];
  const notWithdrawn = status.milestones().filter((m) => m.status !== "withdrawn").length;
  assert.equal(marks.length, notWithdrawn);
  assert.equal(tall.data.rows_are, "key_task");
  assert.throws(() => status.timeline({ by: "leader" }), (e) => e.code === "bad-argument");
});

test("the ranking chart is the golden SVG", () => {
  const yearEnd = mubiao.Plan.fromJson(read("examples/data/xuhui-2017-year-end.json"));
  const components = readJson("examples/data/xuhui-2017-components.json");
  const assessment = yearEnd.assess("2017-12-31", components, undefined, { calendar: readJson("examples/data/calendar-2017.json") });
  assert.equal(assessment.rankingChart().toSvg(), read("tests/fixtures/xuhui-2017-ranking.svg"));
  const tall = assessment.rankingChart({ height: 20000, language: "en" });
  assert.equal((tall.toSvg().match(/<g class="unit">/g) ?? []).length, tall.data.length);
  assert.match(tall.toSvg(), /Streets and towns/);
  const first = assessment.units()[0];
  const explained = assessment.explanationChart(first.unit);
  assert.equal(explained.toSvg(), read("tests/fixtures/xuhui-2017-explanation-first.svg"));
  assert.equal(explained.data.unit, first.unit);
  assert.throws(() => assessment.explanationChart("no-such-unit"), (e) => e.code === "bad-argument" && /no-such-unit/.test(e.message));
});

test("the completion-rate trend ends at the Q1 headline", () => {
  const calendar = readJson("examples/data/calendar-2017.json");
  const chart = xuhui.status("2017-03-31", { calendar }).rateTrend();
  assert.equal(chart.toSvg(), read("tests/fixtures/xuhui-2017-rate-trend-2017-03-31.svg"));
  const keyWork = chart.data.series.find((s) => s.kind === "key_work");
  assert.equal(keyWork.rates.at(-1), 210 / 221);
});

test("a trajectory shows reports, nodes and the forecast", () => {
  const status = xuhui.status("2017-06-30");
  const chart = status.trajectory("mp-01-1");
  assert.equal(chart.toSvg(), read("tests/fixtures/xuhui-2017-trajectory-mp-01-1-2017-06-30.svg"));
  const data = status.trajectory("kw-03-3").data;
  assert.equal(data.series.length, 1);
  const svg = status.trajectory("kw-03-3").toSvg();
  assert.equal((svg.match(/<g class="report">/g) ?? []).length, data.series[0].reports.length);
  const rows = new Map(status.milestones().map((m) => [m.milestone, m]));
  for (const node of data.series[0].nodes) assert.equal(node.status, rows.get(node.milestone).status);
  assert.throws(() => status.trajectory("kw-99"), (e) => e.code === "bad-argument" && /kw-99/.test(e.message));
});

test("the bulletin holds the headline, every leader and every lagging item", () => {
  const status = xuhui.status("2017-03-31", { calendar: readJson("examples/data/calendar-2017.json") });
  const html = status.bulletin();
  assert.match(html, /^<!DOCTYPE html>\n<html lang="zh-CN">/);
  const leaders = status.report().toObject().leaders;
  assert.equal((html.match(/<section class="leader">/g) ?? []).length, leaders.length);
  for (const leader of leaders) assert.ok(html.includes(`分管区领导:${leader.name}</h2>`), leader.name);
  assert.match(html, /<tr><td>重点工作<\/td><td class="number">77<\/td><td class="number">221<\/td><td class="number">221<\/td><td class="number">210<\/td>/);
  for (const item of status.lagging()) assert.ok(html.includes(`<td>${item.title}</td>`), item.title);
  assert.doesNotMatch(html, /src=|href=|NaN/);
  const english = status.bulletin({ language: "en", step: "quarter", trajectoriesPerLeader: 0 });
  assert.match(english, /1\. Headline<\/h2>/);
  assert.doesNotMatch(english, /Trajectory of/);
  assert.throws(() => status.bulletin({ language: "fr" }), (e) => e.code === "bad-argument");
  assert.throws(() => status.bulletin({ trajectoriesPerLeader: -1 }), (e) => e.code === "bad-argument");
  assert.throws(() => status.bulletin({ pages: 2 }), (e) => e.name === "FormatError" && /`pages`/.test(e.message));
});

test("the year-end bulletin ranks every unit", () => {
  const yearEnd = mubiao.Plan.fromJson(read("examples/data/xuhui-2017-year-end.json"));
  const components = readJson("examples/data/xuhui-2017-components.json");
  const assessment = yearEnd.assess("2017-12-31", components, undefined, undefined);
  const html = assessment.bulletin();
  for (const unit of assessment.units()) assert.ok(html.includes(`<td>${unit.name}</td>`), unit.name);
  assert.match(html, /问责清单<\/h2>/);
});
