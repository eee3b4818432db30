#!/usr/bin/python3
"""Writes the small IDX and NPY files under tests/data/idx and tests/data/npy
that tests/data/idx_loader_test.cpp and npy_loader_test.cpp read: valid
files written by numpy's own writer (np.lib.format, versions 1.0-3.0) and by
the IDX layout of the MNIST page, plus one malformed file per error path.
gzip output uses mtime=0 so reruns give identical bytes.

    /usr/bin/python3 tests/data/make_binary_fixtures.py
"""
import gzip
import io
import os
import struct

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
IDX_DIR = os.path.join(HERE, "idx")
NPY_DIR = os.path.join(HERE, "npy")
IDX_CODES = {np.uint8: 0x08, np.int8: 0x09, np.int16: 0x0B, np.int32: 0x0C, np.float32: 0x0D, np.float64: 0x0E}


def write(directory, name, data):
    with open(os.path.join(directory, name), "wb") as f:
        f.write(data)


def gz(data):
    return gzip.compress(data, mtime=0)


def idx_bytes(array):
    code = IDX_CODES[array.dtype.type]
    header = bytes([0, 0, code, array.ndim]) + b"".join(struct.pack(">I", d) for d in array.shape)
    return header + array.astype(array.dtype.newbyteorder(">")).tobytes()


def npy_bytes(array, version=(1, 0)):
    out = io.BytesIO()
    np.lib.format.write_array(out, array, version=version)
    return out.getvalue()


