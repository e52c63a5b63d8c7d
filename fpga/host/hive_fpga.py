#!/usr/bin/env python3
"""Host side of the Hive board link (protocol: docs/fpga.md, "Host link").

  hive_fpga.py images --nodes N --cores C --node-mem BYTES --mhz F --rom ROM --out DIR
      boot images for a board: gen_boot.py's ROMs and trees, with the trees' timebase-frequency
      set for the board's clock (core clock / MTIME_DIV)
  hive_fpga.py load --port P --images DIR (--cells K --firmware FW --payload IMG | --elf ELF)
      hold the SoC in reset, fill the ROM and the node memories, check them, release, and
      (unless --no-term) show the consoles
  hive_fpga.py flash-image --images DIR (--cells K --firmware FW --payload IMG | --elf ELF)
          --out FILE [--offset A] [--flash-size BYTES]
      the ULX3S's flash boot image: the commands `load` sends (but the read-back and the
      release), after a header (docs/fpga.md, "Flash boot"); `make fpga-flash` writes it
  hive_fpga.py term|status|reset --port P          consoles / status and counters / reboot
  (load, term) --until TEXT... [--timeout S]: leave the consoles when lines of theirs (with the
      [cellK] prefix) have shown every TEXT (exit 0), or after S seconds without (exit 1): for
      scripts and the board simulation's boot test
  hive_fpga.py fail --port P --nodes-mask M        fail nodes through the fault-control port

Board -> host stream: console bytes, DLE '0'+n when the node changes, DLE DLE for a 0x10 byte,
answers DLE a | e | q+64 | s+len+len | p+18 (payload bytes escaped the same way). The letters,
lengths and codes are regs/hive_regs.py's LINK_* and FLASH_* (docs/registers.md), which the
board hub is built from too.
"""
import argparse
import json
import os
import struct
import sys
import time
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "firmware"))
sys.path.insert(0, os.path.join(ROOT, "regs"))

import hive_regs as R  # noqa: E402

DLE = R.LINK_DLE
LINE = R.LINE_BYTES
COMMANDS = {name: (ord(c), na, nd) for name, c, na, nd, _ in R.LINK_COMMANDS}
ANSWERS = {ord(c): (name, n) for name, c, n, _ in R.LINK_ANSWERS}  # n < 0: a length byte first
BOARDS = {v: d for _, v, d in R.BOARDS}
# the flash boot image (fpga/common/board_spi_flash.sv): its place in the flash, the smallest
# ULX3S flash, the header's magic, and the reach of the 24-bit READ command the board uses
FLASH_OFFSET = R.FLASH_IMAGE_OFFSET
FLASH_SIZE = 4 << 20
FLASH_MAGIC = struct.pack("<I", R.FLASH_IMAGE_MAGIC)
FLASH_REACH = R.FLASH_READ_REACH
FLASH_STATES = {v: n.lower().replace("_", " ") for n, v, _ in R.FLASH_STATES}
ULX3S_SDRAM = 32 << 20  # node n's memory is the slice at n * 32 MiB / nodes (ulx3s_top)


class LinkError(Exception):
    pass


