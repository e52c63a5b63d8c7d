#!/usr/bin/env python3
"""Inputs and expected results of the benchmark kernels, computed on the host.

Writes a C header (sizes, seeds and the value each kernel's check compares with). The data
come from the same xorshift32 generator as bench.h's rng_next(); the results are computed here
independently of the kernels' C code: CRCs by zlib.crc32, sorted data by sorted(), the mix
kernel by a Python model of its steps. A kernel that computes a wrong result fails its run.

usage: expect.py OUT.h
"""
import os
import struct
import sys
import zlib

M32 = 0xFFFFFFFF
M64 = (1 << 64) - 1

# Sizes chosen so that each kernel's data fit the 16 KiB direct-mapped L1 D together.
MEMCPY_BYTES, MEMCPY_SEED = 4096, 0x1234567
ISORT_N, ISORT_SEED = 256, 0x2545F491
QSORT_N, QSORT_SEED = 1024, 0x9E3779B9
CRC32_BYTES, CRC32_SEED = 4096, 0xC0FFEE
MIX_SEED, MIX_ITERS, MIX_LIST_N, MIX_MAT_N, MIX_TEXT_LEN = 0x5EED, 4, 128, 12, 512
MIX_SYMS = "0123456789+-.eE, "


class Rng:
    """xorshift32 (13, 17, 5), as rng_next() in bench/kernels/rt/bench.h."""

    def __init__(self, seed):
        self.x = seed & M32

    def next(self):
        x = self.x
        x ^= (x << 13) & M32
        x ^= x >> 17
        x ^= (x << 5) & M32
        self.x = x
        return x


def words(seed, n):
    r = Rng(seed)
    return [r.next() for _ in range(n)]


def le_bytes(ws):
    return struct.pack("<%dI" % len(ws), *ws)


def weighted_sum(v):
    return sum((i + 1) * x for i, x in enumerate(v)) & M64


def mix_model():
    r = Rng(MIX_SEED)
    n, mn = MIX_LIST_N, MIX_MAT_N
    perm = list(range(n))
    for i in range(n - 1, 0, -1):
        j = r.next() % (i + 1)
        perm[i], perm[j] = perm[j], perm[i]
    lst = [(perm[i], r.next() & 0xFF) for i in range(n)]  # (key, val) in list order
    a = [[((r.next() & 0x7F) - 64) & M32 for _ in range(mn)] for _ in range(mn)]
    b = [[((r.next() & 0x7F) - 64) & M32 for _ in range(mn)] for _ in range(mn)]
    text = [r.next() % len(MIX_SYMS) for _ in range(MIX_TEXT_LEN)]

    list_acc = find_acc = mat_acc = state_acc = 0
    for it in range(MIX_ITERS):
        # list
        lst.reverse()
        mask = (0x5B * it) & M32
        lst.sort(key=lambda kv: (kv[1] ^ mask) & 0xFF)  # stable, as the merge sort
        keys = [k for k, _ in lst]
        for q in range(8):
            want = (it * 13 + q * 29) & (n - 1)
            find_acc = (find_acc + keys.index(want)) & M32
        h = 0
        for k, v in lst:
            h = (h * 33 + (v ^ (k << 8))) & M32
        list_acc = (list_acc + h) & M32
        # matrices
        c = [[sum(a[i][k] * b[k][j] for k in range(mn)) & M32 for j in range(mn)]
             for i in range(mn)]
        h = 0
        for i in range(mn):
            for j in range(mn):
                h = (h * 31 + c[i][j]) & M32
        mat_acc = (mat_acc + h) & M32
        for i in range(mn):
            for j in range(mn):
                a[i][j] = (a[i][j] + ((c[i][j] >> 4) & 7)) & M32
                b[i][j] ^= (it + i) & M32
        # state machine, as a table of (state, character class) -> state
        state_acc = (state_acc + token_hash("".join(MIX_SYMS[t] for t in text))) & M32
        for k in range(8):
            p = (it * 37 + k * 61) % MIX_TEXT_LEN
            text[p] = (text[p] + it + 1) % len(MIX_SYMS)
    return list_acc, find_acc, mat_acc, state_acc


