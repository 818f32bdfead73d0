// The bulletins printed by headless Chromium: the supervision and year-end bulletins the
// library writes, printed to A4 PDF, checked with poppler (page count, every page inked,
// each supervising leader starting a page, table headings repeated on every page the
// lagging list spans); the page's "print bulletin" button; and screenshots of every chart
// and the first two bulletin pages kept under target/artifacts/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile, readdir, mkdir, writeFile } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import * as mubiao from "../pkg/node.js";
import { ROOT, start } from "./site.mjs";

const ARTIFACTS = join(ROOT, "target", "artifacts");
const data = (name) => readFile(join(ROOT, "examples", "data", name), "utf8");

let browser;
let base;
let work;
let stop;

before(async () => {
  ({ base, browser, home: work, stop } = await start());
  await mkdir(ARTIFACTS, { recursive: true });
  await writeFile(join(ARTIFACTS, "README.txt"), "Kept by the browser tests: every chart (chart-*.png), the bulletins printed to A4 (*.pdf) and their first two pages (bulletin-page-*.png, year-end-bulletin-page-*.png).\n");
});

after(async () => {
  await stop?.();
});

/** Prints `html` to an A4 PDF at `path`, as a reader's browser would. */
async function print(html, path) {
  const page = await browser.newPage();
  const requests = [];
  page.on("request", (request) => requests.push(request.url()));
  await page.setContent(html, { waitUntil: "load" });
  await page.pdf({ path, format: "A4", printBackground: true, preferCSSPageSize: true });
  await page.close();
  // Self-contained: the bulletin asks for nothing.
  assert.deepEqual(requests.filter((url) => !url.startsWith("data:") && url !== "about:blank"), []);
}

/** The page count of a PDF, by pdfinfo. */
function pageCount(pdf) {
  const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
  return Number(/^Pages:\s+(\d+)/m.exec(info)[1]);
}

/** The text of each page, by pdftotext. */
function pageTexts(pdf) {
  return execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8", maxBuffer: 64 << 20 }).split("\f").slice(0, pageCount(pdf));
}

/** The share of inked (darker than light grey) pixels of each page, from greyscale PGM renders. */
async function inkedShares(pdf) {
  const prefix = join(work, `ink-${Date.now()}`);
  execFileSync("pdftoppm", ["-r", "30", "-gray", pdf, prefix]);
  const files = (await readdir(work)).filter((f) => join(work, f).startsWith(prefix) && f.endsWith(".pgm")).sort();
  const shares = [];
  for (const file of files) {
    const bytes = await readFile(join(work, file));
    // P5 header: "P5\n<width> <height>\n<max>\n", then one byte per pixel.
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 64).toString("latin1"));
    const [whole, width, height] = header;
    const pixels = bytes.subarray(whole.length, whole.length + Number(width) * Number(height));
    let inked = 0;
    for (const value of pixels) if (value < 200) inked += 1;
    shares.push(inked / pixels.length);
  }
  return shares;
}

const calendar = JSON.parse(await data("calendar-2017.json"));
const xuhui = mubiao.Plan.fromJson(await data("xuhui-2017.json"));

