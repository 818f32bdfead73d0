// The change ledger from JavaScript.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as mubiao from "../pkg/node.js";
import { read } from "./helpers.mjs";

const adopt = () =>
  mubiao.Ledger.adopt(mubiao.Plan.fromJson(adoptable()), "district-head", "2017-01-05T09:00:00");

// The example plan without the records dated after 5 January, which a ledger refuses to adopt.
function adoptable() {
  const doc = JSON.parse(read("docs/example-plan.json"));
  doc.progress_reports = doc.progress_reports.filter((r) => r.date <= "2017-01-05");
  doc.lag_reasons = [];
  return doc;
}

test("a plan holding records after its adoption is refused", () => {
  assert.throws(
    () => mubiao.Ledger.adopt(mubiao.Plan.fromJson(read("docs/example-plan.json")), "district-head", "2017-01-05T09:00:00"),
    (e) => e.rule === "report-in-future",
  );
});
const report = (milestone, date, progress) => ({ kind: "report_progress", milestone, date, progress });

test("changes are checked and recorded", () => {
  const ledger = adopt();
  const entry = ledger.record(report("hm-rivers-q3", "2017-03-10", { cumulative: 9 }), "hongmei-urban-head", "2017-03-10T17:00:00");
  assert.equal(entry.sequence, 1);
  assert.equal(ledger.length, 2);
  assert.throws(
    () => ledger.record(report("hm-rivers-q3", "2017-03-11", { cumulative: 10 }), "water-head", "2017-03-11T09:00:00"),
    (e) => e.name === "ChangeRefusedError" && e.rule === "lead-unit-only" && e.code === "lead-unit-only" && e.sequence === 2,
  );
  assert.throws(
    () => ledger.record({ kind: "move_milestone_earlier", milestone: "hm-rivers-q3", due: "2017-10-31" }, "hongmei-head", "2017-03-12T09:00:00"),
    (e) => e.rule === "earlier-never-later",
  );
  assert.throws(
    () => ledger.record({ kind: "teleport" }, "hongmei-head", "2017-03-12T09:00:00"),
    (e) => e.name === "FormatError" && e.code === "wrong-shape" && e.path === "/kind",
  );
  assert.throws(() => ledger.record(report("hm-rivers-q3", "2017-03-12", "done"), "hongmei-head", "noon"), (e) => e.code === "bad-argument");
  assert.equal(ledger.length, 2);
});

test("later dates, history, replay and the report from the ledger", () => {
  const ledger = adopt();
  const request = ledger.record(
    { kind: "request_later_date", milestone: "sewage-works", due: "2017-08-31", class: "objective", cause: "policy_change", text: "new rules" },
    "water-head", "2017-06-01T10:00:00");
  ledger.record({ kind: "approve_later_date", request: request.sequence }, "deputy-urban", "2017-06-02T10:00:00", "objective");
  assert.equal(ledger.plan().milestone("sewage-works").due, "2017-08-31");
  assert.equal(ledger.adoptedPlan().milestone("sewage-works").due, "2017-06-30");
  assert.equal(ledger.planAt("2017-06-01T12:00:00").milestone("sewage-works").due, "2017-06-30");
  assert.deepEqual(ledger.history("sewage-works").map((e) => e.change.kind), ["request_later_date", "approve_later_date"]);
  assert.equal(ledger.requests()[0].decision.by, "deputy-urban");
  assert.equal(ledger.adjustments()[0].current_due, "2017-08-31");
  assert.match(ledger.supervisionReport("2017-06-30").render("en"), /later date approved 2017-06-30 → 2017-08-31/);
  assert.match(ledger.bulletin("2017-06-30", undefined, { language: "en" }), /Adjustments<\/h2>[^]*2017-06-30 → 2017-08-31 \(deputy-urban\)/);
  assert.equal(ledger.entries().length, 3);
});

test("JSON Lines round trip and tampering", () => {
  const ledger = adopt();
  for (const [month, value] of [[3, 6], [4, 9], [5, 11]]) {
    ledger.record(report("hm-rivers-q3", `2017-0${month}-10`, { cumulative: value }), "hongmei-head", `2017-0${month}-10T17:00:00`);
  }
  ledger.verify();
  const text = ledger.toJsonl();
  const again = mubiao.Ledger.fromJsonl(text);
  assert.deepEqual(again.entries(), ledger.entries());
  const lines = text.trim().split("\n");
  const edited = [...lines];
  edited[2] = edited[2].replace('"cumulative":9.0', '"cumulative":12.0');
  assert.throws(() => mubiao.Ledger.fromJsonl(edited.join("\n")), (e) => e.name === "IntegrityError" && e.sequence === 2 && e.line === 3);
  const removed = [...lines.slice(0, 2), ...lines.slice(3)];
  assert.throws(() => mubiao.Ledger.fromJsonl(removed.join("\n")), (e) => e.code === "tampered" && e.sequence === 3);
  assert.throws(() => mubiao.Ledger.fromJsonl([...lines.slice(0, 2), "{oops"].join("\n")), (e) => e.name === "FormatError" && e.line === 3);
});

test("lines split anywhere, heads anchor the tail, and past dates stay past", () => {
  const doc = JSON.parse(read("docs/example-plan.json"));
  doc.progress_reports = doc.progress_reports.filter((r) => r.date <= "2017-01-05");
  doc.lag_reasons = [];
  const ledger = mubiao.Ledger.adopt(mubiao.Plan.fromJson(doc), "district-head", "2017-01-05T09:00:00");
  ledger.record(
    { kind: "request_later_date", milestone: "sewage-approval", due: "2017-04-30", class: "objective", text: "approval pending\u2028at the city" },
    "water-head",
    "2017-03-25T09:00:00",
  );
  const head = ledger.head();
  assert.equal(head.sequence, 1);
  const text = ledger.toJsonl();
  assert.ok(text.includes("\\u2028") && !text.includes("\u2028"));
  assert.deepEqual(mubiao.Ledger.verifyJsonl(text, [head]), head);
  const dropped = text.split("\n")[0] + "\n";
  assert.throws(() => mubiao.Ledger.fromJsonl(dropped, [head]), (e) => e.code === "tampered" && e.problem.dropped_tail.published === 1);
  const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
  assert.throws(() => mubiao.Ledger.fromJsonl(bom), (e) => e.code === "not-utf8");
  assert.equal(mubiao.Ledger.fromJsonl(new TextEncoder().encode(text)).length, 2);

  ledger.record({ kind: "approve_later_date", request: 1 }, "deputy-urban", "2017-04-02T09:00:00");
  const then = ledger.status("2017-03-31").milestone("sewage-approval");
  const now = ledger.plan().status("2017-03-31").milestone("sewage-approval");
  assert.equal(then.status, "lagging");
  assert.equal(now.status, "not_yet_due");
});
