"""An independent verifier of ledger files, written from docs/ledger.md alone (hashlib and
json, no library code), must agree with the library on every file: the library's own
output, every kind of tampering, and files re-encoded by another writer whose chain was
rebuilt as documented."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any, Callable, Dict, List, Optional

import pytest

import mubiao
from conftest import FIXTURES

GENESIS = "0" * 64
ENDING = re.compile(r',"hash":"([0-9a-f]{64})"\}$')


def independent_verify(text: str) -> Optional[int]:
    """The first bad line (from 1) by the documented procedure, or None when all verify."""
    previous = GENESIS
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        return 1
    for n, raw in enumerate(lines, start=1):
        line = raw[:-1] if raw.endswith("\r") else raw
        match = ENDING.search(line)
        if not match:
            return n
        try:
            value = json.loads(line)
        except ValueError:
            return n
        if not isinstance(value, dict) or value.get("hash") != match.group(1):
            return n
        if value.get("sequence") != n - 1 or value.get("previous_hash") != previous:
            return n
        body = line[: match.start()] + "}"
        if hashlib.sha256(body.encode("utf-8")).hexdigest() != match.group(1):
            return n
        previous = match.group(1)
    return None


def library_verify(text: str) -> Optional[int]:
    try:
        mubiao.Ledger.verify_jsonl(text)
    except mubiao.IntegrityError as error:
        return int(error.line)
    except mubiao.FormatError as error:
        return int(error.line) if error.line is not None else 1
    return None


def rechain(values: List[Dict[str, Any]], dumps: Callable[[Dict[str, Any]], str]) -> str:
    """Writes `values` with another writer and rebuilds the chain as documented."""
    previous = GENESIS
    out = []
    for value in values:
        value = {k: v for k, v in value.items() if k != "hash"}
        value["previous_hash"] = previous
        body = dumps(value)
        digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
        out.append(body[:-1] + f',"hash":"{digest}"}}')
        previous = digest
    return "\n".join(out) + "\n"


@pytest.fixture()
def ledger_text(example_text: str) -> str:
    doc = json.loads(example_text)
    doc["progress_reports"] = [r for r in doc["progress_reports"] if r["date"] <= "2017-01-05"]
    doc["lag_reasons"] = []
    ledger = mubiao.Ledger.adopt(doc, actor="district-head", at="2017-01-05T09:00:00")
    for n, day in enumerate(["2017-02-10", "2017-03-20", "2017-03-28"]):
        ledger.record(
            {"kind": "report_progress", "milestone": "hm-rivers-q1", "date": day,
             "progress": {"cumulative": 2 + 2 * n}, "note": f"徐汇 report {n}\u2028line"},
            actor="hongmei-urban-head", at=f"{day}T17:00:00",
        )
    return ledger.to_jsonl()


def variants(text: str) -> Dict[str, str]:
    lines = text.splitlines()
    values = [json.loads(line) for line in lines]
    edited = list(lines)
    edited[2] = edited[2].replace('"cumulative":4.0', '"cumulative":5.0')
    spaced = list(lines)
    spaced[1] = spaced[1].replace('"sequence":1', '"sequence": 1')
    escaped = list(lines)
    escaped[3] = escaped[3].replace("徐", "\\u5f90")
    reordered = list(lines)
    reordered[2], reordered[3] = reordered[3], reordered[2]
    null_reason = list(lines)
    null_reason[2] = null_reason[2].replace(',"previous_hash"', ',"reason":null,"previous_hash"')
    return {
        "as written": text,
        "edited": "\n".join(edited) + "\n",
        "a space added": "\n".join(spaced) + "\n",
        "a character escaped": "\n".join(escaped) + "\n",
        "removed": "\n".join(lines[:2] + lines[3:]) + "\n",
        "inserted": "\n".join(lines[:2] + [lines[1]] + lines[2:]) + "\n",
        "reordered": "\n".join(reordered) + "\n",
        "a null reason": "\n".join(null_reason) + "\n",
        "crlf": "\r\n".join(lines) + "\r\n",
        "truncated line": "\n".join(lines[:-1] + [lines[-1][:-10]]) + "\n",
        "python json.dumps, chain rebuilt": rechain(values, lambda v: json.dumps(v)),
        "ascii only, compact, chain rebuilt": rechain(
            values, lambda v: json.dumps(v, separators=(",", ":"), ensure_ascii=True)
        ),
        "sorted members, chain rebuilt": rechain(values, lambda v: json.dumps(v, sort_keys=True)),
    }


def test_the_independent_verifier_and_the_library_agree_on_every_file(ledger_text: str) -> None:
    outcomes = {}
    for name, text in variants(ledger_text).items():
        mine, theirs = independent_verify(text), library_verify(text)
        assert mine == theirs, f"{name}: independent {mine}, library {theirs}"
        outcomes[name] = mine
    assert outcomes["as written"] is None
    assert outcomes["crlf"] is None
    for name in ["python json.dumps, chain rebuilt", "ascii only, compact, chain rebuilt", "sorted members, chain rebuilt"]:
        assert outcomes[name] is None, name
        # Files written by another tool load, and keep their bytes.
        text = variants(ledger_text)[name]
        ledger = mubiao.Ledger.from_jsonl(text)
        assert ledger.to_jsonl() == text
    for name in ["edited", "a space added", "a character escaped", "removed", "inserted",
                 "reordered", "a null reason", "truncated line"]:
        assert outcomes[name] is not None, name


def test_the_library_writes_lines_any_reader_splits_alike(ledger_text: str) -> None:
    assert len(ledger_text.splitlines()) == len(ledger_text.split("\n")) - 1 == 4
    for line in ledger_text.splitlines():
        assert json.loads(line)["hash"]


def independent_verify_bytes(data: bytes) -> Optional[int]:
    """As `independent_verify`, for a file's bytes: text that is not UTF-8, starts with a
    byte-order mark or is empty fails at line 1."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return 1
    if text.startswith("\ufeff") or not text.strip():
        return 1
    # A line ends at a line feed; a carriage return before it is not part of the line.
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    if any(line.rstrip("\r") == "" for line in lines):
        return next(n for n, line in enumerate(lines, start=1) if line.rstrip("\r") == "")
    return independent_verify("\n".join(line.rstrip("\r") for line in lines) + "\n")


def test_the_shared_corpus_gives_the_same_answers_in_python() -> None:
    folder = FIXTURES / "ledgers"
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    head = expected["published_head"]
    assert len(expected["files"]) >= 19
    for name, want in expected["files"].items():
        data = (folder / name).read_bytes()
        assert independent_verify_bytes(data) == want["first_bad_line"], name
        outcomes = []
        for published in (None, [head]):
            try:
                mubiao.Ledger.from_jsonl(data, published=published)
                outcomes.append(True)
            except mubiao.MubiaoError:
                outcomes.append(False)
        assert outcomes == [want["loads"], want["loads_with_head"]], name
