// Hostile inputs in WebAssembly: each is answered quickly with the library's own error (or
// accepted), the module keeps working, and building a plan stays linear on wasm32, where a
// 64-bit hash once fell back to one slot of the id table for every id.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as mubiao from "../pkg/node.js";
import { read } from "./helpers.mjs";

const example = () => JSON.parse(read("docs/example-plan.json"));
const adoptable = () => {
  const doc = example();
  doc.progress_reports = doc.progress_reports.filter((r) => r.date <= "2017-01-05");
  doc.lag_reasons = [];
  return doc;
};

function throwsCode(call, code, says) {
  assert.throws(call, (e) => {
    assert.ok(e instanceof Error);
    assert.equal(e.code, code, e.message);
    if (says) assert.ok(e.message.includes(says), e.message);
    assert.ok(e.messageZh && e.messageZh !== e.messageEn, e.messageZh);
    return true;
  });
}

test("building a plan is linear on wasm32", () => {
  const time = (n) => {
    const start = performance.now();
    const plan = mubiao.syntheticPlan(n);
    const elapsed = performance.now() - start;
    assert.equal(plan.milestoneCount, n);
    plan.free();
    return elapsed;
  };
  time(10_000); // warm up
  const small = Math.min(time(20_000), time(20_000));
  const large = Math.min(time(200_000), time(200_000));
  // Ten times the milestones: about ten times the time when linear, a hundred when not.
  console.log(`syntheticPlan: 20k in ${small.toFixed(1)} ms, 200k in ${large.toFixed(1)} ms`);
  assert.ok(large / small < 30, `20k: ${small} ms, 200k: ${large} ms`);
  assert.ok(large < 5_000, `200k milestones took ${large} ms`);
});

test("a cycle of 4000 sections and a chain of 10000 units are answered at once", () => {
  const n = 4000;
  const units = Array.from({ length: n }, (_, i) => ({ id: `s${i}`, name: "s", kind: "section", parent: `s${(i + 1) % n}` }));
  const problems = mubiao.problems({ format_version: 1, year: 2017, name: "cycle", units });
  assert.equal(problems.filter((p) => p.code === "unit-cycle").length, 1);
  const chain = [{ id: "gov", name: "gov", kind: "government" }];
  for (let i = 0; i < 10_000; i++) chain.push({ id: `d${i}`, name: "d", kind: "department", parent: i ? `d${i - 1}` : "gov" });
  assert.deepEqual(mubiao.problems({ format_version: 1, year: 2017, name: "chain", units: chain }), []);
});

test("a holiday of ten thousand years listed four times gives four problems", () => {
  const holiday = { name: "forever", from: "0001-01-01", to: "9999-12-31" };
  const years = Array.from({ length: 9999 }, (_, i) => i + 1);
  throwsCode(() => mubiao.Calendar.fromJson({ name: "x", years, holidays: [holiday, holiday, holiday, holiday] }), "invalid-document");
  try {
    mubiao.Calendar.fromJson({ name: "x", years, holidays: [holiday, holiday, holiday, holiday] });
  } catch (e) {
    assert.equal(e.problems.length, 4);
    assert.ok(e.message.startsWith("4 problems in the calendar"), e.message);
  }
});

test("objects are held to the rules of text", () => {
  for (const version of [0, 2, 2 ** 31 - 1, true, "1"]) {
    throwsCode(() => mubiao.Plan.fromJson({ ...example(), format_version: version }), "unsupported-format-version");
  }
  const doc = example();
  doc.key_tasks[1].multi_year = "false";
  throwsCode(() => mubiao.Plan.fromJson(doc), "wrong-shape", "/key_tasks/1/multi_year");
  const dated = example();
  dated.key_tasks[0].sub_projects[0].milestones[0].due = "2017-3-1";
  throwsCode(() => mubiao.Plan.fromJson(dated), "wrong-shape", "YYYY-MM-DD");
  dated.key_tasks[0].sub_projects[0].milestones[0].due = "2017-02-30";
  throwsCode(() => mubiao.Plan.fromJson(dated), "wrong-shape", "February 2017 has 28 days");
  const cyclic = example();
  cyclic.units[0].self = cyclic;
  throwsCode(() => mubiao.Plan.fromJson(cyclic), "bad-argument");
  throwsCode(() => mubiao.Plan.fromJson({ format_version: 1, year: 2 ** 64, name: "x" }), "wrong-shape", "from 1 to 9999");
});

test("sizes and moments out of range are the library's errors", () => {
  throwsCode(() => mubiao.syntheticPlan(2 ** 40), "synthetic-option-out-of-range");
  // The number asked for, not what wasm32 can count.
  throwsCode(() => mubiao.syntheticPlan(2 ** 40), "synthetic-option-out-of-range", "1099511627776");
  throwsCode(() => mubiao.syntheticPlan(-1), "bad-argument");
  throwsCode(() => mubiao.syntheticPlan(1.5), "bad-argument");
  throwsCode(() => mubiao.syntheticPlan(Number.NaN), "bad-argument");
  throwsCode(() => mubiao.Ledger.adopt(mubiao.Plan.fromJson(adoptable()), "district-head", "1900-01-01T00:00:00"), "moment-outside-plan-period");
  const ledger = mubiao.Ledger.adopt(mubiao.Plan.fromJson(adoptable()), "district-head", "2017-01-05T09:00:00");
  const report = { kind: "report_progress", milestone: "hm-rivers-q1", date: "2017-03-20", progress: { cumulative: 6 } };
  throwsCode(() => ledger.record(report, "hongmei-urban-head", "9999-12-31T23:59:59"), "moment-outside-plan-period");
  const far = { kind: "request_later_date", milestone: "hm-rivers-q1", due: "2099-12-31", class: "objective", text: "policy" };
  throwsCode(() => ledger.record(far, "hongmei-urban-head", "2017-03-01T09:00:00"), "date-outside-plan");
  ledger.record(report, "hongmei-urban-head", "2017-03-21T09:00:00");
  assert.equal(ledger.length, 2);
});

test("encodings are named when the bytes are given", () => {
  const text = read("docs/example-plan.json");
  const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
  throwsCode(() => mubiao.Plan.fromJson(bom), "not-utf8", "byte-order mark");
  throwsCode(() => mubiao.Plan.fromJson("plan.json"), "file-name-given");
  assert.equal(mubiao.Plan.fromJson(new TextEncoder().encode(text)).milestoneCount, 5);
});

test("messages come in the language chosen", () => {
  const dated = example();
  dated.key_tasks[0].sub_projects[0].milestones[0].due = "2017-02-30";
  mubiao.setLanguage("zh");
  try {
    assert.equal(mubiao.getLanguage(), "zh");
    assert.throws(() => mubiao.Plan.fromJson(dated), (e) => e.message.includes("2017年2月只有 28 天"));
  } finally {
    mubiao.setLanguage("en");
  }
  assert.throws(() => mubiao.setLanguage("chinese"), (e) => e.code === "bad-argument");
  assert.throws(() => mubiao.Plan.fromJson(dated), (e) => e.message.includes("February 2017"));
});
