#!/usr/bin/env python3
"""Random RV64IMAC program generator for differential testing (hive-sim against QEMU).

usage: gen.py --seed N [--count K] [-o OUT.S]

From a seed, emits an assembly program (for tests/diff/link.ld) of about K random instructions:
ALU and M operations, compressed forms, loads/stores/AMOs/LR-SC on a data area at aligned
addresses only, forward branches and jumps, and short counted loops. It never reads a CSR,
counter, time or misa, never touches a device and never makes a misaligned access, so its
final state is a function of the ISA alone. At the end it stores x0..x31 and two checksums of
the data area into the signature region (begin_signature .. end_signature, which also holds
the data area itself) and jumps to `epilogue`, which each target provides (diff_epilogue.S):
hive-sim writes the machine finisher and dumps the signature with --signature; the QEMU
build prints it on the UART. The output is the same for the same seed and count.

Register use: s0 (x8) points to data + 1024 and sp (x2) to data + 512; neither is ever a
random destination (c.addi16sp moves sp only in pairs that put it back). Every other register
is a random destination.

Signature layout (64-bit words): 0..31 = x0..x31, 32..287 = the data area (2048 bytes),
288 = sum of the data words, 289 = rotate-xor hash of the data words.
"""
import argparse
import random
import sys

DATA_BYTES = 2048
S0_OFF = 1024         # s0 = data + S0_OFF
SP_OFF = 512          # sp = data + SP_OFF
NREGS = 32
SIG_WORDS = NREGS + DATA_BYTES // 8 + 2

ABI = ["zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3",
       "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11",
       "t3", "t4", "t5", "t6"]
RESERVED = {0, 2, 8}
DEST = [r for r in range(32) if r not in RESERVED]   # random destinations
CDEST = [r for r in range(9, 16)]                    # rd' of compressed forms (x8 = s0 reserved)
CSRC = list(range(8, 16))                            # rs' of compressed forms

SPECIAL = [0, 1, 2, 0xffffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff,
           0x80000000, 0xffffffff80000000, 0x7fffffff, 0xffffffff, 0x100000000,
           0xfffffffffffffffe, 0x00000000ffff0000, 0x5555555555555555, 0xaaaaaaaaaaaaaaaa]

R_OPS = ["add", "sub", "sll", "slt", "sltu", "xor", "srl", "sra", "or", "and",
         "addw", "subw", "sllw", "srlw", "sraw"]
M_OPS = ["mul", "mulh", "mulhsu", "mulhu", "mulw", "div", "divu", "rem", "remu",
         "divw", "divuw", "remw", "remuw"]
I_OPS = ["addi", "slti", "sltiu", "xori", "ori", "andi", "addiw"]
SH_OPS = [("slli", 63), ("srli", 63), ("srai", 63), ("slliw", 31), ("srliw", 31), ("sraiw", 31)]
LOADS = [("lb", 1), ("lbu", 1), ("lh", 2), ("lhu", 2), ("lw", 4), ("lwu", 4), ("ld", 8)]
STORES = [("sb", 1), ("sh", 2), ("sw", 4), ("sd", 8)]
AMOS = ["amoswap", "amoadd", "amoxor", "amoand", "amoor", "amomin", "amomax", "amominu",
        "amomaxu"]