# ---------------------------------------------------------------------------- images
def make_images(a):
    import gen_boot  # firmware/gen_boot.py
    clk_hz = a.mhz * 1_000_000
    gen_boot.R.TIMEBASE_HZ = clk_hz // R.MTIME_DIV
    shape = gen_boot.Shape(a.nodes, a.cores, a.node_mem)
    with open(a.rom, "rb") as f:
        template = f.read()
    gen_boot.generate(shape, template, a.out, a.dtc)
    with open(os.path.join(a.out, "board.json"), "w") as f:
        json.dump({"nodes": a.nodes, "cores": a.cores, "node_mem": a.node_mem, "clk_hz": clk_hz,
                   "timebase_hz": clk_hz // R.MTIME_DIV}, f, indent=1)
    print(f"hive_fpga: images in {a.out} (timebase {clk_hz // R.MTIME_DIV} Hz)")


# ---------------------------------------------------------------------------- link
class Link:
    """The board's byte stream: answers are returned to the caller, console bytes printed."""

    def __init__(self, port, baud, out=sys.stdout):
        import serial  # pyserial
        self.s = serial.Serial(port, baud, timeout=0.05)
        self.out = out
        self.node = None
        self.prefix = lambda n: f"[cell{n}] "
        self.at_line_start = {}
        self.seen = ""  # the consoles' complete lines so far (terminal's --until looks in them)
        self.line = {}  # each node's line so far

    def set_cells(self, nodes, cells):
        """Console lines are prefixed as the harness does: [cellK], [cellK/nodeN] for a cell's
        other nodes."""
        per = max(1, nodes // max(1, cells))
        self.prefix = lambda n: f"[cell{n // per}] " if n % per == 0 else f"[cell{n // per}/node{n}] "

    def close(self):
        self.s.close()

    def _byte(self, deadline):
        while True:
            b = self.s.read(1)
            if b:
                return b[0]
            if time.monotonic() > deadline:
                raise LinkError("no answer from the board (is the bitstream loaded, the port and baud right?)")

    def _console(self, b):
        n = self.node if self.node is not None else 0
        start = self.at_line_start.get(n, True)
        if start:
            self.out.write(self.prefix(n))
        ch = chr(b) if b < 128 else "?"
        self.out.write(ch)
        # whole lines, each with its cell's prefix: the nodes' bytes interleave on the stream
        self.line[n] = self.line.get(n, "") + ch
        if b == 0x0A:
            self.seen += self.prefix(n) + self.line.pop(n)
        self.at_line_start[n] = (b == 0x0A)
        self.out.flush()

    def _payload(self, n, deadline):
        data = bytearray()
        while len(data) < n:
            b = self._byte(deadline)
            if b == DLE:
                if self._byte(deadline) != DLE:
                    raise LinkError("malformed answer from the board")
            data.append(b)
        return bytes(data)

    def poll(self, timeout=0.05, want_reply=False):
        """Read the stream; console bytes go to out; returns (letter, payload) of an answer."""
        deadline = time.monotonic() + timeout
        while True:
            b = self.s.read(1)
            if not b:
                if time.monotonic() > deadline:
                    if want_reply:
                        raise LinkError("no answer from the board (is the bitstream loaded, the port and baud right?)")
                    return None
                continue
            b = b[0]
            if b != DLE:
                self._console(b)
                continue
            c = self._byte(deadline + 1)
            if c == DLE:
                self._console(DLE)
            elif R.LINK_NODE_MARK <= c < R.LINK_NODE_MARK + 10:
                self.node = c - R.LINK_NODE_MARK
            elif c in ANSWERS:
                name, n = ANSWERS[c]
                if n < 0:
                    (n,) = self._payload(1, deadline + 1)
                return (name, self._payload(n, deadline + 1))
            else:
                raise LinkError(f"unknown answer {c:#x} from the board")

    def send(self, data):
        self.s.write(bytes(data))

    def command(self, name, args=b"", timeout=2.0):
        """Send command NAME (hive_regs.py LINK_COMMANDS) and return its answer (name, payload)."""
        self.send(command_bytes(name, args))
        return self.poll(timeout, want_reply=True)

    def expect_ok(self, name, args=b""):
        r = self.command(name, args)
        if r[0] != "DONE":
            raise LinkError(f"board refused command {name} (answer {r[0]})")

    def identify(self):
        kind, p = self.command("IDENT")
        if kind != "IDENT" or struct.unpack_from("<H", p)[0] != R.LINK_IDENT_MAGIC:
            raise LinkError("the device on this port is not a Hive board")
        ver, nodes, cores, board = p[2], p[3], p[4], p[5]
        if ver != R.LINK_VERSION:
            raise LinkError(f"the board speaks link protocol version {ver}, this tool {R.LINK_VERSION}: "
                            "use the tool of the bitstream's revision, or rebuild the bitstream")
        clk, node_mem, slice_ = struct.unpack_from("<III", p, 6)
        return {"version": ver, "nodes": nodes, "cores": cores, "board": BOARDS.get(board, board),
                "clk_hz": clk, "node_mem": node_mem, "slice": slice_}

    def status(self, ident):
        kind, p = self.command("STATUS")
        if kind != "STATUS":
            raise LinkError("bad status answer")
        return parse_status(p, ident["nodes"], ident["nodes"] * ident["cores"])

    def read_line(self, addr):
        kind, p = self.command("READ", struct.pack("<I", addr))
        if kind != "LINE":
            raise LinkError(f"read of {addr:#x} refused")
        return p


def parse_status(p, nodes, harts):
    """The STATUS answer's payload P of a board of NODES nodes and HARTS harts, by field
    (regs/hive_regs.py: LINK_STATUS_*, LINK_FIN_STATES)."""
    if len(p) < R.LINK_STATUS_CFIN + R.LINK_STATUS_FIN_BYTES * nodes + 8 + 8 * harts:
        raise LinkError(f"a status of {len(p)} bytes is too short for {nodes} nodes and {harts} harts")
    st = {}
    for name, bit, width, _ in R.LINK_STATUS_FLAGS:
        v = p[0] >> bit & ((1 << width) - 1)
        st[name.lower()] = bool(v) if width == 1 else v
    st["flash"] = FLASH_STATES[st["flash"]]
    st["fail_mask"] = p[R.LINK_STATUS_FAIL_MASK]
    fin = {v: n.lower() for n, v, _ in R.LINK_FIN_STATES}

    def finisher(o):
        return {"state": fin.get(p[o], f"unknown ({p[o]})"),
                "data": struct.unpack_from("<I", p, o + 1)[0]}
    st["machine_finisher"] = finisher(R.LINK_STATUS_MFIN)
    st["cell_finishers"] = [dict(node=n, **finisher(R.LINK_STATUS_CFIN + R.LINK_STATUS_FIN_BYTES * n))
                            for n in range(nodes)]
    o = R.LINK_STATUS_CFIN + R.LINK_STATUS_FIN_BYTES * nodes
    st["cycles"] = struct.unpack_from("<Q", p, o)[0]
    st["instret"] = [struct.unpack_from("<Q", p, o + 8 + 8 * h)[0] for h in range(harts)]
    return st


def command_bytes(name, args=b""):
    """Command NAME with its argument bytes (address, then data: counted, not escaped)."""
    letter, na, nd = COMMANDS[name]
    if len(args) != na + nd:
        raise LinkError(f"command {name} takes {na + nd} argument bytes, not {len(args)}")
    return bytes([DLE, letter]) + bytes(args)


# ---------------------------------------------------------------------------- images to lines
def elf_segments(path):
    with open(path, "rb") as f:
        img = f.read()
    if img[:4] != b"\x7fELF" or img[4] != 2:
        raise LinkError(f"{path}: not a 64-bit ELF")
    entry, phoff = struct.unpack_from("<QQ", img, 24)
    phentsize, phnum = struct.unpack_from("<HH", img, 54)
    segs = []
    for i in range(phnum):
        p_type, _, off, _, paddr, filesz, memsz, _ = struct.unpack_from("<IIQQQQQQ", img, phoff + i * phentsize)
        if p_type == 1 and memsz:
            segs.append((paddr, img[off:off + filesz] + bytes(memsz - filesz)))
    return entry, segs


def image_bytes(path):
    """(entry or None, [(remap address, bytes)]) of an ELF or a raw image at the remap base."""
    with open(path, "rb") as f:
        head = f.read(4)
    if head == b"\x7fELF":
        return elf_segments(path)
    with open(path, "rb") as f:
        return None, [(None, f.read())]


class Memory:
    """Line-granular picture of what to write: board address -> 64 bytes."""

    def __init__(self):
        self.lines = {}

    def put(self, addr, data):
        for i, b in enumerate(data):
            a = addr + i
            line = self.lines.setdefault(a & ~(LINE - 1), bytearray(LINE))
            line[a & (LINE - 1)] = b


def plan(a, ident):
    """The ROM image and the memory lines for a cells or elf load."""
    nodes, slice_, node_mem = ident["nodes"], ident["slice"], ident["node_mem"]
    remap = R.MAP[3][1]
    mem = Memory()

    def place(node, off, data):
        if off < 0 or off + len(data) > node_mem:
            raise LinkError(f"image of {len(data)} bytes at node-memory offset {off:#x} does not fit {node_mem:#x}")
        mem.put(node * slice_ + off, data)

    if a.elf:
        d = os.path.join(a.images, "elf")
        rom = bytearray(open(os.path.join(d, "bootrom.bin"), "rb").read())
        entry, segs = elf_segments(a.elf)
        for paddr, data in segs:
            if paddr < remap:  # a segment that starts with the ELF headers below the window
                data, paddr = data[remap - paddr:], remap
            place(0, paddr - remap, data)
        entry_word = (R.PARAM_OFFSET // 8 + len(R.PARAM_HEADER) +
                      [f for f, _ in R.PARAM_ENTRY].index("ENTRY"))
        for n in range(nodes):
            struct.pack_into("<Q", rom, 8 * (entry_word + n * len(R.PARAM_ENTRY)), entry)
        place(0, node_mem - R.FDT_FROM_TOP, open(os.path.join(d, "cell0.dtb"), "rb").read())
        return bytes(rom), mem, True
    d = os.path.join(a.images, f"cells{a.cells}")
    if not os.path.isdir(d):
        raise LinkError(f"{d}: no images for {a.cells} cells (make fpga-images)")
    rom = open(os.path.join(d, "bootrom.bin"), "rb").read()
    man = json.load(open(os.path.join(d, "manifest.json")))
    fw = open(a.firmware, "rb").read()
    pentry, psegs = image_bytes(a.payload)
    for c in man["cell"]:
        home = c["home_node"]
        place(home, c["firmware_offset"], fw)
        for paddr, data in psegs:
            off = c["payload_offset"] if paddr is None else paddr - remap
            place(home, off, data)
        place(home, c["dtb_offset"], open(os.path.join(d, c["dtb"]), "rb").read())
        place(home, c["info_offset"], open(os.path.join(d, c["info"]), "rb").read())
    return rom, mem, False


def load_commands(rom, mem, elf):
    """The loader's commands that fill the board, in order, as (what, bytes): `load` sends them
    (each answered `a`) and the flash boot image holds them."""
    cmds = [("reset", command_bytes("RESET")), ("FAIL 0", command_bytes("FAIL", b"\0")),
            ("ELF", command_bytes("ELF", bytes([1 if elf else 0])))]
    for i in range(len(rom) // 8):
        cmds.append((f"ROM word {i}", command_bytes("ROM", struct.pack("<H", i) + rom[8 * i:8 * i + 8])))
    for addr in sorted(mem.lines):
        cmds.append((f"memory write at {addr:#x}",
                     command_bytes("WRITE", struct.pack("<I", addr) + bytes(mem.lines[addr]))))
    return cmds


def board_json(images):
    """What the images in IMAGES were made for (hive_fpga.py images writes board.json)."""
    bj = os.path.join(images, "board.json")
    if not os.path.exists(bj):
        raise LinkError(f"{bj} missing: make fpga-images first")
    with open(bj) as f:
        return json.load(f)


def check_images(a, ident):
    b = board_json(a.images)
    for k in ("nodes", "cores", "node_mem", "clk_hz"):
        if b[k] != ident[k]:
            raise LinkError(f"images are for {k}={b[k]}, the board has {ident[k]}: rebuild one of them")


def do_load(a):
    link = open_link(a)
    ident = link.identify()
    print(f"hive_fpga: {ident['board']}, {ident['nodes']}x{ident['cores']}, "
          f"{ident['clk_hz'] / 1e6:g} MHz, node memory {ident['node_mem'] >> 20} MiB", file=sys.stderr)
    check_images(a, ident)
    rom, mem, elf = plan(a, ident)
    link.set_cells(ident["nodes"], 1 if elf else a.cells)
    cmds = load_commands(rom, mem, elf)
    addrs = sorted(mem.lines)
    t0 = time.monotonic()
    window, sent, acked = 8, 0, 0
    while acked < len(cmds):
        while sent < len(cmds) and sent - acked < window:
            link.send(cmds[sent][1])
            sent += 1
        kind, _ = link.poll(2.0, want_reply=True)
        if kind != "DONE":
            raise LinkError(f"board refused the {cmds[acked][0]}")
        acked += 1
    dt = time.monotonic() - t0
    print(f"hive_fpga: {len(addrs)} lines ({len(addrs) * LINE >> 10} KiB) in {dt:.1f} s", file=sys.stderr)
    if not a.no_verify:
        bad = [x for x in addrs if link.read_line(x) != bytes(mem.lines[x])]
        if bad:
            raise LinkError(f"{len(bad)} lines read back wrong, first at {bad[0]:#x}: board memory fault")
        print(f"hive_fpga: read back {len(addrs)} lines, all match", file=sys.stderr)
    link.expect_ok("GO")
    print("hive_fpga: released; consoles follow (Ctrl-C leaves)", file=sys.stderr)
    return a.no_term or terminal(link, a)


def flash_image(a):
    """The boot image for the ULX3S's flash: FLASH_MAGIC, the stream's length and CRC-32 (32-bit
    little endian each), then the stream of load_commands, made for the board that board.json
    describes."""
    b = board_json(a.images)
    ident = {"nodes": b["nodes"], "node_mem": b["node_mem"], "slice": ULX3S_SDRAM // b["nodes"]}
    rom, mem, elf = plan(a, ident)
    body = b"".join(c for _, c in load_commands(rom, mem, elf))
    image = FLASH_MAGIC + struct.pack("<II", len(body), zlib.crc32(body)) + body
    room = min(a.flash_size, FLASH_REACH) - a.offset
    flash = f"a {a.flash_size / (1 << 20):g} MiB flash"
    if a.offset % 4096:
        raise LinkError(f"offset {a.offset:#x} is not on a 4 KiB boundary (the flash's erase sector)")
    if room <= 0:
        raise LinkError(f"offset {a.offset:#x} is past the end of {flash}")
    if len(image) > room:
        raise LinkError(f"the image ({len(image)} bytes) does not fit the {room} bytes from offset "
                        f"{a.offset:#x} to the end of {flash}"
                        + (f" (the board's READ reaches {FLASH_REACH >> 20} MiB)"
                           if a.flash_size > FLASH_REACH else ""))
    with open(a.out, "wb") as f:
        f.write(image)
    print(f"hive_fpga: {a.out}: {len(image)} bytes ({len(rom) // 8} ROM words, {len(mem.lines)} lines) "
          f"for flash offset {a.offset:#x}, {room - len(image)} bytes to spare", file=sys.stderr)


class Keys:
    """The keyboard to the selected node's console: Ctrl-A then a digit k sends the keys that
    follow to node k (the protocol's DLE n k), Ctrl-A Ctrl-A a Ctrl-A; the board starts at 0."""
    CTRL_A = 0x01

    def __init__(self, link):
        self.link, self.prefix = link, False

    def feed(self, data):
        out = bytearray()
        for b in data:
            if self.prefix:
                self.prefix = False
                if ord("0") <= b <= ord("9"):
                    self.link.send(bytes(out) + command_bytes("SELECT", bytes([b - ord("0")])))
                    out = bytearray()
                    print(f"\r\nhive_fpga: keyboard to node {b - ord('0')}\r", file=sys.stderr)
                    continue
                if b != self.CTRL_A:
                    out.append(self.CTRL_A)
            elif b == self.CTRL_A:
                self.prefix = True
                continue
            out += bytes([DLE, DLE]) if b == DLE else bytes([b])
        if out:
            self.link.send(bytes(out))


def terminal(link, a):
    """Shows the consoles (and sends the keyboard to a node: Keys) until Ctrl-C, or until
    --until's texts show (True) or --timeout's seconds pass without them (False)."""
    import select
    import termios
    import tty
    fd = sys.stdin.fileno()
    tty_in = os.isatty(fd)
    old = termios.tcgetattr(fd) if tty_in else None
    until = getattr(a, "until", None) or []
    keys = Keys(link)
    deadline = time.monotonic() + a.timeout if getattr(a, "timeout", None) else None
    try:
        if tty_in:
            tty.setcbreak(fd)
        while True:
            link.poll(0.02)
            if until and all(u in link.seen for u in until):
                return True
            if deadline and time.monotonic() > deadline:
                missing = [u for u in until if u not in link.seen]
                print(f"\nhive_fpga: not on the consoles within {a.timeout:g} s: {missing}",
                      file=sys.stderr)
                return False
            if tty_in and select.select([fd], [], [], 0)[0]:
                keys.feed(os.read(fd, 64))
    except KeyboardInterrupt:
        return True
    finally:
        if old:
            termios.tcsetattr(fd, termios.TCSADRAIN, old)


def open_link(a):
    try:
        return Link(a.port, a.baud)
    except Exception as e:  # serial.SerialException and OSError
        raise LinkError(f"cannot open {a.port}: {e}") from e


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    i = sub.add_parser("images")
    i.add_argument("--nodes", type=int, required=True)
    i.add_argument("--cores", type=int, required=True)
    i.add_argument("--node-mem", type=lambda s: int(s, 0), required=True)
    i.add_argument("--mhz", type=int, required=True)
    i.add_argument("--rom", required=True)
    i.add_argument("--out", required=True)
    i.add_argument("--dtc", default="dtc")
    for name in ("load", "flash-image", "term", "status", "reset", "fail"):
        s = sub.add_parser(name)
        if name == "flash-image":
            s.description = ("Write the ULX3S's flash boot image: the commands `load` sends "
                             "(not the read-back and the release) after a header (magic, length, "
                             "CRC-32); the board runs them at power-on and releases the SoC if "
                             "the CRC matches. Write it with `openFPGALoader -b ulx3s -f -o "
                             "OFFSET FILE` (make fpga-flash).")
            s.add_argument("--out", required=True, metavar="FILE", help="the image file to write")
            s.add_argument("--offset", type=lambda v: int(v, 0), default=FLASH_OFFSET,
                           help=f"where the image goes in the flash (default {FLASH_OFFSET:#x}, "
                                "what the bitstream reads: hive_regs.py FLASH_IMAGE_OFFSET)")
            s.add_argument("--flash-size", type=lambda v: int(v, 0), default=FLASH_SIZE,
                           metavar="BYTES", help="the board's flash (default 4 MiB, the smallest "
                                                 "ULX3S flash)")
        else:
            s.add_argument("--port", default="/dev/ttyUSB0")
            s.add_argument("--baud", type=int, default=1_000_000)
        if name in ("load", "flash-image"):
            s.add_argument("--images", required=True, help="the board's images (make fpga-images)")
            s.add_argument("--cells", type=int, default=1, help="cells mode: how many cells")
            s.add_argument("--firmware", help="cells mode: the firmware (OpenSBI fw_dynamic.bin)")
            s.add_argument("--payload", help="cells mode: the payload or kernel")
            s.add_argument("--elf", help="bare metal: this ELF instead of firmware and payload")
        if name == "load":
            s.add_argument("--no-verify", action="store_true")
            s.add_argument("--no-term", action="store_true")
        if name in ("load", "term"):
            s.add_argument("--until", metavar="TEXT", action="append",
                           help="leave the consoles when they show TEXT, and every other "
                                "--until's (a console line holds it, with its [cellK] prefix), "
                                "exit 0")
            s.add_argument("--timeout", type=float, metavar="S",
                           help="... or after S seconds without it (exit 1)")
        if name == "fail":
            s.add_argument("--nodes-mask", type=lambda v: int(v, 0), required=True)
    a = p.parse_args(argv)
    try:
        if a.cmd == "images":
            make_images(a)
        elif a.cmd in ("load", "flash-image"):
            if not a.elf and not (a.firmware and a.payload):
                raise LinkError(f"{a.cmd} needs --elf, or --firmware and --payload")
            if a.cmd == "flash-image":
                flash_image(a)
            elif not do_load(a):
                return 1
        else:
            link = open_link(a)
            if a.cmd == "term":
                if not terminal(link, a):
                    return 1
            elif a.cmd == "status":
                print(json.dumps(link.status(link.identify()), indent=1))
            elif a.cmd == "reset":
                link.expect_ok("RESET")
                link.expect_ok("GO")
            elif a.cmd == "fail":
                link.expect_ok("FAIL", bytes([a.nodes_mask & 0xFF]))
    except (LinkError, OSError) as e:
        print(f"hive_fpga: error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
