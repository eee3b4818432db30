#!/usr/bin/python3
"""Writes the malformed archives bad-*.neurite beside this script.

Each file is damaged in one way that read_result must report as a clear
Error(data) (tests/results/archive_header_test.cpp checks every message). The
payloads are minimal hand-made Boost archives, so the files do not depend on
the current field layout of RunResult. Header layout: docs/archives.md.
Run again after changing it:  /usr/bin/python3 tests/results/archives/make_malformed.py
"""
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
MAGIC = b"NEURITE\0"
RESULT, CHECKPOINT = 1, 2
BINARY, TEXT, XML = 1, 2, 3


def header(payload, version=2, kind=RESULT, encoding=BINARY, length=None, crc=None):
    length = len(payload) if length is None else length
    crc = zlib.crc32(payload) if crc is None else crc
    return MAGIC + struct.pack("<IIIQI", version, kind, encoding, length, crc)


def binary_payload(result_version, library_version=18, rest=b""):
    """Boost binary archive: signature, library version, type sizes, then the
    RunResult's class info (tracking byte, uint32 version) and `rest`."""
    sig = b"serialization::archive"
    return (struct.pack("<Q", len(sig)) + sig + struct.pack("<H", library_version) +
            bytes([4, 8, 4, 8]) + struct.pack("<i", 1) +
            b"\0" + struct.pack("<I", result_version) + rest)


def text_payload(result_version, rest=""):
    return ("22 serialization::archive 18 0 %d %s\n" % (result_version, rest)).encode()


def xml_payload(result_version, body="<name>x</name>\n", close=True):
    text = ('<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>\n'
            "<!DOCTYPE boost_serialization>\n"
            '<boost_serialization signature="serialization::archive" version="18">\n'
            '<result class_id="0" tracking_level="0" version="%d">\n%s' % (result_version, body))
    if close:
        text += "</result>\n</boost_serialization>\n"
    return text.encode()


def files():
    good = binary_payload(3, rest=struct.pack("<Q", 1) + b"x")
    yield "bad-empty", b""
    yield "bad-magic", b"name: moons-mlp\nseed: 7\n"  # a YAML file passed by mistake
    yield "bad-short-header", header(good)[:10]
    yield "bad-truncated-header", header(good)[:20]
    yield "bad-format-zero", header(good, version=0) + good
    yield "bad-newer-format", header(good, version=3) + good
    yield "bad-checkpoint-kind", header(good, kind=CHECKPOINT) + good
    yield "bad-unknown-kind", header(good, kind=7) + good
    yield "bad-unknown-encoding", header(good, encoding=9) + good
    yield "bad-truncated-payload", header(good) + good[: len(good) // 2]
    yield "bad-huge-length", header(good, length=1 << 62) + good
    yield "bad-trailing-bytes", header(good) + good + b"junk"
    yield "bad-checksum", header(good, crc=zlib.crc32(good) ^ 1) + good
    no_sig = b"\xff" * 8 + b"serialization::archive" + good[30:]  # signature length 2^64-1
    yield "bad-signature", header(no_sig) + no_sig
    other_sizes = good[:32] + bytes([4, 4]) + good[34:]  # sizeof(long) == 4: Windows
    yield "bad-other-type-sizes", header(other_sizes) + other_sizes
    newer_boost = binary_payload(3, library_version=99)
    yield "bad-newer-boost", header(newer_boost) + newer_boost
    # RunResult version 5: a result written by a newer neurite, in each encoding.
    for name, payload, encoding in (("binary", binary_payload(5), BINARY),
                                    ("text", text_payload(5, "1 120"), TEXT),
                                    ("xml", xml_payload(5), XML)):
        yield "bad-newer-result-" + name, header(payload, encoding=encoding) + payload
    # A string count of 2^60: must fail on the missing input, not allocate it.
    huge = binary_payload(3, rest=struct.pack("<Q", 1 << 60) + b"abc")
    yield "bad-huge-count-binary", header(huge) + huge
    huge_text = text_payload(3, "1152921504606846976 97 98 99")
    yield "bad-huge-count-text", header(huge_text, encoding=TEXT) + huge_text
    unclosed = xml_payload(3, "<name>x</name>\n<source_file>y", close=False)
    yield "bad-unclosed-xml", header(unclosed, encoding=XML) + unclosed
    # A binary payload declared as XML (the encoding field is wrong).
    yield "bad-encoding-mismatch", header(good, encoding=XML) + good


for name, data in files():
    with open(os.path.join(HERE, name + ".neurite"), "wb") as out:
        out.write(data)
