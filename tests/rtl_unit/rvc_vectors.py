#!/usr/bin/env python3
"""Expected RV64C expansions for tb_rvc_expand, taken from the GNU toolchain.

Writes two vector files into OUTDIR, one line per 16-bit value: "cccc L eeeeeeee"
(hex halfword, 1 = legal / 0 = illegal, hex expected 32-bit instruction or 00000000).

  rvc_objdump.txt  every halfword with c[1:0] != 11 (49152 values), disassembled by objdump
                   (arch from the object's attributes: rv64imac, no F/D), the compressed
                   mnemonic rewritten as its base instruction, and that text assembled with
                   `.option norvc` for rv64ima. objdump's `.2byte` (unknown) and c.unimp are
                   expected illegal.
  rvc_gas.txt      every legal RV64C instruction (no F/D), enumerated from the spec's operand
                   ranges as assembly text (explicit c.* mnemonics), encoded by the assembler
                   for rv64imac, paired with the base instruction encoded with `.option norvc`.
                   Any halfword absent from this list must be illegal.

The generator only rewrites mnemonics and operand lists; every bit pattern comes from
binutils. Usage: rvc_vectors.py OUTDIR
"""
import os
import re
import subprocess
import sys

PREFIX = "riscv64-unknown-elf-"
AS_RVC = [PREFIX + "as", "-misa-spec=2.2", "-march=rv64imac", "-mno-relax"]
AS_BASE = [PREFIX + "as", "-misa-spec=2.2", "-march=rv64ima", "-mno-relax"]
TEXT_ADDR = 0x100000

REGS = ["zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3",
        "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11",
        "t3", "t4", "t5", "t6"]
CREGS = REGS[8:16]  # x8..x15, the registers of the 3-bit fields


def die(msg):
    sys.stderr.write("rvc_vectors.py: " + msg + "\n")
    sys.exit(1)


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        die("command failed: %s\n%s%s" % (" ".join(cmd), r.stdout, r.stderr[:4000]))
    return r.stdout


def assemble(lines, as_cmd, workdir, name, header=""):
    """Assemble, link at TEXT_ADDR (resolves the pc-relative branch fixups) and return the
    raw .text bytes."""
    src = os.path.join(workdir, name + ".s")
    obj = os.path.join(workdir, name + ".o")
    elf = os.path.join(workdir, name + ".elf")
    binf = os.path.join(workdir, name + ".bin")
    with open(src, "w") as f:
        f.write(".option norelax\n" + header + "\n".join(lines) + "\n")
    run(as_cmd + [src, "-o", obj])
    run([PREFIX + "ld", "-Ttext=0x%x" % TEXT_ADDR, "-e", "0", "-o", elf, obj])
    run([PREFIX + "objcopy", "-O", "binary", "-j", ".text", elf, binf])
    with open(binf, "rb") as f:
        return f.read()


def words32(data, n):
    if len(data) != 4 * n:
        die("expected %d 32-bit instructions, got %d bytes" % (n, len(data)))
    return [int.from_bytes(data[4 * i:4 * i + 4], "little") for i in range(n)]


def halves16(data, n):
    if len(data) != 2 * n:
        die("expected %d 16-bit instructions, got %d bytes" % (n, len(data)))
    return [int.from_bytes(data[2 * i:2 * i + 2], "little") for i in range(n)]


# Compressed mnemonic + operand list -> base instruction text. `off` is the pc-relative
# offset of a branch/jump (already computed by the caller).
def to_base(mn, ops, off=None):
    if mn == "c.addi4spn":
        return "addi %s,%s,%s" % (ops[0], ops[1], ops[2])
    if mn in ("c.lw", "c.ld", "c.sw", "c.sd", "c.lwsp", "c.ldsp", "c.swsp", "c.sdsp"):
        base = mn[2:4]
        return "%s %s,%s" % (base, ops[0], ops[1])
    if mn == "c.nop":
        return "addi zero,zero,%s" % (ops[0] if ops else "0")
    if mn in ("c.addi", "c.addiw", "c.andi"):
        return "%s %s,%s,%s" % (mn[2:], ops[0], ops[0], ops[1])
    if mn == "c.li":
        return "addi %s,zero,%s" % (ops[0], ops[1])
    if mn == "c.addi16sp":
        return "addi sp,sp,%s" % ops[1]
    if mn == "c.lui":
        return "lui %s,%s" % (ops[0], ops[1])
    if mn in ("c.srli", "c.srai", "c.slli"):
        return "%s %s,%s,%s" % (mn[2:], ops[0], ops[0], ops[1])
    if mn in ("c.srli64", "c.srai64", "c.slli64"):
        return "%s %s,%s,0" % (mn[2:6], ops[0], ops[0])
    if mn in ("c.sub", "c.xor", "c.or", "c.and", "c.subw", "c.addw", "c.add"):
        return "%s %s,%s,%s" % (mn[2:], ops[0], ops[0], ops[1])
    if mn == "c.mv":
        return "add %s,zero,%s" % (ops[0], ops[1])
    if mn == "c.j":
        return "jal zero,.%+d" % off
    if mn == "c.jal":  # RV32 only; never expected here
        die("c.jal in RV64")
    if mn in ("c.beqz", "c.bnez"):
        return "%s %s,zero,.%+d" % ("beq" if mn == "c.beqz" else "bne", ops[0], off)
    if mn == "c.jr":
        return "jalr zero,0(%s)" % ops[0]
    if mn == "c.jalr":
        return "jalr ra,0(%s)" % ops[0]
    if mn == "c.ebreak":
        return "ebreak"
    return None


