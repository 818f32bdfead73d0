// The ledger as a transparency log from JavaScript: signed checkpoints and proofs, each
// checked again with node:crypto alone (SHA-256 and Ed25519, no mubiao code), and a
// dropped tail, a fork and a forged checkpoint caught.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash, createPublicKey, verify, randomBytes } from "node:crypto";
import * as mubiao from "../pkg/node.js";
import { read } from "./helpers.mjs";

const ORIGIN = "xuhui.gov.cn/mubiao/2017";
const GO_SIGNER = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
const GO_VERIFIER = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";

// --- an independent verifier, from RFC 9162 and the signed-note format -------------------
const sha = (...parts) => {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return h.digest();
};
const leaf = (line) => sha(Buffer.from([0]), Buffer.from(line, "utf8"));
const root = (leaves) => {
  if (leaves.length === 0) return sha(Buffer.alloc(0));
  if (leaves.length === 1) return leaves[0];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha(Buffer.from([1]), root(leaves.slice(0, k)), root(leaves.slice(k)));
};
function openCheckpoint(note, verifierKey) {
  const [name, keyId, material] = [verifierKey.split("+")[0], verifierKey.split("+")[1], verifierKey.split("+").slice(2).join("+")];
  const raw = Buffer.from(material, "base64");
  assert.equal(sha(Buffer.from(name + "\n"), raw).subarray(0, 4).toString("hex"), keyId);
  const cut = note.lastIndexOf("\n\n");
  const text = note.slice(0, cut + 1);
  const line = note.slice(cut + 2).split("\n").find((l) => l.startsWith(`\u2014 ${name} `));
  if (!line) throw new Error("no signature by the key");
  const blob = Buffer.from(line.split(" ").pop(), "base64");
  const key = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: raw.subarray(1).toString("base64url") }, format: "jwk" });
  if (!verify(null, Buffer.from(text, "utf8"), key, blob.subarray(4))) throw new Error("bad signature");
  const [origin, size, head] = text.split("\n");
  return { origin, size: Number(size), head: Buffer.from(head, "base64").toString("hex") };
}

// --- ledgers -------------------------------------------------------------------------------
function adoptable() {
  const doc = JSON.parse(read("docs/example-plan.json"));
  doc.progress_reports = doc.progress_reports.filter((r) => r.date <= "2017-01-05");
  doc.lag_reasons = [];
  return doc;
}
const report = (date, value) => ({ kind: "report_progress", milestone: "hm-rivers-q3", date, progress: { cumulative: value } });
function grown(count, start = 4) {
  const ledger = mubiao.Ledger.adopt(mubiao.Plan.fromJson(adoptable()), "district-head", "2017-01-05T09:00:00");
  for (let i = 0; i < count; i++) {
    const day = `2017-03-${String(10 + i).padStart(2, "0")}`;
    ledger.record(report(day, start + i), "hongmei-urban-head", `${day}T17:00:00`);
  }
  return ledger;
}

test("keys and notes are those of Go's sumdb/note", () => {
  const signer = mubiao.NoteSigner.fromSignerKey(GO_SIGNER);
  assert.equal(signer.signerKey, GO_SIGNER);
  assert.equal(signer.verifier().verifierKey, GO_VERIFIER);
  const text = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
  const note = signer.sign(text);
  assert.ok(note.endsWith("\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"));
  assert.equal(new mubiao.NoteVerifier(GO_VERIFIER).open(note), text);
  assert.throws(() => new mubiao.NoteVerifier(GO_VERIFIER).open(note.replace("problem,", "problem;")), (e) => e.code === "bad-signature");
});

