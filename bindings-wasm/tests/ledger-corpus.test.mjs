// The shared corpus of tampered and hostile ledger files gives the same answers in
// JavaScript: an independent verifier written from docs/ledger.md (node:crypto, no library
// code) finds the same first bad line as expected.json, and the library loads exactly the
// files expected to load, with and without the published head.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import * as mubiao from "../pkg/node.js";
import { ROOT, readBytes, readJson } from "./helpers.mjs";

function firstBadLine(bytes) {
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return 1;
  }
  if (text.startsWith("\ufeff") || text.trim() === "") return 1;
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  let previous = "0".repeat(64);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].endsWith("\r") ? lines[i].slice(0, -1) : lines[i];
    const match = /,"hash":"([0-9a-f]{64})"\}$/.exec(line);
    if (!match) return i + 1;
    let value;
    try {
      value = JSON.parse(line);
    } catch {
      return i + 1;
    }
    const body = line.slice(0, match.index) + "}";
    const digest = createHash("sha256").update(body, "utf8").digest("hex");
    if (value.hash !== match[1] || value.sequence !== i || value.previous_hash !== previous || digest !== match[1]) {
      return i + 1;
    }
    previous = match[1];
  }
  return null;
}

test("the shared ledger corpus gives the same answers in JavaScript", () => {
  const expected = readJson("tests/fixtures/ledgers/expected.json");
  const names = readdirSync(ROOT + "tests/fixtures/ledgers").filter((n) => n !== "expected.json");
  assert.deepEqual(new Set(names), new Set(Object.keys(expected.files)));
  for (const [name, want] of Object.entries(expected.files)) {
    const bytes = new Uint8Array(readBytes(`tests/fixtures/ledgers/${name}`));
    assert.equal(firstBadLine(bytes), want.first_bad_line, name);
    const loads = (published) => {
      try {
        mubiao.Ledger.fromJsonl(bytes, published).free();
        return true;
      } catch (error) {
        assert.ok(error instanceof Error && error.code, name);
        return false;
      }
    };
    assert.equal(loads(undefined), want.loads, name);
    assert.equal(loads([expected.published_head]), want.loads_with_head, name);
  }
});
