// Schemes and the year-end assessment; the scores equal the Rust example's exactly.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as mubiao from "../pkg/node.js";
import { read, readJson } from "./helpers.mjs";

const yearEnd = mubiao.Plan.fromJson(read("examples/data/xuhui-2017-year-end.json"));
const components = readJson("examples/data/xuhui-2017-components.json");
const options = { calendar: readJson("examples/data/calendar-2017.json") };

test("the year-end scores equal the Rust example's", () => {
  const assessment = yearEnd.assess("2017-12-31", components, undefined, options);
  const golden = readJson("tests/fixtures/xuhui-2017-year-end-scores.json");
  const units = assessment.units();
  assert.equal(units.length, 37);
  units.forEach((unit, i) => {
    for (const key of ["unit", "rank", "group_rank", "grade", "lead_score", "partner_score", "target_completion", "performance"]) {
      assert.equal(unit[key], golden.units[i][key], `${unit.unit} ${key}`);
    }
  });
  assert.deepEqual(assessment.accountability().map((a) => a.milestone), golden.accountability);
  const data = assessment.toObject();
  assert.deepEqual(data.not_assessed, []);
});

test("explanations add up and render", () => {
  const assessment = yearEnd.assess("2017-12-31", components);
  for (const unit of assessment.units()) {
    const tree = assessment.explanation(unit.unit);
    const sum = tree.children.reduce((total, child) => total + child.points, 0);
    assert.ok(Math.abs(sum - unit.performance) < 1e-9, unit.unit);
  }
  assert.equal(assessment.explanation("nowhere"), undefined);
  assert.match(assessment.renderExplanation("tianlin", "zh"), /绩效总分/);
  assert.throws(() => assessment.renderExplanation("nowhere", "en"), (e) => e.code === "unknown-unit");
  assert.match(assessment.render("en"), /Accountability/);
});

test("schemes validate with paths", () => {
  const scheme = mubiao.Scheme.defaultScheme().toObject();
  assert.equal(scheme.target_completion_weight, 0.4);
  scheme.components[0].weight = 0.5;
  assert.throws(() => mubiao.Scheme.fromJson(scheme), (e) => e.name === "SchemeError" && e.problems[0].code === "weights-do-not-sum" && e.problems[0].path === "/components");
  assert.throws(() => yearEnd.assess("2017-12-31", components, scheme), (e) => e.code === "invalid-scheme");
  scheme.components[0].weight = 0.3;
  scheme.credit.late_floor = 0.7;
  assert.equal(mubiao.Scheme.fromJson(JSON.stringify(scheme)).toObject().credit.late_floor, 0.7);
  const stricter = yearEnd.assess("2017-12-31", components, scheme);
  assert.equal(stricter.units().length, 37);
});

test("bad component values name the unit and the item", () => {
  const broken = structuredClone(components);
  broken.tianlin.morale = 50;
  assert.throws(() => yearEnd.assess("2017-12-31", broken), (e) => e.name === "AssessmentError" && e.code === "unknown-component" && /`tianlin`/.test(e.message));
  const missing = structuredClone(components);
  delete missing.hongmei.public_satisfaction;
  assert.throws(() => yearEnd.assess("2017-12-31", missing), (e) => e.code === "missing-component");
  assert.throws(() => yearEnd.assess("2031-12-31", components), (e) => e.name === "StatusError");
});
