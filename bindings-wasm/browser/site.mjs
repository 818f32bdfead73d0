// What the browser tests share: the example site served on 127.0.0.1 and a headless
// Chromium (Debian's, driven by playwright-core) with its profile in a temporary folder.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SITE = join(ROOT, "examples");
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".wasm": "application/wasm" };

/** Serves examples/ and starts Chromium; returns the page's base URL, the browser, and a
 * function that stops both. */
export async function start() {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    try {
      const body = await readFile(join(SITE, path));
      response.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream" });
      response.end(body);
    } catch {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${server.address().port}/web/`;
  const home = mkdtempSync(join(tmpdir(), "mubiao-chromium-"));
  process.env.XDG_CONFIG_HOME = home;
  process.env.XDG_CACHE_HOME = home;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--disable-quic"],
  });
  const stop = async () => {
    await browser.close();
    server.close();
  };
  return { base, browser, home, stop };
}