# ------------------------------------------------------------------ A: objdump, exhaustive
def from_objdump(workdir):
    values = [v for v in range(0x10000) if (v & 3) != 3]
    src = os.path.join(workdir, "all16.s")
    obj = os.path.join(workdir, "all16.o")
    with open(src, "w") as f:
        f.write(".option norelax\n")
        for v in values:
            f.write(".insn 2, 0x%04x\n" % v)
    run(AS_RVC + [src, "-o", obj])
    dis = run([PREFIX + "objdump", "-d", "-M", "no-aliases", obj])
    line_re = re.compile(r"^\s*([0-9a-f]+):\s+([0-9a-f]{4})\s+(\S+)\s*(.*)$")
    entries = []  # (value, mnemonic, ops, pc)
    for line in dis.splitlines():
        m = line_re.match(line)
        if not m:
            continue
        pc = int(m.group(1), 16)
        val = int(m.group(2), 16)
        mn = m.group(3)
        ops = [o.strip() for o in m.group(4).split(",")] if m.group(4).strip() else []
        entries.append((val, mn, ops, pc))
    if [e[0] for e in entries] != values:
        die("objdump output does not list the 49152 halfwords in order")

    out = {}       # value -> (legal, base text or None)
    quirks = []
    for val, mn, ops, pc in entries:
        if mn in (".2byte", "c.unimp", "unimp"):
            out[val] = None
            continue
        if mn.startswith("c.f") or mn.startswith("f"):
            out[val] = None  # F/D forms: illegal without an FPU
            continue
        off = None
        if mn in ("c.j", "c.beqz", "c.bnez"):
            target = int(ops[-1].split()[0], 16)
            off = (target - pc) & ((1 << 64) - 1)
            if off >= 1 << 63:
                off -= 1 << 64
        if mn == "c.addi16sp" and int(ops[1], 0) == 0:
            # Spec: c.addi16sp with nzimm=0 is reserved. objdump 2.40 decodes it anyway
            # (gas refuses to assemble it): expect illegal.
            quirks.append(val)
            out[val] = None
            continue
        base = to_base(mn, ops, off)
        if base is None:
            die("objdump printed an unexpected mnemonic %r for 0x%04x" % (mn, val))
        out[val] = base

    legal = [v for v in values if out[v] is not None]
    lines = [".p2align 2\n" + out[legal[0]]] + [out[v] for v in legal[1:]]
    words = words32(assemble(lines, AS_BASE, workdir, "objdump_base",
                             header=".option norvc\n"), len(legal))
    expect = dict(zip(legal, words))
    rows = []
    for v in values:
        if v in expect:
            rows.append("%04x 1 %08x" % (v, expect[v]))
        else:
            rows.append("%04x 0 00000000" % v)
    return rows, quirks


