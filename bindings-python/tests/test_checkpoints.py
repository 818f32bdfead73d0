"""The ledger as a transparency log from Python: signed checkpoints, inclusion and
consistency proofs, each checked again by a verifier that uses no mubiao code
(`independent_log_verifier`), and a dropped tail, a rewrite and a forged checkpoint caught."""

from __future__ import annotations

import base64
import os

import pytest

import independent_log_verifier as independent
import mubiao
from test_ledger import adopt, report

ORIGIN = "xuhui.gov.cn/mubiao/2017"
GO_SIGNER = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
GO_VERIFIER = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"


def grown_ledger(example_text: str, reports: int) -> mubiao.Ledger:
    ledger = adopt(example_text)
    for i in range(reports):
        ledger.record(
            report("hm-rivers-q3", f"2017-03-{10 + i:02d}", {"cumulative": 4 + i}),
            actor="hongmei-urban-head",
            at=f"2017-03-{10 + i:02d}T17:00:00",
        )
    return ledger


def test_keys_are_those_of_go_sumdb_note() -> None:
    signer = mubiao.NoteSigner.from_signer_key(GO_SIGNER)
    assert signer.signer_key == GO_SIGNER and signer.name == "PeterNeumann"
    assert signer.verifier().verifier_key == GO_VERIFIER
    text = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
    note = signer.sign(text)
    assert note.endswith("\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n")
    assert mubiao.NoteVerifier(GO_VERIFIER).open(note) == text
    with pytest.raises(mubiao.MubiaoError) as caught:
        mubiao.NoteVerifier(GO_VERIFIER).open(note.replace("problem,", "problem;"))
    assert caught.value.code == "bad-signature"


def test_checkpoints_and_proofs_verify_independently(example_text: str) -> None:
    signer = mubiao.NoteSigner(ORIGIN, os.urandom(32))
    verifier = signer.verifier()
    ledger = grown_ledger(example_text, 3)
    march = ledger.signed_checkpoint(signer)
    old = ledger.tree_size
    for i in range(3, 9):
        ledger.record(
            report("hm-rivers-q3", f"2017-03-{10 + i:02d}", {"cumulative": 4 + i}),
            actor="hongmei-urban-head",
            at=f"2017-03-{10 + i:02d}T17:00:00",
        )
    april = ledger.signed_checkpoint(signer)
    new = ledger.tree_size
    assert (old, new) == (4, 10) and new == len(ledger)
    text = ledger.to_jsonl()

    # The library and the independent verifier read the same checkpoints.
    assert ledger.verify_checkpoint(march, verifier)["size"] == old
    assert verifier.open_checkpoint(april) == {"origin": ORIGIN, "size": new, "root": ledger.tree_head()}
    assert independent.verify_ledger_against_checkpoint(text, march, verifier.verifier_key) == old
    assert independent.verify_ledger_against_checkpoint(text, april, verifier.verifier_key) == new
    leaves = independent.ledger_leaves(text)
    assert independent.root(leaves).hex() == ledger.tree_head() == ledger.tree_head(new)
    assert independent.root(leaves[:old]).hex() == ledger.tree_head(old)

    # Every entry's inclusion proof, and the consistency proof from March to April.
    head = bytes.fromhex(ledger.tree_head())
    for sequence, line in enumerate(text.splitlines()):
        proof = ledger.inclusion_proof(sequence)
        assert mubiao.leaf_hash(line.encode()) == independent.leaf_hash(line.encode()).hex()
        mubiao.verify_inclusion(sequence, new, mubiao.leaf_hash(line), proof, ledger.tree_head())
        independent.verify_inclusion(sequence, new, leaves[sequence], [bytes.fromhex(p) for p in proof], head)
    proof = ledger.consistency_proof(old)
    mubiao.verify_consistency(old, new, ledger.tree_head(old), ledger.tree_head(), proof)
    independent.verify_consistency(
        old, new, bytes.fromhex(ledger.tree_head(old)), head, [bytes.fromhex(p) for p in proof]
    )
    with pytest.raises(mubiao.MubiaoError) as caught:
        mubiao.verify_consistency(old, new, ledger.tree_head(old - 1), ledger.tree_head(), proof)
    assert caught.value.code == "proof-does-not-verify"
    with pytest.raises(independent.VerifyError):
        independent.verify_consistency(old, new, bytes.fromhex(ledger.tree_head(old - 1)), head, [bytes.fromhex(p) for p in proof])


