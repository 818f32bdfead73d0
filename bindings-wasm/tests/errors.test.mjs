// Bad input never aborts the WebAssembly instance: every case throws an Error with a code,
// and the module keeps working afterwards.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as mubiao from "../pkg/node.js";
import { corpus, read, readBytes, readJson } from "./helpers.mjs";

test("every corpus file throws its expected error", () => {
  const expected = readJson("tests/fixtures/invalid/expected.json");
  const files = corpus();
  assert.deepEqual(new Set(files), new Set(Object.keys(expected)));
  for (const name of files) {
    // The file's bytes, as a file picker reads them: encoding problems are named.
    const bytes = new Uint8Array(readBytes(`tests/fixtures/invalid/${name}`));
    const want = expected[name];
    assert.throws(() => mubiao.Plan.fromJson(bytes), (e) => {
      assert.ok(e instanceof Error, name);
      if (want.format_error) {
        assert.equal(e.code, want.format_error, name);
        assert.equal(e.name, "FormatError", name);
      } else {
        assert.equal(e.name, "ValidationError", name);
        assert.deepEqual(e.problems.map((p) => [p.code, p.path]), want.problems, name);
      }
      return true;
    });
  }
});

test("problems() lists every problem without throwing", () => {
  const doc = JSON.parse(read("docs/example-plan.json"));
  assert.deepEqual(mubiao.problems(doc), []);
  delete doc.key_tasks[0].supervising_leader;
  assert.deepEqual(mubiao.problems(doc).map((p) => p.code), ["missing-supervising-leader"]);
  assert.throws(() => mubiao.problems("{"), (e) => e.code === "malformed-json");
});

const values = [null, -1, 1e308, "", "x", [], {}, true, "2017-02-30", [[[]]], { a: 1 }, undefined];

function mutate(doc, random) {
  let node = doc;
  const path = [];
  while (node && typeof node === "object" && Object.keys(node).length && random() < 0.8) {
    const keys = Object.keys(node);
    const key = keys[Math.floor(random() * keys.length)];
    path.push(key);
    node = node[key];
  }
  if (!path.length) return doc;
  let parent = doc;
  for (const key of path.slice(0, -1)) parent = parent[key];
  if (random() < 0.3 && !Array.isArray(parent)) delete parent[path.at(-1)];
  else parent[path.at(-1)] = values[Math.floor(random() * values.length)];
  return doc;
}

test("mutated documents, ledgers, schemes and arguments never abort the module", () => {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const base = read("docs/example-plan.json");
  for (let i = 0; i < 400; i++) {
    const doc = mutate(JSON.parse(base), random);
    for (const input of [doc, JSON.stringify(doc)]) {
      try {
        mubiao.Plan.fromJson(input);
      } catch (error) {
        assert.ok(typeof error.code === "string", String(error));
      }
    }
  }
  const bad = [
    () => mubiao.Plan.fromJson(42),
    () => mubiao.Plan.fromJson(""),
    () => mubiao.Ledger.fromJsonl("{}"),
    () => mubiao.Ledger.fromJsonl("not json\n"),
    () => mubiao.Scheme.fromJson([]),
    () => mubiao.Scheme.fromJson({ target_completion_weight: NaN }),
    () => mubiao.Calendar.fromJson("{"),
    () => mubiao.syntheticPlan(10).status(""),
    () => mubiao.syntheticPlan(10).status("2017-06-30", { colour: 1 }),
    () => mubiao.syntheticPlan(10).status("2017-06-30", { riskMargin: 7 }),
    () => mubiao.syntheticPlan(10).assess("2017-12-31", { u0: { budget_execution: "high" } }),
    () => mubiao.Calendar.weekdaysOnly().isWorkingDay("soon"),
  ];
  for (const call of bad) {
    assert.throws(call, (e) => e instanceof Error && typeof e.code === "string");
  }
  // Still alive.
  assert.equal(mubiao.syntheticPlan(100).status("2017-06-30").summary().milestones, 100);
});