# ------------------------------------------------------------------ B: gas, enumerated
def enumerate_rvc():
    """Every legal RV64C (no F/D) instruction as (compressed text, base text)."""
    P = []

    def add(ctext, mn, ops, off=None):
        P.append((ctext, to_base(mn, ops, off)))

    for rd in CREGS:
        for imm in range(4, 1024, 4):
            add("c.addi4spn %s,sp,%d" % (rd, imm), "c.addi4spn", [rd, "sp", str(imm)])
    for mn, step, top in (("c.lw", 4, 128), ("c.sw", 4, 128), ("c.ld", 8, 256), ("c.sd", 8, 256)):
        for r in CREGS:
            for rs1 in CREGS:
                for imm in range(0, top, step):
                    mem = "%d(%s)" % (imm, rs1)
                    add("%s %s,%s" % (mn, r, mem), mn, [r, mem])
    for rd in REGS:
        for imm in range(-32, 32):
            add("c.addi %s,%d" % (rd, imm), "c.addi", [rd, str(imm)])  # rd=0/imm=0: nop/HINT
            add("c.li %s,%d" % (rd, imm), "c.li", [rd, str(imm)])      # rd=0: HINT
            if rd != "zero":
                add("c.addiw %s,%d" % (rd, imm), "c.addiw", [rd, str(imm)])
    for imm in range(-512, 512, 16):
        if imm != 0:
            add("c.addi16sp sp,%d" % imm, "c.addi16sp", ["sp", str(imm)])
    for rd in REGS:
        if rd == "sp":
            continue
        for imm in list(range(1, 32)) + list(range(0xfffe0, 0x100000)):
            add("c.lui %s,0x%x" % (rd, imm), "c.lui", [rd, "0x%x" % imm])  # rd=0: HINT
    for r in CREGS:
        for mn in ("c.srli", "c.srai"):
            add("%s64 %s" % (mn, r), mn + "64", [r])  # shamt=0: HINT
            for sh in range(1, 64):
                add("%s %s,%d" % (mn, r, sh), mn, [r, str(sh)])
        for imm in range(-32, 32):
            add("c.andi %s,%d" % (r, imm), "c.andi", [r, str(imm)])
        for mn in ("c.sub", "c.xor", "c.or", "c.and", "c.subw", "c.addw"):
            for rs2 in CREGS:
                add("%s %s,%s" % (mn, r, rs2), mn, [r, rs2])
    for off in range(-2048, 2048, 2):
        add("c.j .%+d" % off, "c.j", [], off)
    for r in CREGS:
        for off in range(-256, 256, 2):
            for mn in ("c.beqz", "c.bnez"):
                add("%s %s,.%+d" % (mn, r, off), mn, [r], off)
    for rd in REGS:
        add("c.slli64 %s" % rd, "c.slli64", [rd])  # HINT
        for sh in range(1, 64):
            add("c.slli %s,%d" % (rd, sh), "c.slli", [rd, str(sh)])  # rd=0: HINT
    for rd in REGS:
        for mn, step, top in (("c.lwsp", 4, 256), ("c.ldsp", 8, 512)):
            if rd == "zero":
                continue
            for imm in range(0, top, step):
                mem = "%d(sp)" % imm
                add("%s %s,%s" % (mn, rd, mem), mn, [rd, mem])
        for mn, step, top in (("c.swsp", 4, 256), ("c.sdsp", 8, 512)):
            for imm in range(0, top, step):
                mem = "%d(sp)" % imm
                add("%s %s,%s" % (mn, rd, mem), mn, [rd, mem])
        if rd != "zero":
            add("c.jr %s" % rd, "c.jr", [rd])
            add("c.jalr %s" % rd, "c.jalr", [rd])
        for rs2 in REGS[1:]:
            add("c.mv %s,%s" % (rd, rs2), "c.mv", [rd, rs2])    # rd=0: HINT
            add("c.add %s,%s" % (rd, rs2), "c.add", [rd, rs2])  # rd=0: HINT
    add("c.ebreak", "c.ebreak", [])
    return P


def from_gas(workdir):
    pairs = enumerate_rvc()
    ctexts = [p[0] for p in pairs]
    btexts = [p[1] for p in pairs]
    halves = halves16(assemble(ctexts, AS_RVC, workdir, "gas_rvc"), len(pairs))
    words = words32(assemble([".p2align 2\n" + btexts[0]] + btexts[1:], AS_BASE, workdir,
                             "gas_base", header=".option norvc\n"), len(pairs))
    seen = {}
    for (ctext, _), h, w in zip(pairs, halves, words):
        if h in seen:
            die("two assembly texts encode to 0x%04x: %r and %r" % (h, seen[h], ctext))
        seen[h] = ctext
    return ["%04x 1 %08x" % (h, w) for h, w in sorted(zip(halves, words))]


def main():
    if len(sys.argv) != 2:
        die("usage: rvc_vectors.py OUTDIR")
    outdir = sys.argv[1]
    work = os.path.join(outdir, "rvc_work")
    os.makedirs(work, exist_ok=True)
    rows_a, quirks = from_objdump(work)
    rows_b = from_gas(work)
    with open(os.path.join(outdir, "rvc_objdump.txt"), "w") as f:
        f.write("\n".join(rows_a) + "\n")
    with open(os.path.join(outdir, "rvc_gas.txt"), "w") as f:
        f.write("\n".join(rows_b) + "\n")
    legal_a = sum(1 for r in rows_a if r[5] == "1")
    print("rvc_vectors: objdump %d halfwords (%d legal, %d objdump-decoded reserved: %s); "
          "gas %d legal encodings" % (len(rows_a), legal_a, len(quirks),
                                      " ".join("%04x" % q for q in quirks), len(rows_b)))


if __name__ == "__main__":
    main()
