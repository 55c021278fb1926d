#!/usr/bin/env python3
"""Independent known answers for the Sanwu transparency log (docs/transparency-log.md).

Written from the RFC 6962 section 2.1 definitions (MTH, PATH, PROOF/SUBPROOF) with nothing but
hashlib, json and unicodedata; it shares no code with the Java implementation. The Ed25519 part
needs the `cryptography` package. Regenerate with

    python3 merkle_vectors.py > merkle-vectors.txt

and the Java tests (MerkleKnownAnswerTest, LogLeafTest, CheckpointKnownAnswerTest) compare
against that file and the values pasted into them.
"""
import base64
import hashlib
import json
import unicodedata


def sha256(data):
    return hashlib.sha256(data).digest()


def leaf_hash(data):
    return sha256(b"\x00" + data)


def node_hash(left, right):
    return sha256(b"\x01" + left + right)


def largest_power_of_two_below(n):
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def mth(leaves):
    """RFC 6962 2.1: Merkle Tree Hash of a list of leaf inputs (not leaf hashes)."""
    n = len(leaves)
    if n == 0:
        return sha256(b"")
    if n == 1:
        return leaf_hash(leaves[0])
    k = largest_power_of_two_below(n)
    return node_hash(mth(leaves[:k]), mth(leaves[k:]))


def path(m, leaves):
    """RFC 6962 2.1.1: audit path for leaf m."""
    n = len(leaves)
    if n == 1:
        return []
    k = largest_power_of_two_below(n)
    if m < k:
        return path(m, leaves[:k]) + [mth(leaves[k:])]
    return path(m - k, leaves[k:]) + [mth(leaves[:k])]


def subproof(m, leaves, complete):
    """RFC 6962 2.1.2: SUBPROOF(m, D[n], b)."""
    n = len(leaves)
    if m == n:
        return [] if complete else [mth(leaves)]
    k = largest_power_of_two_below(n)
    if m <= k:
        return subproof(m, leaves[:k], complete) + [mth(leaves[k:])]
    return subproof(m - k, leaves[k:], False) + [mth(leaves[:k])]


def consistency(m, leaves):
    if m == 0 or m == len(leaves):
        return []
    return subproof(m, leaves, True)


def hexes(hashes):
    return ",".join(h.hex() for h in hashes) if hashes else "-"


def tree_vectors(max_size):
    # Leaf inputs are the ASCII text "leaf-<i>", so anyone can rebuild them.
    leaves = [("leaf-%d" % i).encode() for i in range(max_size)]
    print("# leaf i (0-based) has input bytes ASCII 'leaf-<i>'")
    for n in range(0, max_size + 1):
        print("root %d %s" % (n, mth(leaves[:n]).hex()))
    for n in range(1, max_size + 1):
        for i in range(n):
            print("inclusion %d %d %s" % (i, n, hexes(path(i, leaves[:n]))))
    for n in range(1, max_size + 1):
        for m in range(1, n + 1):
            print("consistency %d %d %s" % (m, n, hexes(consistency(m, leaves[:n]))))


def canonical_json(tree):
    def nfc(v):
        if isinstance(v, str):
            return unicodedata.normalize("NFC", v)
        if isinstance(v, dict):
            return {nfc(k): nfc(x) for k, x in v.items() if x is not None}
        return v
    return json.dumps(nfc(tree), sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def leaf_entry():
    entry = {
        "schema": "sanwu.log-leaf/1",
        "noticeId": "0190a6b2-3c4d-7e8f-9a0b-1c2d3e4f5a6b",
        "revision": 3,
        "contentHash": "sha256:6db2fa8fe890cf2ed32475ce77e8daef026dfea90a3c8a21863916bb9025ebff",
        "publicationNumber": "330102001001-2026-0007",
        "publishedAt": "2026-11-28T08:30:15.250Z",
    }
    data = canonical_json(entry)
    print("leaf-json %s" % data.decode("utf-8"))
    print("leaf-hash %s" % leaf_hash(data).hex())


def leaf_entry_v2():
    """sanwu.log-leaf/2 (ADR 0025): v1's fields plus village, posting window, approval, correction."""
    reason = "  第二季度支出金额录入有误，更正为 1,250.00 元 "
    reason_hash = hashlib.sha256(unicodedata.normalize("NFC", reason.strip()).encode("utf-8")).hexdigest()
    print("leaf-v2-reason-hash sha256:%s" % reason_hash)
    entry = {
        "schema": "sanwu.log-leaf/2",
        "noticeId": "0190a6b2-3c4d-7e8f-9a0b-1c2d3e4f5a6b",
        "revision": 3,
        "contentHash": "sha256:6db2fa8fe890cf2ed32475ce77e8daef026dfea90a3c8a21863916bb9025ebff",
        "publicationNumber": "330102001001-2026-0007",
        "publishedAt": "2026-11-28T08:30:15.250Z",
        "villageCode": "330102001001",
        "postingFrom": "2026-12-01",
        "postingTo": "2026-12-31",
        "approvedRevision": 2,
        "approvedAt": "2026-11-28T07:59:59.999Z",
        "supersedes": "330102001001-2026-0003",
        "correctionReasonHash": "sha256:" + reason_hash,
    }
    data = canonical_json(entry)
    print("leaf-v2-json %s" % data.decode("utf-8"))
    print("leaf-v2-hash %s" % leaf_hash(data).hex())
    # The smallest v2 leaf: open-ended window, not a correction (optional keys left out).
    for key in ("postingTo", "supersedes", "correctionReasonHash"):
        del entry[key]
    data = canonical_json(entry)
    print("leaf-v2-min-json %s" % data.decode("utf-8"))
    print("leaf-v2-min-hash %s" % leaf_hash(data).hex())


def checkpoint():
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives import serialization

    seed = bytes(range(32))  # a fixed test key: bytes 00 01 ... 1f
    key = Ed25519PrivateKey.from_private_bytes(seed)
    public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    name = "sanwu.example/log/330102"
    key_id = sha256(name.encode() + b"\n" + b"\x01" + public)[:4]
    root = mth([("leaf-%d" % i).encode() for i in range(7)])
    text = "%s\n7\n%s\ntime 2026-11-28T08:30:00Z\n" % (name, base64.b64encode(root).decode())
    signature = key.sign(text.encode("utf-8"))
    note = text + "\n" + "\u2014 " + name + " " + base64.b64encode(key_id + signature).decode() + "\n"
    print("ed25519-pkcs8 %s" % key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                                  serialization.NoEncryption()).hex())
    print("ed25519-spki %s" % key.public_key().public_bytes(serialization.Encoding.DER,
                                                            serialization.PublicFormat.SubjectPublicKeyInfo).hex())
    print("key-id %s" % key_id.hex())
    print("checkpoint-note %s" % base64.b64encode(note.encode("utf-8")).decode())


if __name__ == "__main__":
    tree_vectors(20)
    leaf_entry()
    leaf_entry_v2()
    checkpoint()
