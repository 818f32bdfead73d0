// Roll-ups across workers: the parts of a plan (as districts' plan files would be)
// evaluated apart, carried as bytes, merged into exactly the whole plan's roll-up.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as mubiao from "../pkg/node.js";
import { read } from "./helpers.mjs";

const whole = JSON.parse(read("examples/data/xuhui-2017.json"));

/** The plan document holding every `parts`-th key task from `keep`, with its records. */
function partOf(keep, parts) {
  const part = structuredClone(whole);
  part.key_tasks = whole.key_tasks.filter((_, k) => k % parts === keep);
  const tasks = new Set(part.key_tasks.map((t) => t.id));
  const subs = new Set(part.key_tasks.flatMap((t) => t.sub_projects.map((s) => s.id)));
  const milestones = new Set(part.key_tasks.flatMap((t) => t.sub_projects.flatMap((s) => s.milestones.map((m) => m.id))));
  const items = new Set(part.key_tasks.map((t) => t.plan_item));
  part.plan_items = (whole.plan_items ?? []).filter((i) => items.has(i.id));
  part.progress_reports = (whole.progress_reports ?? []).filter((r) => milestones.has(r.milestone));
  part.lag_reasons = (whole.lag_reasons ?? []).filter((r) => milestones.has(r.milestone));
  part.partner_ratings = (whole.partner_ratings ?? []).filter((r) => subs.has(r.sub_project));
  part.contracts = (whole.contracts ?? [])
    .map((c) => ({ ...c, key_tasks: c.key_tasks.filter((t) => tasks.has(t)) }))
    .filter((c) => c.key_tasks.length > 0);
  return part;
}

test("the parts' roll-ups, sent as bytes, merge into the whole plan's", () => {
  const expected = mubiao.Plan.fromJson(whole).status("2017-06-30").rollup();
  const bytes = [0, 1, 2].map((n) => mubiao.Plan.fromJson(partOf(n, 3)).status("2017-06-30").rollup().toBytes());
  assert.ok(bytes.every((b) => b instanceof Uint8Array && b.length > 14));
  let merged = mubiao.Rollup.empty();
  for (const part of bytes.reverse()) merged = merged.merge(mubiao.Rollup.fromBytes(part));
  assert.deepEqual(merged.toObject(), expected.toObject());
  assert.equal(merged.asOf, "2017-06-30");
  assert.equal(mubiao.Rollup.empty().asOf, undefined);
});

test("bytes that are not a roll-up, and roll-ups of different dates, are refused", () => {
  assert.throws(() => mubiao.Rollup.fromBytes(new TextEncoder().encode("{}")), (e) => e.code === "bad-snapshot");
  const plan = mubiao.Plan.fromJson(whole);
  const march = plan.status("2017-03-31").rollup();
  const june = plan.status("2017-06-30").rollup();
  assert.throws(() => march.merge(june), (e) => e.code === "bad-argument" && /same date/.test(e.message));
  const forged = march.toBytes();
  forged.fill(32, forged.length - 100);
  assert.throws(() => mubiao.Rollup.fromBytes(forged), (e) => e.name === "FormatError");
});

test("an assessment travels as checked bytes", () => {
  const yearEnd = mubiao.Plan.fromJson(read("examples/data/xuhui-2017-year-end.json"));
  const components = JSON.parse(read("examples/data/xuhui-2017-components.json"));
  const assessment = yearEnd.assess("2017-12-31", components, undefined, undefined);
  const again = mubiao.Assessment.fromBytes(assessment.toBytes());
  assert.deepEqual(again.toObject(), assessment.toObject());
  assert.throws(() => mubiao.Assessment.fromBytes(assessment.toBytes().subarray(0, 20)), (e) => e.name === "FormatError");
  assert.throws(() => mubiao.Rollup.fromBytes(assessment.toBytes()), (e) => e.code === "bad-snapshot");
});
