# SPDX-License-Identifier: MIT
"""Opening ketensim HDF5 files: check the seal, then `filetype` and the major `format_version`."""
import os
import re
import zlib

import h5py

from ._errors import DamagedFileError, FormatError

# The seal (models/output/file_seal.cpp, docs/output-format.md): the 512-byte user block
# holds a CRC-32 of every later byte and the file's size, as text lines padded with NULs.
_SEAL_BYTES = 512
_SEAL_MAGIC = b"ketensim-seal 1\n"
_SEAL_LINES = re.compile(rb"ketensim-seal 1\ncrc32 ([0-9a-f]{8})\nbytes ([0-9]{20})\n")
_HDF5_SIGNATURE = b"\x89HDF\r\n\x1a\n"


def _render_seal(crc, size):
    text = _SEAL_MAGIC + b"crc32 %08x\nbytes %020d\n" % (crc, size)
    return text + b"\0" * (_SEAL_BYTES - len(text))


def _signature_at(f, offset):
    f.seek(offset)
    return f.read(len(_HDF5_SIGNATURE)) == _HDF5_SIGNATURE


def verify_seal(path):
    """Raises DamagedFileError unless the file's seal matches its contents, or FormatError
    when it has none (another program's file, or ketensim's before format 2.0). Reads the
    whole file once, before h5py parses any of it."""
    block_end = _SEAL_BYTES - 1
    with open(path, "rb") as f:
        block = f.read(_SEAL_BYTES)
        if not block:
            raise DamagedFileError(f"{path}: empty file: damaged, or not a ketensim result file", path=path)
        if _SEAL_MAGIC[:len(block)] != block[:len(_SEAL_MAGIC)]:
            if _signature_at(f, _SEAL_BYTES):
                raise DamagedFileError(f"{path}: damaged: its checksum block (bytes 0-{block_end}) is altered",
                                       path=path)
            if _signature_at(f, 0):
                raise FormatError(f"{path}: has no ketensim checksum: written by another program, or by a ketensim "
                                  "older than result format 2.0 (run it again to get a checked file)", path=path)
            raise FormatError(f"{path}: not a ketensim result file (not HDF5)", path=path)
        match = _SEAL_LINES.match(block)
        if match is None or len(block) != _SEAL_BYTES or \
                _render_seal(int(match[1], 16), int(match[2])) != block:
            raise DamagedFileError(f"{path}: damaged: its checksum block (bytes 0-{block_end}) is altered or cut short",
                                   path=path)
        stored_crc, stored_size = int(match[1], 16), int(match[2])
        f.seek(_SEAL_BYTES)
        crc, size = 0, _SEAL_BYTES
        while chunk := f.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
            size += len(chunk)
    if size != stored_size:
        raise DamagedFileError(f"{path}: damaged: it is {size} bytes, ketensim wrote {stored_size} "
                               "(cut short or extended after writing)", path=path)
    if crc != stored_crc:
        raise DamagedFileError(f"{path}: damaged: its contents changed after ketensim wrote it "
                               f"(crc32 {crc:08x}, stored {stored_crc:08x})", path=path)


def seal(path):
    """Seals a complete HDF5 file made with a 512-byte user block (``h5py.File(path, "w",
    userblock_size=512)``), as the C++ writer does; for tests that make or edit files."""
    with open(path, "r+b") as f:
        if not _signature_at(f, _SEAL_BYTES):
            raise ValueError(f"{path}: cannot seal: no HDF5 file after a {_SEAL_BYTES}-byte user block")
        f.seek(_SEAL_BYTES)
        crc, size = 0, _SEAL_BYTES
        while chunk := f.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
            size += len(chunk)
        f.seek(0)
        f.write(_render_seal(crc, size))


def open_checked(path, filetype, major):
    """Opens `path` read-only and checks its seal, and that it is a `filetype` file of format
    `major`.x; raises FormatError (DamagedFileError for a damaged file) saying what it found and
    what it expected (the C++ reader's wording)."""
    path = os.fspath(path)
    if not os.path.exists(path):
        raise FileNotFoundError(f"{path}: no such file")
    try:
        verify_seal(path)
    except IsADirectoryError as error:
        raise FormatError(f"{path}: is a directory, expected a '{filetype}' file", path=path) from error
    try:
        f = h5py.File(path, "r")
    except OSError as error:
        raise FormatError(f"{path}: not an HDF5 file ({error}), expected a '{filetype}' file", path=path) from error
    try:
        found = f.attrs.get("filetype")
        if found is None:
            raise FormatError(f"{path}: not a ketensim result file (no 'filetype' attribute), expected '{filetype}'",
                              path=path)
        if found != filetype:
            raise FormatError(f"{path}: filetype is '{found}', expected '{filetype}'", path=path)
        version = str(f.attrs.get("format_version", ""))
        parts = version.split(".")
        if len(parts) != 2 or not all(p.isdigit() for p in parts):
            raise FormatError(f"{path}: format_version is '{version}', expected MAJOR.MINOR", path=path)
        if int(parts[0]) != major:
            raise FormatError(f"{path}: format_version is {version}, this reader understands {major}.x", path=path)
    except BaseException:
        f.close()
        raise
    return f


def single_string(dataset):
    """The text of a one-string dataset: shape [1] since format 2.0 (so it can be chunked and
    checksummed), a scalar before."""
    values = dataset.asstr()[()]
    return values if isinstance(values, str) else values[0]


def attributes(f):
    """Root attributes as plain Python values."""
    out = {}
    for key, value in f.attrs.items():
        if isinstance(value, bytes):
            value = value.decode("utf-8")
        elif hasattr(value, "item"):
            value = value.item()
        out[key] = value
    return out


class FileReader:
    """Base of the readers: an open, checked file, closed by `close()` or a `with` block."""

    FILETYPE = None
    MAJOR = 2

    def __init__(self, path):
        self._path = os.fspath(path)
        self._file = open_checked(self._path, self.FILETYPE, self.MAJOR)

    @classmethod
    def open(cls, path):
        """Opens and checks the file; use it in a ``with`` block, or call ``close()``."""
        return cls(path)

    @property
    def path(self):
        """The file's path."""
        return self._path

    @property
    def attrs(self):
        """The root attributes (filetype, format_version, seed, ...) as a dict."""
        return attributes(self._h5)

    @property
    def format_version(self):
        """The file's format version, "MAJOR.MINOR" (docs/output-format.md)."""
        return str(self._h5.attrs["format_version"])

    @property
    def h5(self):
        """The open, checked ``h5py.File`` (read-only), for what the methods do not cover and
        for the figures of ketensim.plots; ValueError once the file is closed."""
        return self._h5

    @property
    def _h5(self):
        if self._file is None:
            raise ValueError(f"{self._path}: the file is closed")
        return self._file

    @property
    def closed(self):
        """True once :meth:`close` was called."""
        return self._file is None

    def close(self):
        """Closes the file (reading after that raises ValueError)."""
        if self._file is not None:
            self._file.close()
            self._file = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __repr__(self):
        state = "closed" if self.closed else f"format {self.format_version}"
        return f"<ketensim.{type(self).__name__} {self._path} ({state})>"