test("the supervision bulletin prints on A4: a page per leader, every page inked, headings repeated", async () => {
  const status = xuhui.status("2017-06-30", { calendar });
  const leaders = status.report().toObject().leaders;
  const html = status.bulletin({ language: "en" });
  const pdf = join(ARTIFACTS, "bulletin-2017-06-30-en.pdf");
  await print(html, pdf);
  const pages = pageCount(pdf);
  const texts = pageTexts(pdf);
  // The headline and light board, then at least a page per leader, then the lists.
  assert.ok(pages >= 2 + leaders.length, `${pages} pages for ${leaders.length} leaders`);
  // Each leader's section starts a page: its heading is the first text on it, and no
  // page holds two.
  const starts = texts
    .map((text, n) => [n, text.split("\n").map((line) => line.trim()).filter(Boolean)])
    .filter(([, lines]) => lines.some((line) => /^\d+\. Supervising leader: /.test(line)));
  assert.equal(starts.length, leaders.length);
  for (const [n, lines] of starts) {
    assert.match(lines[0], /^\d+\. Supervising leader: /, `page ${n + 1} starts with ${lines[0]}`);
    assert.equal(lines.filter((line) => /Supervising leader: /.test(line)).length, 1);
  }
  // The lagging list spans pages at the end of June; each of its pages repeats the headings.
  const first = texts.findIndex((text) => /\d+\. Lagging items/.test(text));
  const last = texts.findIndex((text) => /\d+\. Completed early/.test(text));
  assert.ok(first >= 0 && last > first, `lagging list on pages ${first + 1}–${last + 1}`);
  for (let n = first; n <= last; n += 1) {
    const headings = /No\.\s+Milestone\s+Key task\s+Due/;
    if (n === last && !headings.test(texts[n])) {
      // The list ended with the page before: this page starts with the next section.
      assert.match(texts[n].trim(), /^\d+\. Completed early/);
      continue;
    }
    assert.match(texts[n], headings, `page ${n + 1} repeats the headings`);
  }
  const shares = await inkedShares(pdf);
  assert.equal(shares.length, pages);
  shares.forEach((share, n) => assert.ok(share > 0.002, `page ${n + 1} is blank (${share})`));
  // The first two pages, for a reader to look at.
  execFileSync("pdftoppm", ["-png", "-r", "70", "-f", "1", "-l", "2", pdf, join(ARTIFACTS, "bulletin-page")]);
  // And the Chinese bulletin prints too.
  const zh = join(ARTIFACTS, "bulletin-2017-03-31-zh.pdf");
  await print(xuhui.status("2017-03-31", { calendar }).bulletin(), zh);
  assert.ok(pageCount(zh) >= 2 + leaders.length);
  (await inkedShares(zh)).forEach((share, n) => assert.ok(share > 0.002, `page ${n + 1} is blank`));
});

test("the year-end bulletin prints on A4 with every page inked", async () => {
  const yearEnd = mubiao.Plan.fromJson(await data("xuhui-2017-year-end.json"));
  const assessment = yearEnd.assess("2017-12-31", JSON.parse(await data("xuhui-2017-components.json")), undefined, { calendar });
  const pdf = join(ARTIFACTS, "year-end-bulletin-en.pdf");
  await print(assessment.bulletin({ language: "en" }), pdf);
  const texts = pageTexts(pdf);
  assert.ok(texts.length >= 3);
  assert.match(texts.join("\n"), /Accountability/);
  (await inkedShares(pdf)).forEach((share, n) => assert.ok(share > 0.002, `page ${n + 1} is blank`));
  execFileSync("pdftoppm", ["-png", "-r", "70", "-f", "1", "-l", "2", pdf, join(ARTIFACTS, "year-end-bulletin-page")]);
});

test("every chart renders in the browser: screenshots kept", async () => {
  const status = xuhui.status("2017-06-30", { calendar });
  const yearEnd = mubiao.Plan.fromJson(await data("xuhui-2017-year-end.json"));
  const assessment = yearEnd.assess("2017-12-31", JSON.parse(await data("xuhui-2017-components.json")), undefined, { calendar });
  const first = assessment.units()[0].unit;
  const charts = {
    "light-board": status.lightBoard(),
    timeline: status.timeline(),
    trajectory: status.trajectory("mp-01-1"),
    "rate-trend": status.rateTrend(),
    ranking: assessment.rankingChart(),
    explanation: assessment.explanationChart(first),
  };
  const page = await browser.newPage({ viewport: { width: 960, height: 540 } });
  for (const [name, chart] of Object.entries(charts)) {
    await page.setContent(`<!DOCTYPE html><html><body style="margin:0">${chart.toSvg()}</body></html>`);
    const box = await page.locator("svg").boundingBox();
    assert.equal(Math.round(box.width), 960, name);
    assert.equal(Math.round(box.height), 540, name);
    const path = join(ARTIFACTS, `chart-${name}.png`);
    await page.locator("svg").screenshot({ path });
    assert.ok((await readFile(path)).length > 5000, `${name} screenshot is not empty`);
  }
  await page.close();
});

test("the page's print bulletin button opens the library's bulletin", async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(base + "index.html");
  await page.waitForSelector("body[data-ready=true]", { timeout: 60000 });
  // Printing is a no-op in a headless browser; the window still opens with the bulletin.
  for (const [button, heading] of [["#print-bulletin", /supervision bulletin|督查通报/], ["#print-year-end-bulletin", /year-end assessment|年终考核通报/]]) {
    const [popup] = await Promise.all([page.waitForEvent("popup"), page.click(button)]);
    await popup.waitForLoadState("load");
    assert.match(await popup.textContent("h1"), heading);
    assert.ok((await popup.locator("figure svg").count()) >= 1);
    await popup.close();
  }
  assert.deepEqual(errors, []);
  await page.close();
});
