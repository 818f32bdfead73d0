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
  // An ArrayBuffer, as a browser's File.arrayBuffer() gives, reads the same.
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  assert.equal(mubiao.Plan.fromExcel(buffer).toJson(), xuhui.toJson());
  assert.throws(() => mubiao.Plan.fromExcel("not bytes"), (e) => e.code === "bad-argument");
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

test("results as workbooks: a status, an assessment, a ledger, a template", () => {
  const status = xuhui.status("2017-03-31");
  for (const language of [undefined, "zh", "en"]) {
    const bytes = status.toExcel(language);
    assert.ok(bytes instanceof Uint8Array && bytes[0] === 0x50);
  }
  assert.throws(() => status.toExcel("fr"), (e) => e.code === "bad-argument");
  const yearEnd = mubiao.Plan.fromJson(read("examples/data/xuhui-2017-year-end.json"));
  const components = JSON.parse(read("examples/data/xuhui-2017-components.json"));
  const assessment = yearEnd.assess("2017-12-31", components);
  assert.ok(assessment.toExcel().length > 1000);
  const template = xuhui.excelTemplate("month", 2018);
  assert.ok(template.length > 1000);
  // The plan given as the organisation is still usable afterwards.
  assert.equal(xuhui.milestoneCount, 1168);
  assert.ok(mubiao.excelTemplate().length > 1000);
  assert.throws(() => mubiao.excelTemplate(undefined, undefined, "week"), (e) => e.code === "bad-argument");
  const document = JSON.parse(read("examples/data/xuhui-2017.json"));
  document.progress_reports = [];
  document.lag_reasons = [];
  const ledger = mubiao.Ledger.adopt(mubiao.Plan.fromJson(document), "district-head", "2017-01-05T09:00:00");
  assert.ok(ledger.toExcel().length > 1000);
  assert.ok(ledger.toExcel("2017-03-31", "en").length > 1000);
});