test("checkpoints and proofs verify with node:crypto alone", () => {
  const signer = new mubiao.NoteSigner(ORIGIN, new Uint8Array(randomBytes(32)));
  const verifier = signer.verifier();
  const ledger = grown(3);
  const march = ledger.signedCheckpoint(signer);
  const old = ledger.treeSize;
  for (let i = 3; i < 9; i++) {
    const day = `2017-03-${String(10 + i).padStart(2, "0")}`;
    ledger.record(report(day, 4 + i), "hongmei-urban-head", `${day}T17:00:00`);
  }
  const april = ledger.signedCheckpoint(signer);
  const size = ledger.treeSize;
  assert.deepEqual([old, size], [4, 10]);
  const lines = ledger.toJsonl().split("\n").filter((l) => l);
  const leaves = lines.map(leaf);
  assert.deepEqual(openCheckpoint(april, verifier.verifierKey), { origin: ORIGIN, size, head: root(leaves).toString("hex") });
  assert.deepEqual(openCheckpoint(march, verifier.verifierKey), { origin: ORIGIN, size: old, head: root(leaves.slice(0, old)).toString("hex") });
  assert.equal(ledger.verifyCheckpoint(march, verifier).size, old);
  assert.deepEqual(verifier.openCheckpoint(april), { origin: ORIGIN, size, root: ledger.treeHead() });
  lines.forEach((line, i) => {
    assert.equal(mubiao.leafHash(line), leaf(line).toString("hex"));
    mubiao.verifyInclusion(i, size, mubiao.leafHash(line), ledger.inclusionProof(i), ledger.treeHead());
  });
  mubiao.verifyConsistency(old, size, ledger.treeHead(old), ledger.treeHead(), ledger.consistencyProof(old));
  assert.throws(
    () => mubiao.verifyConsistency(old, size, ledger.treeHead(old - 1), ledger.treeHead(), ledger.consistencyProof(old)),
    (e) => e.code === "proof-does-not-verify",
  );
  assert.throws(() => mubiao.verifyInclusion(0, 1, "not a hash", [], "00".repeat(32)), (e) => e.code === "bad-argument");
});

test("a dropped tail, a fork and a forged checkpoint are caught", () => {
  const signer = new mubiao.NoteSigner(ORIGIN, new Uint8Array(randomBytes(32)));
  const verifier = signer.verifier();
  const ledger = grown(4);
  const note = ledger.signedCheckpoint(signer);
  const lines = ledger.toJsonl().split("\n").filter((l) => l);
  assert.equal(mubiao.Ledger.verifyJsonlCheckpoint(lines.join("\n") + "\n", note, verifier).size, ledger.treeSize);
  assert.throws(() => mubiao.Ledger.verifyJsonlCheckpoint(lines.slice(0, -2).join("\n") + "\n", note, verifier), (e) => e.name === "IntegrityError");
  assert.equal(verifier.openCheckpoint(ledger.signedCheckpoint(signer, "another.example/log")).origin, "another.example/log");
  const shorter = mubiao.Ledger.fromJsonl(lines.slice(0, -2).join("\n") + "\n");
  assert.throws(() => shorter.verifyCheckpoint(note, verifier), (e) => e.name === "IntegrityError" && e.problem.checkpoint_past_end !== undefined);
  const fork = grown(4, 90);
  assert.equal(fork.treeSize, ledger.treeSize);
  assert.throws(() => fork.verifyCheckpoint(note, verifier), (e) => e.name === "IntegrityError" && e.problem.checkpoint_mismatch !== undefined);
  const stranger = new mubiao.NoteSigner(ORIGIN, new Uint8Array(randomBytes(32)));
  assert.throws(() => ledger.verifyCheckpoint(ledger.signedCheckpoint(stranger), verifier), (e) => e.code === "not-signed-by-key");
  assert.throws(() => new mubiao.NoteSigner(ORIGIN, new Uint8Array(5)), (e) => e.code === "bad-argument");
});

test("a ledger adopted with SM3 hashes its chain and tree with SM3", () => {
  const ledger = mubiao.Ledger.adopt(mubiao.Plan.fromJson(adoptable()), "district-head", "2017-01-05T09:00:00", undefined, "sm3");
  ledger.record(report("2017-03-10", 4), "hongmei-urban-head", "2017-03-10T17:00:00");
  assert.equal(ledger.hashAlgorithm, "sm3");
  const text = ledger.toJsonl();
  assert.ok(text.split("\n")[0].includes('"hash_algorithm":"sm3"'));
  const again = mubiao.Ledger.fromJsonl(text);
  assert.equal(again.hashAlgorithm, "sm3");
  assert.equal(again.treeHead(), ledger.treeHead());
  const sha = mubiao.Ledger.adopt(mubiao.Plan.fromJson(adoptable()), "district-head", "2017-01-05T09:00:00");
  assert.equal(sha.hashAlgorithm, "sha256");
  assert.notEqual(sha.treeHead(1), ledger.treeHead(1));
  assert.throws(
    () => mubiao.Ledger.adopt(mubiao.Plan.fromJson(adoptable()), "district-head", "2017-01-05T09:00:00", undefined, "md5"),
    (e) => e.code === "bad-argument" && e.argument === "hash",
  );
});
