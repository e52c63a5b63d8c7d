#!/usr/bin/env python3
"""Generate hive_pkg.sv, hive_regs.h and docs/registers.md from regs/hive_regs.py.

usage: gen_regs.py {sv|c|md} OUTPUT
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "regs"))
import hive_regs as R  # noqa: E402


def stat_layout(name, fields):
    """A statistics port's fields as (field, lsb, bits, description), and its width per node."""
    out, lsb = [], 0
    for f, bits, desc in fields:
        out.append((f"{name}_{f}", lsb, bits, desc))
        lsb += bits
    return out, lsb


STAT_LAYOUTS = [("STAT_NODE", R.STAT_NODE), ("STAT_SIPS", R.STAT_SIPS)]


def stat_constants():
    """Bit positions and widths of the statistics ports' fields (int in SystemVerilog: they
    index vectors, which a 64-bit index would make a width warning)."""
    out = []
    for name, fields in STAT_LAYOUTS:
        layout, width = stat_layout(name, fields)
        for f, lsb, bits, desc in layout:
            out += [(f, lsb, f"lowest bit: {desc}"), (f"{f}_BITS", bits, "")]
        out.append((f"{name}_BITS", width, "bits per node"))
    return out


def constants():
    """Every named number, as (name, value, comment), in one order for all outputs."""
    out = []
    for name, base, size, desc in R.MAP:
        out += [(f"{name}_BASE", base, desc), (f"{name}_SIZE", size, "")]
    for name, off, size, desc in R.NODEDEV:
        out += [(f"NODEDEV_{name}", off, desc), (f"NODEDEV_{name}_SIZE", size, "")]
    out += [(f"CLINT_{n}", off, d) for n, off, d in R.CLINT]
    out += [(f"UART_{n}", off, d) for n, off, d in R.UART]
    out += [("UART_LSR_DR", R.UART_LSR_DR, ""), ("UART_LSR_THRE", R.UART_LSR_THRE, ""),
            ("UART_LSR_TEMT", R.UART_LSR_TEMT, "")]
    out += [(f"CTRL_{n}", off, f"{acc}: {d}") for n, off, acc, d in R.CTRL]
    out += [("TIMEOUT_DEFAULT", R.TIMEOUT_DEFAULT, "reset value of CTRL_TIMEOUT"),
            ("HOME_TIMEOUT_SHIFT", R.HOME_TIMEOUT_SHIFT, "the home waits TIMEOUT >> this for acks and recalls"),
            ("IRQ_WB_LOST", R.IRQ_WB_LOST, "CTRL_IRQ: a writeback was lost"),
            ("IRQ_FW_WB", R.IRQ_FW_WB, "CTRL_IRQ: the firewall refused a writeback")]
    out += [("SIPS_SEND_QUEUE_SHIFT", R.SIPS_SEND_QUEUE_SHIFT, "CTRL_SIPS_SEND: queue field"),
            ("SIPS_QUEUE_REQ", R.SIPS_QUEUE_REQ, "the request queue"),
            ("SIPS_QUEUE_REP", R.SIPS_QUEUE_REP, "the reply queue"),
            ("SIPS_STATUS_BUSY", R.SIPS_STATUS_BUSY, "CTRL_SIPS_STATUS: a send is in progress"),
            ("SIPS_STATUS_ERR", R.SIPS_STATUS_ERR, "CTRL_SIPS_STATUS: the last send failed"),
            ("SIPS_DEPTH_DEFAULT", R.SIPS_DEPTH_DEFAULT, "receive queue depth of the default build"),
            ("SIPS_BACKOFF", R.SIPS_BACKOFF, "cycles a NACKed sender waits before it retries")]
    out += stat_constants()
    out += [("FINISH_PASS", R.FINISH_PASS, ""), ("FINISH_FAIL", R.FINISH_FAIL, "(code<<16)|FAIL"),
            ("FINISH_RESET", R.FINISH_RESET, "")]
    out += [(f"HPM_{n}", v, d) for n, v, d in R.HPM_EVENTS]
    out += [("CLOCK_HZ", R.CLOCK_HZ, "nominal clock"), ("MTIME_DIV", R.MTIME_DIV, "cycles per mtime tick"),
            ("TIMEBASE_HZ", R.TIMEBASE_HZ, ""), ("LINE_BYTES", R.LINE_BYTES, ""),
            ("PAGE_BYTES", R.PAGE_BYTES, "")]
    out.append(("ADDR_BITS", R.ADDR_BITS,
                "physical address bits of everything the SoC decodes (the global windows end at 2 * GLOBAL_BASE)"))
    out += [("PARAM_OFFSET", R.PARAM_OFFSET, "boot parameter table offset in the ROM"),
            ("PARAM_MAGIC", R.PARAM_MAGIC, "")]
    out += [(f"PARAM_H_{n}", 8 * i, d) for i, (n, d) in enumerate(R.PARAM_HEADER)]
    out += [("PARAM_HEADER_BYTES", 8 * len(R.PARAM_HEADER), "")]
    out += [(f"PARAM_E_{n}", 8 * i, d) for i, (n, d) in enumerate(R.PARAM_ENTRY)]
    out += [("PARAM_ENTRY_BYTES", 8 * len(R.PARAM_ENTRY), "")]
    # bit i: the controller register at offset 8 * i takes writes from this node's harts only
    out.append(("CTRL_LOCAL_WRITES", sum(1 << (o // 8) for _, o, a, _ in R.CTRL
                                         if a in ("rw-local", "wo-local") and o < 0x200),
                "controller registers only this node's harts may write (bit = offset / 8)"))
    for n in ("FDT_FROM_TOP", "FDT_MAX", "INFO_FROM_TOP", "FW_OFFSET", "PAYLOAD_OFFSET",
              "FW_DYNAMIC_MAGIC", "FW_DYNAMIC_VERSION"):
        out.append((n, getattr(R, n), ""))
    out += link_constants()
    return out


def link_constants():
    """The FPGA boards' host link and flash boot image (hive_regs.py: LINK_*, FLASH_*)."""
    out = [("LINK_DLE", R.LINK_DLE, "starts a command, an answer or a node mark"),
           ("LINK_NODE_MARK", R.LINK_NODE_MARK, "DLE (this + n): node n's console bytes follow")]
    out += [(f"LINK_CMD_{name}", ord(letter), f"'{letter}': {desc}")
            for name, letter, _, _, desc in R.LINK_COMMANDS]
    for name, letter, length, desc in R.LINK_ANSWERS:
        out.append((f"LINK_ANS_{name}", ord(letter), f"'{letter}': {desc}"))
        if length >= 0:
            out.append((f"LINK_ANS_{name}_LEN", length, "payload bytes"))
    out += [("LINK_IDENT_MAGIC", R.LINK_IDENT_MAGIC, "'HV'"), ("LINK_VERSION", R.LINK_VERSION, "")]
    for name, bit, width, desc in R.LINK_STATUS_FLAGS:
        out += [(f"LINK_STATUS_{name}", bit, f"status flag bit: {desc}"),
                (f"LINK_STATUS_{name}_BITS", width, "")]
    out += [(f"LINK_STATUS_{n}", getattr(R, f"LINK_STATUS_{n}"), d) for n, d in (
        ("FAIL_MASK", "status byte of the failed-node mask"), ("MFIN", "status byte of the machine finisher"),
        ("CFIN", "status byte of node 0's cell finisher"), ("FIN_BYTES", "status bytes per finisher"))]
    out += [(f"LINK_FIN_{n}", v, f"finisher state: {d}") for n, v, d in R.LINK_FIN_STATES]
    out += [(f"BOARD_{n}", v, d) for n, v, d in R.BOARDS]
    out += [("FLASH_IMAGE_OFFSET", R.FLASH_IMAGE_OFFSET, "the boot image's place in the ULX3S's flash"),
            ("FLASH_IMAGE_MAGIC", R.FLASH_IMAGE_MAGIC, "'HVB1' as a little-endian word"),
            ("FLASH_READ_REACH", R.FLASH_READ_REACH, "bytes the reader's READ (3-byte address) reaches")]
    out += [(f"FLASH_{n}", v, d) for n, v, d in R.FLASH_STATES]
    return out


def sv_type(name):
    """SystemVerilog type of a constant: int where it counts or indexes, a byte where it is
    compared with link bytes, 64 bits otherwise."""
    if name in {n for n, _, _ in stat_constants()} or (name.startswith("LINK_") and name.endswith("_LEN")) \
            or name.startswith(("LINK_STATUS_", "LINK_FIN_")):
        return "int"
    if name.startswith(("LINK_CMD_", "LINK_ANS_")) or name in ("LINK_DLE", "LINK_NODE_MARK"):
        return "logic [7:0]"
    return "logic [63:0]"


def gen_sv():
    lines = ["// Generated by tools/gen_regs.py from regs/hive_regs.py: do not edit.",
             "/* verilator lint_off UNUSEDPARAM */", "package hive_pkg;"]
    for name, val, desc in constants():
        c = f"  // {desc}" if desc else ""
        t = sv_type(name)
        lit = {"int": f"{val}", "logic [7:0]": f"8'h{val:02x}"}.get(t, f"64'h{val:x}")
        lines.append(f"  localparam {t} {name} = {lit};{c}")
    # the link's commands as one table for the board hub's parser (a C constant cannot be this wide)
    n = len(R.LINK_COMMANDS)
    table_ = "".join(f"{ord(c):02x}{a:02x}{d:02x}" for _, c, a, d, _ in reversed(R.LINK_COMMANDS))
    lines += [f"  localparam int LINK_COMMANDS = {n};",
              "  // entry i at bits [24i +: 24]: {letter, address bytes, data bytes} (hive_regs.py LINK_COMMANDS)",
              f"  localparam logic [{24 * n - 1}:0] LINK_CMD_ARGS = {24 * n}'h{table_};"]
    lines += ["endpackage", "/* verilator lint_on UNUSEDPARAM */"]
    return "\n".join(lines) + "\n"


def gen_c():
    lines = ["/* Generated by tools/gen_regs.py from regs/hive_regs.py: do not edit. */",
             "#ifndef HIVE_REGS_H", "#define HIVE_REGS_H"]
    for name, val, desc in constants():
        c = f" /* {desc} */" if desc else ""
        lines.append(f"#define HIVE_{name} 0x{val:x}ULL{c}")
    lines.append("#endif")
    return "\n".join(lines) + "\n"


def table(head, rows):
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(out) + "\n"


def stat_tables():
    out = []
    for name, fields in STAT_LAYOUTS:
        layout, width = stat_layout(name, fields)
        out += [f"`{name.lower()}` ({width} bits per node; the generated names are `{name}_<field>`, "
                f"its lowest bit, and `{name}_<field>_BITS`):", "",
                table(["field", "bits", "counts"],
                      [(f, f"{lsb + bits - 1}:{lsb}", d) for f, lsb, bits, d in layout])]
    return out


def gen_md():
    h = lambda v: f"`0x{v:x}`"  # noqa: E731
    fb = R.LINK_STATUS_FIN_BYTES
    s = ["# Register reference", "",
         "Generated by `tools/gen_regs.py` from `regs/hive_regs.py`; do not edit.", "",
         "## Physical memory map", "",
         table(["region", "base", "size", "what"], [(n, h(b), h(z), d) for n, b, z, d in R.MAP]),
         "## Node device block (offset from `NODEDEV_BASE + n * NODEDEV_SIZE`)", "",
         table(["device", "offset", "size", "what"], [(n, h(o), h(z), d) for n, o, z, d in R.NODEDEV]),
         "## CLINT", "", table(["register", "offset", "what"], [(n, h(o), d) for n, o, d in R.CLINT]),
         "## UART", "", table(["register", "offset", "what"], [(n, h(o), d) for n, o, d in R.UART]),
         "## Controller registers", "",
         table(["register", "offset", "access", "what"], [(n, h(o), a, d) for n, o, a, d in R.CTRL]),
         "`rw-local`: writable by harts of the same node only; other writes answer a bus error. "
         "`rw-cell`: writable by harts of the node's cell (the device block refuses other cells). "
         "`-hart`: the register of the accessing hart's own SIPS send context. "
         "SIPS registers (`SIPS_*`, docs/sips.md) answer a bus error to any access from another node.", "",
         "## Statistics ports of `hive_soc`", "",
         "Node n's slice of `stat_node` (`stat_sips`) starts at bit n times the layout's width; "
         "the harness reads them into its stats JSON (docs/harness.md).", "",
         *stat_tables(),
         "## Finishers", "",
         f"Write {h(R.FINISH_PASS)} to pass, `(code << 16) | {h(R.FINISH_FAIL)}` to fail with `code`, "
         f"{h(R.FINISH_RESET)} to reset.", "",
         "## hpm event codes (`mhpmevent3..31`)", "",
         table(["event", "code", "counts"], [(n, v, d) for n, v, d in R.HPM_EVENTS]),
         "## Boot ROM parameter table", "",
         f"At `BOOTROM_BASE + {h(R.PARAM_OFFSET)}`, magic {h(R.PARAM_MAGIC)}; 64-bit words.", "",
         table(["header word", "offset", "meaning"], [(n, 8 * i, d) for i, (n, d) in enumerate(R.PARAM_HEADER)]),
         table(["entry word (per node)", "offset", "meaning"],
               [(n, 8 * i, d) for i, (n, d) in enumerate(R.PARAM_ENTRY)]),
         "## Boot images in the home node's memory", "",
         table(["what", "where"], [
             ("firmware (fw_dynamic.bin)", f"remap + {h(R.FW_OFFSET)}"),
             ("S-mode payload / kernel", f"remap + {h(R.PAYLOAD_OFFSET)}"),
             ("device tree (at most {0} bytes)".format(R.FDT_MAX), f"top - {h(R.FDT_FROM_TOP)}"),
             ("fw_dynamic_info (version {0})".format(R.FW_DYNAMIC_VERSION), f"top - {h(R.INFO_FROM_TOP)}")]),
         f"Timebase: {R.TIMEBASE_HZ} Hz (one mtime tick per {R.MTIME_DIV} cycles at a nominal "
         f"{R.CLOCK_HZ // 1_000_000} MHz).", "",
         "## Host link of the FPGA boards", "",
         f"The protocol is in docs/fpga.md (\"Host link\"). Host -> board: DLE ({h(R.LINK_DLE)}), "
         "a letter, its address bytes, its data bytes (little endian, counted).", "",
         table(["command", "letter", "address bytes", "data bytes", "what"],
               [(n, f"`{c}`", a, d, w) for n, c, a, d, w in R.LINK_COMMANDS]),
         f"Board -> host: DLE, a letter, the payload (a DLE byte in it doubled); DLE "
         f"({h(R.LINK_NODE_MARK)} + n) before node n's console bytes; identify magic "
         f"{h(R.LINK_IDENT_MAGIC)}, protocol version {R.LINK_VERSION}; boards "
         + ", ".join(f"{v} {d}" for _, v, d in R.BOARDS) + ".", "",
         table(["answer", "letter", "payload bytes", "what"],
               [(n, f"`{c}`", "length byte first" if n_ < 0 else n_, w)
                for n, c, n_, w in R.LINK_ANSWERS]),
         "The STATUS answer's payload after its length byte (little endian; N nodes, H harts):", "",
         table(["byte", "bytes", "what"], [
             (0, 1, "flags (below)"),
             (R.LINK_STATUS_FAIL_MASK, 1, "failed-node mask"),
             (R.LINK_STATUS_MFIN, fb, "machine finisher: state (below), then the last 32-bit word"),
             (f"{R.LINK_STATUS_CFIN} + {fb} n", fb, "node n's cell finisher, likewise"),
             (f"{R.LINK_STATUS_CFIN} + {fb} N", 8, "cycles since the SoC was released"),
             (f"{R.LINK_STATUS_CFIN + 8} + {fb} N + 8 h", 8, "hart h's instret")]),
         table(["flag", "bits", "what"],
               [(n, b if w == 1 else f"{b}-{b + w - 1}", d) for n, b, w, d in R.LINK_STATUS_FLAGS]),
         table(["finisher state", "value", "what"], [(n, v, d) for n, v, d in R.LINK_FIN_STATES]),
         f"Flash boot image (ULX3S): at {h(R.FLASH_IMAGE_OFFSET)} in the flash, magic "
         f"{h(R.FLASH_IMAGE_MAGIC)}, read with a 3-byte address (up to {h(R.FLASH_READ_REACH)}); "
         f"the reader's state (the status flag FLASH):", "",
         table(["state", "value", "what"], [(n, v, d) for n, v, d in R.FLASH_STATES])]
    return "\n".join(s) + "\n"


def check_windows():
    """The cores route an address by its bit fields (rtl/core/core.sv, route_kind) and the nodes
    decode their devices so (rtl/node/node.sv, in_win): every window has a power-of-two size at
    a base aligned to it; the remap window and each node's global window have one size; the
    global windows begin at a power of two, and everything else lies below it (the devices are
    the addresses below GLOBAL outside REMAP)."""
    win = {name: (base, size) for name, base, size, _ in R.MAP}
    blk = win["NODEDEV"][1]
    devs = [("NODEDEV " + n, b, s) for n, b, s, _ in R.NODEDEV]
    for name, base, size in [(n, b, s) for n, b, s, _ in R.MAP] + devs:
        if size & (size - 1) or base % size or (name.startswith("NODEDEV ") and base + size > blk):
            sys.exit(f"regs/hive_regs.py: {name} needs a power-of-two size at a base aligned to it"
                     f"{', inside the node device block' if name.startswith('NODEDEV ') else ''} "
                     "(rtl/core/core.sv and rtl/node/node.sv decode addresses by bit fields)")
    if win["REMAP"][1] != win["GLOBAL"][1]:
        sys.exit("regs/hive_regs.py: REMAP and GLOBAL need one size (rtl/core/core.sv routes "
                 "addresses by bit fields)")
    gbase = win["GLOBAL"][0]
    if gbase & (gbase - 1) or any(b + s > gbase for n, (b, s) in win.items() if n != "GLOBAL"):
        sys.exit("regs/hive_regs.py: GLOBAL needs a power-of-two base above every other window "
                 "(rtl/core/core.sv tells a device address by its high bits)")


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("sv", "c", "md"):
        sys.exit(__doc__.strip())
    check_windows()
    text = {"sv": gen_sv, "c": gen_c, "md": gen_md}[sys.argv[1]]()
    with open(sys.argv[2], "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
