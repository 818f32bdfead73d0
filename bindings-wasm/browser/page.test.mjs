// Drives the example page (examples/web/) in headless Chromium: the Q1 figures appear, a
// click on a unit shows its explanation, an invalid plan shows a readable list of
// problems; takes a screenshot and measures status and roll-ups of a 100,000-milestone
// plan in the page against the native time.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile, mkdir } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, start } from "./site.mjs";

let browser;
let base;
let stop;

before(async () => {
  ({ base, browser, stop } = await start());
});

after(async () => {
  await stop?.();
});

test("the Q1 figures appear and a unit's explanation shows on click", async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 2000 } });
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(base + "index.html");
  await page.waitForSelector("body[data-ready=true]", { timeout: 60000 });
  const figures = await page.textContent("#headline-figures");
  assert.match(figures, /77 key tasks, 221 sub-projects, 210 on schedule \(95\.0%\), 11 lagging/);
  assert.equal(await page.locator("#lagging-list li").count(), 11);
  assert.equal(await page.locator("#leader-tables details").count(), 7);
  assert.ok(await page.locator("#leader-tables .light.red").count() >= 11);
  // The timeline is the library's SVG: a mark for each milestone shown.
  assert.ok((await page.locator("#timeline-chart svg g.mark").count()) > 100);
  // The light board is the library's SVG: a cell for each key task shown, each month.
  assert.match(await page.textContent("#light-board-page"), /^page 1 of \d+$/);
  assert.equal(await page.locator("#light-board-chart svg title").first().count(), 1);
  const boardCells = await page.locator("#light-board-chart svg g.key-task").count();
  assert.ok(boardCells > 5, `${boardCells} key tasks drawn`);
  await page.click("#light-board-next");
  assert.match(await page.textContent("#light-board-page"), /^page 2 of \d+$/);
  await page.locator("#light-board-chart").screenshot({ path: join(ROOT, "target", "light-board.png") });
  const first = page.locator("#ranking-table tbody tr").first();
  const name = await first.locator("td").nth(1).textContent();
  await first.click();
  await page.waitForSelector("#explanation:not([hidden])");
  // The ranking, the explanation and the rate trend are the library's charts.
  assert.ok((await page.locator("#ranking-chart svg g.unit").count()) > 5);
  assert.equal(await page.locator("#explanation-chart svg").count(), 1);
  assert.equal(await page.locator("#rate-trend-chart svg g.series").count() >= 2, true);
  // A click on a lagging item draws its sub-project's trajectory.
  await page.locator("#lagging-list li").first().click();
  await page.waitForSelector("#trajectory-chart svg");
  assert.ok((await page.locator("#trajectory-chart svg g[class^=node]").count()) >= 1);
  assert.match(await page.textContent("#explanation-title"), new RegExp(name));
  assert.match(await page.textContent("#explanation-text"), /performance: score/);
  await mkdir(join(ROOT, "target"), { recursive: true });
  await page.screenshot({ path: join(ROOT, "target", "web-page.png"), fullPage: true });
  // Another date changes the view.
  await page.fill("#as-of", "2017-06-30");
  await page.dispatchEvent("#as-of", "change");
  assert.match(await page.textContent("#headline-figures"), /as of 2017-06-30/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("an invalid plan shows a readable list of problems", async () => {
  const page = await browser.newPage();
  await page.goto(base + "index.html");
  await page.waitForSelector("body[data-ready=true]", { timeout: 60000 });
  await page.setInputFiles("#plan-file", join(ROOT, "tests", "fixtures", "invalid", "vague-goals.json"));
  await page.waitForSelector("#problems:not([hidden])");
  const items = await page.locator("#problem-list li").allTextContents();
  assert.equal(items.length, 3);
  assert.match(items[0], /milestone-without-target at \/key_tasks\/0\/sub_projects\/0\/milestones\/1/);
  await page.setInputFiles("#plan-file", join(ROOT, "tests", "fixtures", "invalid", "truncated.json"));
  await page.waitForFunction(() => document.querySelector("#problem-list li")?.textContent.includes("malformed-json"));
  await page.close();
});

test("a dropped or picked workbook shows its reading report, and the results download as workbooks", async () => {
  const page = await browser.newPage({ acceptDownloads: true });
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(base + "index.html");
  await page.waitForSelector("body[data-ready=true]", { timeout: 60000 });
  await page.setInputFiles("#plan-file", join(ROOT, "examples", "data", "xuhui-2017.xlsx"));
  await page.waitForSelector("#reading:not([hidden])");
  assert.match(await page.textContent("#reading-summary"), /Sheet 目标表: 1166 target cells read/);
  assert.match(await page.textContent("#headline-figures"), /77 key tasks, 221 sub-projects, 210 on schedule \(95\.0%\)/);
  assert.match(await page.textContent("#reading-table tbody tr td code"), /^目标表![A-Z]+4$/);
  // A workbook an office made, with inferred units: the inferences are listed.
  await page.setInputFiles("#plan-file", join(ROOT, "core", "tests", "fixtures", "office-targets.xlsx"));
  await page.waitForFunction(() => document.querySelectorAll("#inference-list li").length > 0);
  // Bytes that are not a workbook: a problem with its code.
  await page.setInputFiles("#plan-file", { name: "broken.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from("not a workbook") });
  await page.waitForFunction(() => document.querySelector("#problem-list li")?.textContent.includes("not-a-workbook"));
  assert.equal(await page.locator("#reading").isHidden(), true);
  // Back to the Xuhui plan; download the report and the assessment.
  await page.setInputFiles("#plan-file", join(ROOT, "examples", "data", "xuhui-2017.xlsx"));
  await page.waitForSelector("#reading:not([hidden])");
  for (const [button, name] of [["#download-report", /^supervision-2017-03-31\.xlsx$/], ["#download-assessment", /^assessment-2017\.xlsx$/], ["#download-plan", /^plan\.xlsx$/], ["#download-template", /^template\.xlsx$/]]) {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(button)]);
    assert.match(download.suggestedFilename(), name);
    const saved = join(mkdtempSync(join(tmpdir(), "mubiao-download-")), download.suggestedFilename());
    await download.saveAs(saved);
    const bytes = await readFile(saved);
    assert.equal(bytes.subarray(0, 2).toString(), "PK", `${name} is a zip file`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test("building, status and roll-ups of 100,000 and 1,000,000 milestones in the page, against native", async () => {
  const page = await browser.newPage();
  await page.goto(base + "index.html");
  await page.waitForSelector("body[data-ready=true]", { timeout: 60000 });
  for (const milestones of [100000, 1000000]) {
    const buildMs = await page.evaluate((n) => window.mubiaoBuildBenchmark(n, 3), milestones);
    const pageMs = await page.evaluate((n) => window.mubiaoBenchmark(n, 7), milestones);
    const native = execFileSync(join(ROOT, "target", "release", "examples", "synthetic_status"), [String(milestones)], { encoding: "utf8" });
    const seconds = (label) => Number(new RegExp(`${label}:\\s+([0-9.]+) s`).exec(native)[1]);
    const nativeMs = 1000 * seconds("status \\+ roll-ups");
    const nativeBuildMs = 1000 * (seconds("generate") + seconds("validate and compile"));
    console.log(
      `${milestones} milestones: status + roll-ups page ${pageMs.toFixed(2)} ms, native ${nativeMs.toFixed(2)} ms, ratio ${(pageMs / nativeMs).toFixed(2)}; ` +
        `building page ${buildMs.toFixed(0)} ms, native ${nativeBuildMs.toFixed(0)} ms (one run), ratio ${(buildMs / nativeBuildMs).toFixed(2)}`,
    );
    assert.ok(Number.isFinite(pageMs / nativeMs) && pageMs > 0 && buildMs > 0);
  }
  await page.close();
});
