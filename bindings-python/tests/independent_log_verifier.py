"""A verifier of mubiao ledgers as transparency logs, written from RFC 9162 and the C2SP
signed-note and tlog-checkpoint formats alone: hashlib for SHA-256, the `cryptography`
package (OpenSSL) for Ed25519, and nothing from mubiao. If the library and this file
agree, a reader with neither the library nor trust in its host can check a ledger.
"""

from __future__ import annotations

import base64
import hashlib
from typing import List, Sequence, Tuple

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

EM_DASH = "\u2014"


class VerifyError(Exception):
    """The ledger, note or proof does not verify."""


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def root(leaves: Sequence[bytes]) -> bytes:
    """MTH of leaf hashes, by the RFC's recursion."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return node_hash(root(leaves[:k]), root(leaves[k:]))


def ledger_leaves(jsonl: str) -> List[bytes]:
    """One leaf a line: the line's bytes as written, without the newline."""
    return [leaf_hash(line.encode("utf-8")) for line in jsonl.split("\n") if line]


def verify_inclusion(index: int, size: int, leaf: bytes, proof: Sequence[bytes], head: bytes) -> None:
    """RFC 9162, 2.1.3.2."""
    if index >= size:
        raise VerifyError("index past the tree")
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            raise VerifyError("proof too long")
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0 or r != head:
        raise VerifyError("inclusion proof does not lead to the head")


def verify_consistency(old: int, new: int, old_head: bytes, new_head: bytes, proof: Sequence[bytes]) -> None:
    """RFC 9162, 2.1.4.2 (with the trivial cases of equal sizes and the empty tree)."""
    if old > new:
        raise VerifyError("sizes out of order")
    if old == new:
        if proof or old_head != new_head:
            raise VerifyError("same size, other head")
        return
    if old == 0:
        if proof:
            raise VerifyError("a proof from the empty tree must be empty")
        return
    path = ([old_head] if old & (old - 1) == 0 else []) + list(proof)
    if not path:
        raise VerifyError("empty proof")
    fn, sn = old - 1, new - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            raise VerifyError("proof too long")
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    if fr != old_head or sr != new_head or sn != 0:
        raise VerifyError("consistency proof does not lead to both heads")


def open_checkpoint(note: str, verifier_key: str) -> Tuple[str, int, bytes]:
    """Checks the note's signature by the key `name+keyid+base64(0x01 || key)`, then reads
    the checkpoint: origin, size, head."""
    name, key_id, material = verifier_key.split("+", 2)
    raw = base64.b64decode(material, validate=True)
    if raw[0] != 1 or len(raw) != 33:
        raise VerifyError("not an Ed25519 verifier key")
    if hashlib.sha256(name.encode() + b"\n" + raw).digest()[:4].hex() != key_id:
        raise VerifyError("key id does not match")
    text, _, signatures = note.rpartition("\n\n")
    text += "\n"
    for line in signatures.splitlines():
        prefix = f"{EM_DASH} {name} "
        if not line.startswith(prefix):
            continue
        blob = base64.b64decode(line[len(prefix):], validate=True)
        if blob[:4].hex() != key_id:
            continue
        try:
            Ed25519PublicKey.from_public_bytes(raw[1:]).verify(blob[4:], text.encode("utf-8"))
        except Exception as error:  # cryptography raises InvalidSignature
            raise VerifyError("bad signature") from error
        origin, size, head = text.split("\n")[:3]
        return origin, int(size), base64.b64decode(head, validate=True)
    raise VerifyError("no signature by the key")


def verify_ledger_against_checkpoint(jsonl: str, note: str, verifier_key: str) -> int:
    """The ledger holds the checkpoint: at least its size, with its head. Returns the size."""
    _, size, head = open_checkpoint(note, verifier_key)
    leaves = ledger_leaves(jsonl)
    if size > len(leaves):
        raise VerifyError("dropped tail")
    if root(leaves[:size]) != head:
        raise VerifyError("rewritten or forked")
    return size