# The token state machine of mix.c as a table: (state, class of the character) -> state, with
# classes d (digit), s (sign), . (dot), e (e or E); ',' and ' ' end a token. A token that ends
# in INT, FRAC or EXPINT is an integer, a decimal or a number with an exponent; a token ending
# in any other state but START is invalid.
NEXT = {
    "START": {"d": "INT", "s": "SIGN", ".": "DOT", "e": "BAD"},
    "SIGN": {"d": "INT", "s": "BAD", ".": "DOT", "e": "BAD"},
    "INT": {"d": "INT", "s": "BAD", ".": "FRAC", "e": "EXP"},
    "DOT": {"d": "FRAC", "s": "BAD", ".": "BAD", "e": "BAD"},
    "FRAC": {"d": "FRAC", "s": "BAD", ".": "BAD", "e": "EXP"},
    "EXP": {"d": "EXPINT", "s": "EXPSIGN", ".": "BAD", "e": "BAD"},
    "EXPSIGN": {"d": "EXPINT", "s": "BAD", ".": "BAD", "e": "BAD"},
    "EXPINT": {"d": "EXPINT", "s": "BAD", ".": "BAD", "e": "BAD"},
    "BAD": {"d": "BAD", "s": "BAD", ".": "BAD", "e": "BAD"},
}
FINAL = {"INT": 0, "FRAC": 1, "EXPINT": 2}


def token_hash(s):
    cnt = [0] * 5  # integers, decimals, exponents, invalid, state changes

    def end(st):
        if st != "START":
            cnt[FINAL.get(st, 3)] += 1

    st = "START"
    for ch in s:
        if ch in ", ":
            end(st)
            nx = "START"
        else:
            cls = "d" if ch.isdigit() else "s" if ch in "+-" else "." if ch == "." else "e"
            nx = NEXT[st][cls]
        if nx != st:
            cnt[4] += 1
        st = nx
    end(st)
    h = 0
    for x in cnt:
        h = (h * 31 + x) & M32
    return h


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    memcpy_src = le_bytes(words(MEMCPY_SEED, MEMCPY_BYTES // 4))
    isort = sorted(words(ISORT_SEED, ISORT_N))
    qsort = sorted(w & 0xFFFF for w in words(QSORT_SEED, QSORT_N))
    crc_data = le_bytes(words(CRC32_SEED, CRC32_BYTES // 4))
    mix = mix_model()
    sizes = [
        ("MEMCPY_BYTES", MEMCPY_BYTES), ("ISORT_N", ISORT_N), ("QSORT_N", QSORT_N),
        ("CRC32_BYTES", CRC32_BYTES), ("MIX_ITERS", MIX_ITERS), ("MIX_LIST_N", MIX_LIST_N),
        ("MIX_MAT_N", MIX_MAT_N), ("MIX_TEXT_LEN", MIX_TEXT_LEN),
    ]
    values = [
        ("MEMCPY_SEED", MEMCPY_SEED), ("MEMCPY_CRC", zlib.crc32(memcpy_src)),
        ("ISORT_SEED", ISORT_SEED), ("ISORT_WSUM", weighted_sum(isort)),
        ("QSORT_SEED", QSORT_SEED), ("QSORT_WSUM", weighted_sum(qsort)),
        ("CRC32_SEED", CRC32_SEED), ("CRC32_EXPECT", zlib.crc32(crc_data)),
        ("MIX_SEED", MIX_SEED), ("MIX_LIST", mix[0]), ("MIX_FIND", mix[1]),
        ("MIX_MAT", mix[2]), ("MIX_STATE", mix[3]),
    ]
    out = ["/* Generated by bench/kernels/expect.py: do not edit. */",
           "#ifndef BENCH_EXPECT_H", "#define BENCH_EXPECT_H"]
    for name, v in sizes:
        out.append("#define %s %d" % (name, v))
    for name, v in values:
        out.append("#define %s 0x%x%s" % (name, v, "ULL" if v > M32 else "u"))
    out.append("#endif")
    with open(sys.argv[1] + ".tmp", "w") as f:
        f.write("\n".join(out) + "\n")
    os.replace(sys.argv[1] + ".tmp", sys.argv[1])


if __name__ == "__main__":
    main()
