// Shared paths and readers for the node tests.
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const read = (path) => readFileSync(ROOT + path, "utf8");
export const readJson = (path) => JSON.parse(read(path));
export const corpus = () =>
  readdirSync(ROOT + "tests/fixtures/invalid").filter((name) => name !== "expected.json");
export const readBytes = (path) => readFileSync(ROOT + path);