def make_idx():
    # 5 items of 2x3 unsigned-byte pixels; labels 3, 1, 3, 0, 7 -> classes 0, 1, 3, 7
    images = np.arange(30, dtype=np.uint8).reshape(5, 2, 3) * 8
    images[4, 1, 2] = 255
    labels = np.array([3, 1, 3, 0, 7], dtype=np.uint8)
    write(IDX_DIR, "images.idx", idx_bytes(images))
    write(IDX_DIR, "labels.idx", idx_bytes(labels))
    write(IDX_DIR, "images.idx.gz", gz(idx_bytes(images)))
    write(IDX_DIR, "labels_gzip_without_suffix.idx", gz(idx_bytes(labels)))
    # two gzip members concatenated (cat a.gz b.gz) read as one stream
    raw = idx_bytes(images)
    write(IDX_DIR, "images_two_members.idx.gz", gz(raw[:20]) + gz(raw[20:]))
    # big-endian float32 and int32, rank 1 items
    write(IDX_DIR, "values_f32.idx", idx_bytes(np.array([1.5, -2.25, 1e6, -0.0], dtype=np.float32)))
    write(IDX_DIR, "labels_i32.idx", idx_bytes(np.array([-5, 70000, -5, 2], dtype=np.int32)))
    write(IDX_DIR, "values_f64_nan.idx", idx_bytes(np.array([1.0, np.nan, 2.0, 3.0])))

    good = idx_bytes(images)
    write(IDX_DIR, "bad_magic.idx", b"\x01" + good[1:])
    write(IDX_DIR, "bad_type.idx", good[:2] + b"\x07" + good[3:])
    write(IDX_DIR, "zero_rank.idx", bytes([0, 0, 8, 0]))
    write(IDX_DIR, "zero_dimension.idx", bytes([0, 0, 8, 2]) + struct.pack(">II", 5, 0))
    write(IDX_DIR, "truncated.idx", good[:-3])
    write(IDX_DIR, "truncated_header.idx", good[:9])
    write(IDX_DIR, "extra_bytes.idx", good + b"\x00\x00")
    write(IDX_DIR, "overflow.idx", bytes([0, 0, 0x0E, 3]) + struct.pack(">III", 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF))
    write(IDX_DIR, "labels_4.idx", idx_bytes(labels[:4]))
    write(IDX_DIR, "labels_2d.idx", idx_bytes(labels.reshape(5, 1)))
    write(IDX_DIR, "labels_float.idx", idx_bytes(labels.astype(np.float32)))
    compressed = gz(good)
    write(IDX_DIR, "truncated.idx.gz", compressed[: len(compressed) // 2])
    # flip bits in the deflate data (after the 10-byte gzip header)
    corrupt = bytearray(compressed)
    for i in range(12, 20):
        corrupt[i] ^= 0xA5
    write(IDX_DIR, "corrupt.idx.gz", bytes(corrupt))
    # correct deflate data whose CRC-32 in the trailer is wrong
    bad_crc = bytearray(compressed)
    bad_crc[-8] ^= 0xFF
    write(IDX_DIR, "bad_crc.idx.gz", bytes(bad_crc))
    # the header promises 2^32-1 items of 2^16 bytes, the file is tiny
    write(IDX_DIR, "huge_claim.idx.gz", gz(bytes([0, 0, 8, 2]) + struct.pack(">II", 0xFFFFFFFF, 0x10000) + b"\x00" * 64))
    write(IDX_DIR, "gz_extra_bytes.idx.gz", gz(good + b"\x01"))
    write(IDX_DIR, "gz_truncated_data.idx.gz", gz(good[:-1]))


def make_npy():
    features = np.array([[0.5, 1.0], [-1.5, 2.0], [3.0, -4.0], [0.25, 8.0], [1e-3, -1e3]], dtype=np.float32)
    labels = np.array([2, 0, 2, 1, 0], dtype=np.int64)
    write(NPY_DIR, "features_f4.npy", npy_bytes(features))
    write(NPY_DIR, "labels_i8.npy", npy_bytes(labels))
    write(NPY_DIR, "features_f4.npy.gz", gz(npy_bytes(features)))
    cube = np.arange(20, dtype=np.float64).reshape(5, 2, 2) / 4 - 1
    write(NPY_DIR, "cube_f8_v2.npy", npy_bytes(cube, (2, 0)))
    write(NPY_DIR, "cube_i2_v3.npy", npy_bytes(cube.astype(np.int16) * 1000, (3, 0)))
    write(NPY_DIR, "labels_u1_v3.npy", npy_bytes(labels.astype(np.uint8) + 10, (3, 0)))
    write(NPY_DIR, "labels_i1.npy", npy_bytes(np.array([-1, 5, -1, 5, 0], dtype=np.int8)))

    write(NPY_DIR, "fortran.npy", npy_bytes(np.asfortranarray(features)))
    write(NPY_DIR, "big_endian.npy", npy_bytes(features.astype(">f4")))
    write(NPY_DIR, "complex.npy", npy_bytes(features.astype(np.complex64)))
    write(NPY_DIR, "bool.npy", npy_bytes(features > 0))
    write(NPY_DIR, "structured.npy", npy_bytes(np.zeros(5, dtype=[("a", "<f4"), ("b", "<i4")])))
    write(NPY_DIR, "labels_f8.npy", npy_bytes(labels.astype(np.float64)))
    targets = np.stack([np.arange(5.0), -np.arange(5.0) / 2], axis=1).astype(np.float32)
    write(NPY_DIR, "targets_2d.npy", npy_bytes(targets))
    write(NPY_DIR, "targets_3d.npy", npy_bytes(targets.reshape(5, 2, 1)))
    write(NPY_DIR, "targets_nan.npy", npy_bytes(np.array([0.0, 1.0, np.nan, 3.0, 4.0])))
    write(NPY_DIR, "labels_4.npy", npy_bytes(labels[:4]))
    write(NPY_DIR, "labels_2d.npy", npy_bytes(labels.reshape(5, 1)))
    write(NPY_DIR, "scalar.npy", npy_bytes(np.float32(1.0)))
    write(NPY_DIR, "empty.npy", npy_bytes(np.zeros((0, 2), dtype=np.float32)))
    good = npy_bytes(features)
    write(NPY_DIR, "bad_magic.npy", b"\x93NUMPZ" + good[6:])
    write(NPY_DIR, "bad_version.npy", good[:6] + b"\x04\x00" + good[8:])
    write(NPY_DIR, "truncated.npy", good[:-4])
    write(NPY_DIR, "header_too_long.npy", good[:8] + struct.pack("<H", 60000) + good[10:])
    header = good[10:10 + struct.unpack("<H", good[8:10])[0]]
    write(NPY_DIR, "no_shape.npy", good[:10] + header.replace(b"'shape'", b"'shapo'") + good[10 + len(header):])
    write(NPY_DIR, "bad_dict.npy", good[:10] + header.replace(b"'descr':", b"'descr' ") + good[10 + len(header):])


if __name__ == "__main__":
    os.makedirs(IDX_DIR, exist_ok=True)
    os.makedirs(NPY_DIR, exist_ok=True)
    make_idx()
    make_npy()