def test_a_dropped_tail_a_rewrite_and_a_forgery_are_caught(example_text: str) -> None:
    signer = mubiao.NoteSigner(ORIGIN, os.urandom(32))
    verifier = signer.verifier()
    ledger = grown_ledger(example_text, 4)
    note = ledger.signed_checkpoint(signer)
    text = ledger.to_jsonl()
    lines = text.splitlines()

    assert mubiao.Ledger.verify_jsonl_checkpoint(text, note, verifier)["size"] == ledger.tree_size
    with pytest.raises(mubiao.IntegrityError):
        mubiao.Ledger.verify_jsonl_checkpoint("\n".join(lines[:-2]) + "\n", note, verifier)
    named = ledger.signed_checkpoint(signer, origin="another.example/log")
    assert verifier.open_checkpoint(named)["origin"] == "another.example/log"
    shorter = mubiao.Ledger.from_jsonl("\n".join(lines[:-2]) + "\n")
    with pytest.raises(mubiao.IntegrityError):
        shorter.verify_checkpoint(note, verifier)
    with pytest.raises(independent.VerifyError, match="dropped tail"):
        independent.verify_ledger_against_checkpoint("\n".join(lines[:-2]), note, verifier.verifier_key)

    # Another ledger from the same adoption: the same key signs it (a dishonest host), but
    # it is not the history the published checkpoint commits to.
    other = adopt(example_text)
    other.record(report("hm-rivers-q3", "2017-03-10", {"cumulative": 99}), actor="hongmei-urban-head", at="2017-03-10T17:00:00")
    for i in range(1, 4):
        other.record(report("hm-rivers-q3", f"2017-03-{10 + i:02d}", {"cumulative": 99 + i}), actor="hongmei-urban-head", at=f"2017-03-{10 + i:02d}T17:00:00")
    assert other.tree_size == ledger.tree_size
    with pytest.raises(mubiao.IntegrityError) as forked:
        other.verify_checkpoint(note, verifier)
    assert "checkpoint" in str(forked.value)
    with pytest.raises(independent.VerifyError, match="rewritten or forked"):
        independent.verify_ledger_against_checkpoint(other.to_jsonl(), note, verifier.verifier_key)

    # A checkpoint signed by another key, or one with its size edited, is refused.
    stranger = mubiao.NoteSigner(ORIGIN, os.urandom(32))
    caught: pytest.ExceptionInfo[mubiao.MubiaoError]
    with pytest.raises(mubiao.MubiaoError) as caught:
        ledger.verify_checkpoint(ledger.signed_checkpoint(stranger), verifier)
    assert caught.value.code == "not-signed-by-key"
    edited = note.replace(f"\n{ledger.tree_size}\n", "\n2\n", 1)
    with pytest.raises(mubiao.MubiaoError) as caught:
        ledger.verify_checkpoint(edited, verifier)
    assert caught.value.code == "bad-signature"
    with pytest.raises(independent.VerifyError, match="bad signature"):
        independent.open_checkpoint(edited, verifier.verifier_key)


def test_bad_arguments_say_what_and_where() -> None:
    with pytest.raises(mubiao.ArgumentError) as short:
        mubiao.NoteSigner(ORIGIN, b"short")
    assert "32" in str(short.value)
    caught: pytest.ExceptionInfo[mubiao.MubiaoError]
    with pytest.raises(mubiao.MubiaoError) as caught:
        mubiao.NoteSigner("a name with spaces", os.urandom(32))
    assert caught.value.code == "bad-key-name"
    with pytest.raises(mubiao.MubiaoError) as caught:
        mubiao.NoteVerifier("PeterNeumann+00000000+" + base64.b64encode(b"\x01" + bytes(32)).decode())
    assert caught.value.code == "bad-key"
    with pytest.raises(mubiao.ArgumentError):
        mubiao.verify_inclusion(0, 1, "not a hash", [], "00" * 32)


def test_a_ledger_adopted_with_sm3_hashes_with_sm3(example_text: str) -> None:
    from test_ledger import as_adopted_on

    doc = as_adopted_on(example_text, "2017-01-05")
    ledger = mubiao.Ledger.adopt(doc, actor="district-head", at="2017-01-05T09:00:00", hash="sm3")
    ledger.record(report("hm-rivers-q3", "2017-03-10", {"cumulative": 4}), actor="hongmei-urban-head", at="2017-03-10T17:00:00")
    assert ledger.hash_algorithm == "sm3"
    text = ledger.to_jsonl()
    assert '"hash_algorithm":"sm3"' in text.splitlines()[0]
    again = mubiao.Ledger.from_jsonl(text)
    assert again.hash_algorithm == "sm3" and again.tree_head() == ledger.tree_head()
    assert adopt(example_text).tree_head(1) != ledger.tree_head(1)
    with pytest.raises(mubiao.ArgumentError) as caught:
        mubiao.Ledger.adopt(doc, actor="district-head", at="2017-01-05T09:00:00", hash="md5")
    assert caught.value.argument == "hash"