BRANCHES = ["beq", "bne", "blt", "bge", "bltu", "bgeu"]
ORDER = ["", ".aq", ".rl", ".aqrl"]


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.out = []
        self.label = 0
        self.emitted = 0

    # ---- helpers
    def emit(self, s):
        self.out.append("  " + s)
        self.emitted += 1

    def new_label(self):
        self.label += 1
        return f"L{self.label}"

    def reg(self, pool=None, avoid=()):
        pool = [x for x in (pool or DEST) if x not in avoid]
        return ABI[self.r.choice(pool)]

    def src(self):
        # any register may be a source, the reserved ones and x0 included
        return ABI[self.r.randrange(32)]

    def value(self):
        r = self.r.random()
        if r < 0.3:
            return self.r.choice(SPECIAL)
        if r < 0.5:
            return self.r.randrange(-2048, 2048) & (2**64 - 1)
        if r < 0.65:
            v = self.r.getrandbits(32)
            return (v | (0xffffffff00000000 if v >> 31 else 0))
        return self.r.getrandbits(64)

    # ---- instruction classes; `avoid` lists registers that must not be written
    def alu_r(self, avoid):
        op = self.r.choice(R_OPS + M_OPS if self.r.random() < 0.4 else R_OPS)
        rd = "zero" if self.r.random() < 0.02 else self.reg(avoid=avoid)
        self.emit(f"{op} {rd}, {self.src()}, {self.src()}")

    def alu_m(self, avoid):
        self.emit(f"{self.r.choice(M_OPS)} {self.reg(avoid=avoid)}, {self.src()}, {self.src()}")

    def alu_i(self, avoid):
        k = self.r.random()
        rd = self.reg(avoid=avoid)
        if k < 0.55:
            op = self.r.choice(I_OPS)
            imm = self.r.choice([0, 1, -1, 2047, -2048, self.r.randrange(-2048, 2048)])
            self.emit(f"{op} {rd}, {self.src()}, {imm}")
        elif k < 0.85:
            op, mx = self.r.choice(SH_OPS)
            self.emit(f"{op} {rd}, {self.src()}, {self.r.randint(0, mx)}")
        elif k < 0.95:
            self.emit(f"lui {rd}, {self.r.randrange(1 << 20):#x}")
        else:
            self.emit(f"auipc {rd}, {self.r.randrange(1 << 20):#x}")

    def li(self, avoid):
        self.emit(f"li {self.reg(avoid=avoid)}, {self.value():#x}")

    def compressed(self, avoid):
        k = self.r.randrange(18)
        cd = lambda: self.reg(CDEST, avoid)       # noqa: E731
        cs = lambda: ABI[self.r.choice(CSRC)]     # noqa: E731
        nz6 = lambda: self.r.choice([i for i in range(-32, 32) if i])  # noqa: E731
        if k == 0:
            self.emit(f"c.li {self.reg(avoid=avoid)}, {self.r.randrange(-32, 32)}")
        elif k == 1:
            imm = self.r.choice(list(range(1, 32)) + list(range(0xfffe0, 0x100000)))
            self.emit(f"c.lui {self.reg(avoid=avoid)}, {imm:#x}")
        elif k == 2:
            self.emit(f"c.addi {self.reg(avoid=avoid)}, {nz6()}")
        elif k == 3:
            self.emit(f"c.addiw {self.reg(avoid=avoid)}, {self.r.randrange(-32, 32)}")
        elif k == 4:
            self.emit(f"c.slli {self.reg(avoid=avoid)}, {self.r.randint(1, 63)}")
        elif k == 5:
            self.emit(f"c.srli {cd()}, {self.r.randint(1, 63)}")
        elif k == 6:
            self.emit(f"c.srai {cd()}, {self.r.randint(1, 63)}")
        elif k == 7:
            self.emit(f"c.andi {cd()}, {self.r.randrange(-32, 32)}")
        elif k == 8:
            self.emit(f"c.mv {self.reg(avoid=avoid)}, {ABI[self.r.randint(1, 31)]}")
        elif k == 9:
            self.emit(f"c.add {self.reg(avoid=avoid)}, {ABI[self.r.randint(1, 31)]}")
        elif k in (10, 11, 12, 13, 14, 15):
            op = ["c.sub", "c.xor", "c.or", "c.and", "c.subw", "c.addw"][k - 10]
            self.emit(f"{op} {cd()}, {cs()}")
        elif k == 16:
            self.emit(f"c.addi4spn {cd()}, sp, {self.r.randrange(1, 256) * 4}")
        else:
            self.emit("c.nop")

    def data_addr(self, size, avoid):
        """A register holding an aligned address inside the data area, computed from a random
        register (data-dependent) or from s0; returns (register name, offset) for the access.
        `avoid` holds register numbers."""
        tmp = self.reg(avoid=avoid)
        if self.r.random() < 0.5:
            # tmp = s0 + (src & 0x3ff, aligned), in [data+1024, data+2047]; offset in [-1024, 0]
            self.emit(f"andi {tmp}, {self.src()}, {0x3ff & ~(size - 1):#x}")
            self.emit(f"add {tmp}, {tmp}, s0")
            return tmp, -self.r.randrange(0, 1024 // size + 1) * size
        return "s0", self.r.randrange(-S0_OFF // size, (DATA_BYTES - S0_OFF) // size) * size

    def load(self, avoid):
        k = self.r.random()
        if k < 0.2:
            # compressed, s0-based or sp-based
            if self.r.random() < 0.5:
                op, size, mx = self.r.choice([("c.ld", 8, 31), ("c.lw", 4, 31)])
                self.emit(f"{op} {self.reg(CDEST, avoid)}, {self.r.randint(0, mx) * size}(s0)")
            else:
                op, size, mx = self.r.choice([("c.ldsp", 8, 63), ("c.lwsp", 4, 63)])
                self.emit(f"{op} {self.reg(avoid=avoid)}, {self.r.randint(0, mx) * size}(sp)")
            return
        op, size = self.r.choice(LOADS)
        base, off = self.data_addr(size, avoid)
        rd = "zero" if self.r.random() < 0.02 else self.reg(avoid=avoid)
        self.emit(f"{op} {rd}, {off}({base})")

    def store(self, avoid):
        k = self.r.random()
        if k < 0.2:
            if self.r.random() < 0.5:
                op, size = self.r.choice([("c.sd", 8), ("c.sw", 4)])
                self.emit(f"{op} {ABI[self.r.choice(CSRC)]}, {self.r.randint(0, 31) * size}(s0)")
            else:
                op, size = self.r.choice([("c.sdsp", 8), ("c.swsp", 4)])
                self.emit(f"{op} {self.src()}, {self.r.randint(0, 63) * size}(sp)")
            return
        op, size = self.r.choice(STORES)
        base, off = self.data_addr(size, avoid)
        self.emit(f"{op} {self.src()}, {off}({base})")

    def amo_addr(self, size, avoid):
        tmp = self.reg(avoid=avoid)
        self.emit(f"andi {tmp}, {self.src()}, {0x3ff & ~(size - 1):#x}")
        self.emit(f"add {tmp}, {tmp}, s0")
        return tmp

    def amo(self, avoid):
        w = self.r.choice([".w", ".d"])
        addr = self.amo_addr(4 if w == ".w" else 8, avoid)
        rd = "zero" if self.r.random() < 0.05 else self.reg(avoid=avoid)
        rs2 = self.src()
        self.emit(f"{self.r.choice(AMOS)}{w}{self.r.choice(ORDER)} {rd}, {rs2}, ({addr})")

    def lrsc(self, avoid):
        """An LR/SC retry loop (same result whether or not an SC fails spuriously), or an SC
        with no reservation (always fails; rd normalised to 0/1)."""
        w = self.r.choice([".w", ".d"])
        size = 4 if w == ".w" else 8
        addr = self.amo_addr(size, avoid)
        a = ABI.index(addr)
        if self.r.random() < 0.2:
            rd = self.reg(avoid=avoid + (a,))
            self.emit(f"sc{w} {rd}, {self.src()}, ({addr})")
            self.emit(f"snez {rd}, {rd}")
            return
        old = self.reg(avoid=avoid + (a,))
        new = self.reg(avoid=avoid + (a, ABI.index(old)))
        flag = self.reg(avoid=avoid + (a, ABI.index(old), ABI.index(new)))
        other = self.src()
        op = self.r.choice(["add", "xor", "sub", "or", "mul"])
        loop = self.new_label()
        self.out.append(f"{loop}:")
        self.emit(f"lr{w}{self.r.choice(ORDER)} {old}, ({addr})")
        if other in (new, flag):
            other = old
        self.emit(f"{op} {new}, {old}, {other}")
        self.emit(f"sc{w}{self.r.choice(ORDER)} {flag}, {new}, ({addr})")
        self.emit(f"bnez {flag}, {loop}")

    def straight(self, avoid=()):
        """One non-control instruction (or a short fixed sequence)."""
        avoid = tuple(avoid)
        k = self.r.random()
        if k < 0.30:
            self.alu_r(avoid)
        elif k < 0.40:
            self.alu_m(avoid)
        elif k < 0.55:
            self.alu_i(avoid)
        elif k < 0.72:
            self.compressed(avoid)
        elif k < 0.82:
            self.load(avoid)
        elif k < 0.90:
            self.store(avoid)
        elif k < 0.95:
            self.amo(avoid)
        elif k < 0.97:
            self.lrsc(avoid)
        elif k < 0.985:
            self.li(avoid)
        else:
            self.sp_pair(avoid)

    def sp_pair(self, avoid):
        """c.addi16sp there and back, with sp-relative accesses in between (sp stays within
        the data area: data + 512 +- 496, offsets up to 504)."""
        d = self.r.choice([i for i in range(-31, 32) if i]) * 16
        self.emit(f"c.addi16sp sp, {d}")
        for _ in range(self.r.randint(0, 3)):
            if self.r.random() < 0.5:
                op, size = self.r.choice([("c.ldsp", 8), ("c.lwsp", 4)])
                self.emit(f"{op} {self.reg(avoid=avoid)}, {self.r.randint(0, 63) * size}(sp)")
            else:
                op, size = self.r.choice([("c.sdsp", 8), ("c.swsp", 4)])
                self.emit(f"{op} {self.src()}, {self.r.randint(0, 63) * size}(sp)")
        self.emit(f"c.addi16sp sp, {-d}")

    def branch(self):
        """A forward conditional branch over 0..6 instructions."""
        lab = self.new_label()
        if self.r.random() < 0.25:
            self.emit(f"{self.r.choice(['c.beqz', 'c.bnez'])} {ABI[self.r.choice(CSRC)]}, {lab}")
        else:
            self.emit(f"{self.r.choice(BRANCHES)} {self.src()}, {self.src()}, {lab}")
        for _ in range(self.r.randint(0, 6)):
            self.straight()
        self.out.append(f"{lab}:")

    def jump(self):
        """A forward jump (jal, c.j, jalr, c.jr, c.jalr) over 0..4 instructions."""
        lab = self.new_label()
        k = self.r.randrange(5)
        if k == 0:
            self.emit(f"jal {self.reg()}, {lab}")
        elif k == 1:
            self.emit(f"c.j {lab}")
        else:
            tmp = self.reg()
            off = self.r.choice([0, 0, 4, -4, 16, -16, 2000, -2000])
            self.emit(f"la {tmp}, {lab}{-off:+d}" if off else f"la {tmp}, {lab}")
            if k == 2:
                self.emit(f"jalr {self.reg()}, {off}({tmp})" if off else f"jalr {self.reg()}, 0({tmp})")
            elif off == 0 and k == 3:
                self.emit(f"c.jr {tmp}")
            elif off == 0:
                self.emit(f"c.jalr {tmp}")
            else:
                self.emit(f"jalr zero, {off}({tmp})")
        for _ in range(self.r.randint(0, 4)):
            self.straight()
        self.out.append(f"{lab}:")

    def loop(self):
        """A counted loop of 1..4 iterations over 2..8 instructions that leave the counter."""
        cnt = self.reg()
        top = self.new_label()
        self.emit(f"li {cnt}, {self.r.randint(1, 4)}")
        self.out.append(f"{top}:")
        for _ in range(self.r.randint(2, 8)):
            k = self.r.random()
            if k < 0.1:
                # a forward branch inside the body, over instructions that leave cnt alone
                lab = self.new_label()
                self.emit(f"{self.r.choice(BRANCHES)} {self.src()}, {self.src()}, {lab}")
                for _ in range(self.r.randint(0, 3)):
                    self.straight(avoid=(ABI.index(cnt),))
                self.out.append(f"{lab}:")
            else:
                self.straight(avoid=(ABI.index(cnt),))
        self.emit(f"addi {cnt}, {cnt}, -1")
        self.emit(f"bnez {cnt}, {top}")

    # ---- the program
    def program(self, count, seed):
        r = self.r
        data = [r.choice(SPECIAL) if r.random() < 0.15 else r.getrandbits(64)
                for _ in range(DATA_BYTES // 8)]
        hdr = [f"# Generated by tests/diff/gen.py --seed {seed} --count {count}: do not edit.",
               "  .section .text.init, \"ax\"",
               "  .globl _start",
               "_start:",
               "  csrr t0, mhartid",
               "  bnez t0, park",
               "  la t0, trap",
               "  csrw mtvec, t0",
               "  la s0, data + %d" % S0_OFF,
               "  la sp, data + %d" % SP_OFF]
        self.out = hdr
        for x in DEST:
            self.emit(f"li {ABI[x]}, {self.value():#x}")
        self.emitted = 0
        while self.emitted < count:
            k = r.random()
            if k < 0.07:
                self.branch()
            elif k < 0.10:
                self.jump()
            elif k < 0.12:
                self.loop()
            else:
                self.straight()
        body = self.out
        tail = ["# ---- the end: registers, then checksums of the data area, into the signature"]
        for x in range(32):
            tail.append(f"  sd {ABI[x]}, {-S0_OFF - NREGS * 8 + 8 * x}(s0)")
        tail += ["  addi t0, s0, %d" % -S0_OFF,
                 "  li t1, %d" % (DATA_BYTES // 8),
                 "  li t2, 0",
                 "  li t3, 0",
                 "1:",
                 "  ld t4, 0(t0)",
                 "  add t2, t2, t4",
                 "  slli t5, t3, 7",
                 "  srli t6, t3, 57",
                 "  or t3, t5, t6",
                 "  xor t3, t3, t4",
                 "  addi t0, t0, 8",
                 "  addi t1, t1, -1",
                 "  bnez t1, 1b",
                 "  sd t2, %d(s0)" % (DATA_BYTES - S0_OFF),
                 "  sd t3, %d(s0)" % (DATA_BYTES - S0_OFF + 8),
                 "  j epilogue",
                 "park:",
                 "  wfi",
                 "  j park",
                 "  .balign 4",
                 "trap:",
                 "  j trap_exit",
                 "",
                 "  .data",
                 "  .balign 64",
                 "  .globl begin_signature, end_signature, data",
                 "begin_signature:",
                 "  .space %d" % (NREGS * 8),
                 "data:"]
        tail += [f"  .dword {v:#018x}" for v in data]
        tail += ["  .dword 0, 0", "end_signature:", ""]
        return "\n".join(body + tail)


def generate(seed, count=3000):
    return Gen(seed).program(count, seed)


def describe_word(i):
    """What signature word i holds."""
    if i < NREGS:
        return f"x{i} ({ABI[i]})"
    if i < NREGS + DATA_BYTES // 8:
        return f"data word {i - NREGS} (data + {8 * (i - NREGS):#x})"
    return ["checksum: sum of the data words", "checksum: rotate-xor of the data words"][
        i - NREGS - DATA_BYTES // 8]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--count", type=int, default=3000, help="random instructions (default 3000)")
    p.add_argument("-o", "--output", default="-")
    a = p.parse_args()
    text = generate(a.seed, a.count)
    if a.output == "-":
        sys.stdout.write(text)
    else:
        with open(a.output, "w") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
