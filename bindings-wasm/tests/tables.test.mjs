// Workbooks in and out: the Xuhui workbook read from bytes, plans written as workbooks in
// both layouts and read back unchanged, and errors that name the cell.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as mubiao from "../pkg/node.js";
import { read, readBytes } from "./helpers.mjs";

const xuhui = mubiao.Plan.fromJson(read("examples/data/xuhui-2017.json"));

test("the Xuhui workbook is the Xuhui plan, with a report of every target cell", () => {
  const bytes = new Uint8Array(readBytes("examples/data/xuhui-2017.xlsx"));
  const plan = mubiao.Plan.fromExcel(bytes);
  assert.equal(plan.toJson(), xuhui.toJson());
  const { plan: again, report } = mubiao.readExcel(bytes);
  assert.equal(again.milestoneCount, 1168);
  assert.equal(report.sheet, "目标表");
  assert.equal(report.targets[0].milestone, "kw-01-1-m1");
  assert.match(report.targets[0].cell, /^目标表![A-Z]+4$/);
});

test("a plan written as a workbook reads back unchanged, in either layout", () => {
  for (const layout of [undefined, "office", "long"]) {
    const bytes = xuhui.toExcel(layout);
    assert.ok(bytes instanceof Uint8Array && bytes.length > 1000);
    assert.equal(bytes[0], 0x50, "a zip file");
    assert.equal(mubiao.Plan.fromExcel(bytes).toJson(), xuhui.toJson());
  }
  assert.throws(() => xuhui.toExcel("wide"), (e) => e.code === "bad-argument");
});

test("bytes that are not a workbook, or no bytes at all", () => {
  assert.throws(
    () => mubiao.Plan.fromExcel(new TextEncoder().encode("not a workbook")),
    (e) => e.code === "not-a-workbook" && /xlsx/.test(e.message),
  );
  assert.throws(
    () => mubiao.Plan.fromExcel(new Uint8Array(0)),
    (e) => e.code === "not-a-workbook",
  );
});
