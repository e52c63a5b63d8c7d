#!/usr/bin/env python3
"""Unit tests of the host tool's pure parts (fpga/host/hive_fpga.py), no board or pyserial:
the keyboard's node selection (Keys) and a command's bytes against the protocol's bytes
(docs/fpga.md, host link), the refusal of a command with the wrong argument count, the
identify answer read and a board of another protocol version refused, the status answer's
fields (and a short one refused), the console's line
assembly that --until looks in, with two nodes' bytes interleaved, and the flash boot image's
bytes (docs/fpga.md, "Flash boot") and its size check."""
import binascii
import io
import json
import os
import struct
import sys
import tempfile
import types
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "host"))
import hive_fpga as h  # noqa: E402

DLE = 0x10


class Sent:
    def __init__(self):
        self.bytes = b""

    def send(self, b):
        self.bytes += bytes(b)


class KeysTest(unittest.TestCase):
    def feed(self, *chunks):
        link = Sent()
        keys = h.Keys(link)
        for c in chunks:
            keys.feed(c)
        return link.bytes

    def test_plain_keys_go_as_they_are(self):
        self.assertEqual(self.feed(b"ls\n"), b"ls\n")

    def test_dle_is_doubled(self):
        self.assertEqual(self.feed(bytes([DLE])), bytes([DLE, DLE]))

    def test_ctrl_a_digit_selects_a_node(self):
        self.assertEqual(self.feed(b"a\x013b"), b"a" + bytes([DLE, ord("n"), 3]) + b"b")

    def test_ctrl_a_twice_is_a_ctrl_a(self):
        self.assertEqual(self.feed(b"\x01\x01"), b"\x01")

    def test_ctrl_a_other_key_sends_both(self):
        self.assertEqual(self.feed(b"\x01x"), b"\x01x")

    def test_selection_split_across_reads(self):
        self.assertEqual(self.feed(b"\x01", b"1", b"z"), bytes([DLE, ord("n"), 1]) + b"z")


class CommandTest(unittest.TestCase):
    def test_write_line_bytes(self):
        line = bytes(range(64))
        self.assertEqual(h.command_bytes("WRITE", struct.pack("<I", 0x40) + line),
                         bytes([DLE, ord("W"), 0x40, 0, 0, 0]) + line)

    def test_wrong_argument_count_is_refused(self):
        with self.assertRaisesRegex(h.LinkError, "takes 10 argument bytes, not 9"):
            h.command_bytes("ROM", bytes(9))


class IdentifyTest(unittest.TestCase):
    # the identify answer as docs/fpga.md spells it: "HV", version, nodes, cores, board, then
    # clock, node memory and slice, 32-bit little endian each
    def ident(self, version):
        link = object.__new__(h.Link)  # no port: the answer is given here
        payload = b"HV" + bytes([version, 2, 1, 1]) + struct.pack("<III", 10_000_000, 8 << 20, 16 << 20)
        link.command = lambda name, args=b"": ("IDENT", payload) if name == "IDENT" else None
        return link.identify()

    def test_board_described(self):
        self.assertEqual(self.ident(1), {"version": 1, "nodes": 2, "cores": 1, "board": "ULX3S 85F",
                                         "clk_hz": 10_000_000, "node_mem": 8 << 20, "slice": 16 << 20})

    def test_other_protocol_version_refused(self):
        with self.assertRaisesRegex(h.LinkError, "protocol version 2"):
            self.ident(2)


class StatusTest(unittest.TestCase):
    # a status of a 2x1 board as docs/registers.md spells it: flags (held in reset, memory
    # ready, flash "no image" in bits 4-5), the failed-node mask, the machine finisher (state,
    # 32-bit word), each node's cell finisher, cycles, each hart's instret
    PAYLOAD = (bytes([0b0010_1001, 0b10, 1]) + struct.pack("<I", 0x5555)
               + bytes([0]) + struct.pack("<I", 0) + bytes([2]) + struct.pack("<I", 0x73333)
               + struct.pack("<QQQ", 123456789, 1000, 2000))

    def test_fields(self):
        self.assertEqual(h.parse_status(self.PAYLOAD, 2, 2), {
            "in_reset": True, "elf_mode": False, "dropped": False, "memory_ready": True,
            "flash": "no image", "fail_mask": 2,
            "machine_finisher": {"state": "pass", "data": 0x5555},
            "cell_finishers": [{"node": 0, "state": "none", "data": 0},
                               {"node": 1, "state": "fail", "data": 0x73333}],
            "cycles": 123456789, "instret": [1000, 2000]})

    def test_short_status_refused(self):
        with self.assertRaisesRegex(h.LinkError, "too short for 2 nodes and 3 harts"):
            h.parse_status(self.PAYLOAD, 2, 3)


class ConsoleTest(unittest.TestCase):
    def link(self, nodes, cells):
        link = object.__new__(h.Link)  # no port: only the console's bookkeeping
        link.out, link.node, link.at_line_start, link.seen, link.line = io.StringIO(), None, {}, "", {}
        link.set_cells(nodes, cells)
        return link

    def test_interleaved_nodes_make_whole_lines(self):
        link = self.link(2, 2)
        for n, text in ((0, "power"), (1, "hello"), (0, "ing off\n"), (1, " there\n")):
            link.node = n
            for ch in text.encode():
                link._console(ch)
        self.assertIn("[cell0] powering off\n", link.seen)
        self.assertIn("[cell1] hello there\n", link.seen)

    def test_partial_line_is_not_seen(self):
        link = self.link(1, 1)
        for ch in b"powering of":
            link._console(ch)
        self.assertNotIn("powering", link.seen)


class FlashImageTest(unittest.TestCase):
    ROM = bytes(range(16))  # two ROM words
    LINE = bytes(range(64, 128))

    # the loader's commands as docs/fpga.md's table spells them: R, F 0, E 1, B i d, W a d
    WANT = (bytes([DLE, ord("R"), DLE, ord("F"), 0, DLE, ord("E"), 1]) +
            bytes([DLE, ord("B"), 0, 0]) + ROM[:8] + bytes([DLE, ord("B"), 1, 0]) + ROM[8:] +
            bytes([DLE, ord("W"), 0x40, 0, 0, 0x01]) + LINE)

    def image(self, **kw):
        mem = h.Memory()
        mem.put(0x1000040, self.LINE)
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "board.json"), "w") as f:
                json.dump({"nodes": 2, "node_mem": 8 << 20}, f)
            a = types.SimpleNamespace(**{"images": d, "out": os.path.join(d, "img"),
                                         "offset": h.FLASH_OFFSET, "flash_size": h.FLASH_SIZE, **kw})
            plan, h.plan = h.plan, lambda a, ident: (self.ROM, mem, True)
            try:
                h.flash_image(a)
            finally:
                h.plan = plan
            with open(a.out, "rb") as f:
                return f.read()

    def test_header_then_the_load_commands(self):
        img = self.image()
        self.assertEqual(img[:4], b"HVB1")
        self.assertEqual(struct.unpack_from("<II", img, 4), (len(self.WANT), binascii.crc32(self.WANT)))
        self.assertEqual(img[12:], self.WANT)

    def test_too_large_for_the_flash(self):
        with self.assertRaisesRegex(h.LinkError, "does not fit"):
            self.image(flash_size=h.FLASH_OFFSET + 12 + len(self.WANT) - 1)


if __name__ == "__main__":
    r = unittest.main(exit=False, verbosity=0).result
    n, bad = r.testsRun, len(r.failures) + len(r.errors)
    print(f"{n - bad} passed, {bad} failed")
    sys.exit(1 if bad else 0)
