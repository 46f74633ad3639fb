"""Go build information read from an executable's bytes, as Go's debug/buildinfo does — never running it.

A Go linker leaves a blob in the data of every executable: a 16-byte-aligned 32-byte header starting with
``\\xff Go buildinf:``, then (Go 1.18+) the toolchain version and the modinfo text as varint-prefixed
strings, or (before 1.18) two pointers to Go string headers. We find it the way debug/buildinfo does (the
``.go.buildinfo`` / ``__go_buildinfo`` section, else the first writable data segment or section), re-parse
the modinfo as runtime/debug.ParseBuildInfo does and print it as ``go version -m`` does, so the result is
``parse_build_info`` of what ``go version -m FILE`` would print.

Reads are bounded (header tables, the searched data and the strings are capped, and so is the total), and
malformed input of any kind ends in a ``problem``, never an exception.
"""

from __future__ import annotations

import os
import stat
import struct
from collections.abc import Callable
from dataclasses import dataclass, field

from goenv_lsp.parsers.goversion import BuildInfo, parse_build_info

ReadAt = Callable[[int, int], bytes]

MAGIC = b"\xff Go buildinf:"
_ALIGN = 16
_HEADER = 32
_FIRST_CHUNK, _CHUNK = 16 << 10, 1 << 20  # the magic search reads 16 KiB, then twice as much up to 1 MiB
_MAX_TABLE = 1 << 20  # program/section headers, load commands, section names
_MAX_SCAN = 4 << 20  # data searched for the magic
_MAX_STRING = 4 << 20  # the version or the modinfo
_MAX_TOTAL = 16 << 20  # everything one call reads
_FORMATS = {"elf": "an ELF", "mach-o": "a Mach-O", "pe": "a PE"}


@dataclass(frozen=True)
class ExecutableInfo:
    format: str | None  # "elf" | "mach-o" | "pe"; None: not an executable format we know
    build: BuildInfo | None  # None: no (readable) Go build information
    problem: str = ""  # why build is None, in plain English


class _Stop(Exception):
    """Ends the reading: ``problem`` says why."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


class _NotGo(_Stop):
    """A valid executable holding no (intact) Go build information."""


# -- the file ------------------------------------------------------------------------------------------------


class _File:
    """Exact reads of a (sub)file within a shared byte budget; short reads mean truncation."""

    def __init__(self, read_at: ReadAt, size: int, base: int = 0, budget: list[int] | None = None) -> None:
        self._read_at, self.size, self._base = read_at, size, base
        self._budget = budget if budget is not None else [_MAX_TOTAL]

    def read(self, offset: int, length: int) -> bytes:
        if offset < 0 or length < 0:
            raise _Stop("malformed (negative offset)")
        if offset + length > self.size:
            raise _Stop(f"truncated (needs {offset + length} bytes, the file has {self.size})")
        if length > self._budget[0]:
            raise _Stop("too much to read (over 16 MiB of headers and data)")
        self._budget[0] -= length
        data = self._read_at(self._base + offset, length)[:length] if length else b""
        if len(data) < length:
            raise _Stop(f"truncated (ends at {offset + len(data)} of {self.size} bytes)")
        return data

    def head(self, length: int) -> bytes:
        return self.read(0, min(length, self.size))

    def sub(self, offset: int, size: int) -> _File:
        if offset < 0 or size < 0 or offset + size > self.size:
            raise _Stop("truncated (an embedded file ends past the end of the file)")
        return _File(self._read_at, size, self._base + offset, self._budget)


@dataclass(frozen=True)
class _Region:
    """File-backed virtual memory: ``size`` bytes at ``addr`` come from file ``offset``."""

    addr: int
    size: int
    offset: int


@dataclass(frozen=True)
class _Image:
    """What the blob search needs: address → file mapping, and where to look."""

    file: _File
    regions: tuple[_Region, ...]
    data: tuple[int, int] | None  # (address, size) to search; None: nothing to search

    def read(self, addr: int, length: int) -> bytes:
        """Up to ``length`` bytes at ``addr``, stopping at the end of the region holding it."""
        for region in self.regions:  # first match, as debug/buildinfo's DataReader
            if region.addr <= addr < region.addr + region.size:
                offset = addr - region.addr
                return self.file.read(region.offset + offset, min(length, region.size - offset))
        raise _NotGo(f"build information at an unmapped address {addr:#x}")


# -- entry points --------------------------------------------------------------------------------------------


def read_build_info(read_at: ReadAt, size: int) -> ExecutableInfo:
    """read_at(offset, length) returns up to length bytes at offset (short at EOF); size is the file size."""
    fmt: str | None = None
    try:
        file = _File(read_at, size)
        head = file.head(128)
        fmt = _format_of(head)
        if fmt is None:
            return ExecutableInfo(None, None, _not_executable(head))
        return ExecutableInfo(fmt, _build_info(_image(fmt, file, head)))
    except _NotGo as stop:
        kind = f"{_FORMATS[fmt]} executable" if fmt else "an executable"
        return ExecutableInfo(fmt, None, f"{kind} without Go build information ({stop.problem})")
    except _Stop as stop:
        return ExecutableInfo(fmt, None, stop.problem)
    except OSError as exc:  # from read_at
        return ExecutableInfo(fmt, None, f"cannot read: {_os_error(exc)}")
    except Exception as exc:  # a bug, not the input's fault: still never raise
        return ExecutableInfo(fmt, None, f"unreadable build information: {type(exc).__name__}: {exc}")


def read_file_build_info(path: str) -> ExecutableInfo:
    """Opens with O_RDONLY|O_NONBLOCK (a FIFO must not block), reads only a regular file, never raises."""
    try:
        kind = _not_regular(os.stat(path).st_mode)
        if kind:
            return ExecutableInfo(None, None, f"not a regular file ({kind})")
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(path, flags)
    except (OSError, ValueError) as exc:
        return ExecutableInfo(None, None, f"cannot read: {_os_error(exc)}")
    try:
        st = os.fstat(fd)
        kind = _not_regular(st.st_mode)  # swapped since the stat
        if kind:
            return ExecutableInfo(None, None, f"not a regular file ({kind})")
        return read_build_info(lambda offset, length: _pread(fd, offset, length), st.st_size)
    except OSError as exc:
        return ExecutableInfo(None, None, f"cannot read: {_os_error(exc)}")
    finally:
        os.close(fd)


def _pread(fd: int, offset: int, length: int) -> bytes:
    """Up to ``length`` bytes (short only at EOF); an OSError ends the whole reading."""
    chunks: list[bytes] = []
    while length > 0:
        if hasattr(os, "pread"):
            chunk = os.pread(fd, length, offset)
        else:  # Windows
            os.lseek(fd, offset, os.SEEK_SET)
            chunk = os.read(fd, length)
        if not chunk:
            break
        chunks.append(chunk)
        offset, length = offset + len(chunk), length - len(chunk)
    return b"".join(chunks)


def _not_regular(mode: int) -> str:
    kinds = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
             (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))
    if stat.S_ISREG(mode):
        return ""
    return next((name for test, name in kinds if test(mode)), "not a file")


def _os_error(exc: Exception) -> str:
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)


def _not_executable(head: bytes) -> str:
    if not head:
        return "empty file"
    if head.startswith(b"#!"):
        line = head[2:].split(b"\n", 1)[0].decode("utf-8", "replace").strip()
        return f"a script (#!{''.join(c if c.isprintable() else '?' for c in line)[:80]})"
    return "not an executable (no ELF, Mach-O or PE header)"


def _format_of(head: bytes) -> str | None:
    if head.startswith(b"\x7fELF"):
        return "elf"
    if head.startswith(b"MZ"):
        return "pe"
    if head[:3] == b"\xfe\xed\xfa" or head[1:4] == b"\xfa\xed\xfe":
        return "mach-o"
    if head[:4] in (b"\xca\xfe\xba\xbe", b"\xca\xfe\xba\xbf"):
        # a Java class file shares the magic: there the next word is its version (45 and up), not a count
        return "mach-o" if len(head) < 8 or 0 < int.from_bytes(head[4:8], "big") <= 32 else None
    return None


def _image(fmt: str, file: _File, head: bytes) -> _Image:
    if fmt == "elf":
        return _elf(file)
    if fmt == "pe":
        return _pe(file)
    return _macho(_fat_first_arch(file, head) if head[:2] == b"\xca\xfe" else file)


def _unpack(fmt: str, data: bytes, offset: int = 0) -> tuple[int, ...]:
    return struct.unpack_from(fmt, data, offset)


def _table(file: _File, offset: int, count: int, entsize: int, minsize: int, what: str) -> tuple[bytes, range]:
    """The bytes of a table of ``count`` entries and the entries' offsets in them, sizes checked and capped."""
    if count == 0:
        return b"", range(0)  # no entries: their size (maybe 0) does not matter
    if entsize < minsize:
        raise _Stop(f"malformed ({what} entries of {entsize} bytes)")
    if count * entsize > _MAX_TABLE:
        raise _Stop(f"malformed (too many {what}: {count})")
    return file.read(offset, count * entsize), range(0, count * entsize, entsize)


# -- ELF -----------------------------------------------------------------------------------------------------

_PT_LOAD, _PF_X, _PF_W, _SHT_NOBITS = 1, 1, 2, 8


def _elf(file: _File) -> _Image:
    ident = file.read(0, 16)
    if ident[4] not in (1, 2) or ident[5] not in (1, 2) or ident[6] != 1:
        raise _Stop(f"malformed ELF file (class {ident[4]}, data encoding {ident[5]}, version {ident[6]})")
    end, wide = "<" if ident[5] == 1 else ">", ident[4] == 2
    header = file.read(16, 48 if wide else 36)
    fields = _unpack(end + ("HHIQQQIHHHHHH" if wide else "HHIIIIIHHHHHH"), header)
    phoff, shoff, phentsize, phnum, shentsize, shnum, shstrndx = fields[4], fields[5], *fields[8:]
    progs = _elf_progs(file, end, wide, phoff, phnum, phentsize)
    regions = tuple(_Region(vaddr, filesz, offset) for _, _, offset, vaddr, filesz, _ in progs if filesz)
    data = _elf_buildinfo_section(file, end, wide, shoff, shnum, shentsize, shstrndx)
    if data is None:  # no section headers (or none named so): the first writable, non-executable segment
        data = next(((vaddr, memsz) for kind, flags, _, vaddr, _, memsz in progs
                     if kind == _PT_LOAD and flags & (_PF_X | _PF_W) == _PF_W), None)
    return _Image(file, regions, data)


def _elf_progs(file: _File, end: str, wide: bool, phoff: int, phnum: int, entsize: int) -> list[tuple[int, ...]]:
    """(type, flags, offset, vaddr, filesz, memsz) of each program header."""
    raw, offsets = _table(file, phoff, phnum, entsize, 56 if wide else 32, "program headers")
    if wide:
        return [(t, f, o, v, fs, ms) for t, f, o, v, _, fs, ms in
                (_unpack(end + "IIQQQQQ", raw, at) for at in offsets)]
    return [(t, f, o, v, fs, ms) for t, o, v, _, fs, ms, f in (_unpack(end + "IIIIIII", raw, at) for at in offsets)]


def _elf_buildinfo_section(file: _File, end: str, wide: bool, shoff: int, shnum: int, entsize: int,
                           shstrndx: int) -> tuple[int, int] | None:
    """(addr, size) of the first section named .go.buildinfo."""
    if shoff == 0:
        return None
    fmt, minsize = (end + "IIQQQQII", 64) if wide else (end + "IIIIIIII", 40)
    if shnum == 0 or shstrndx == 0xFFFF:  # extended numbering: the real values are in section 0
        first = _unpack(fmt, file.read(shoff, minsize))
        shnum, shstrndx = shnum or first[5], first[6] if shstrndx == 0xFFFF else shstrndx
    if shnum == 0:
        return None
    if shstrndx >= shnum:
        raise _Stop(f"malformed ELF file (section name table {shstrndx} of {shnum})")
    raw, offsets = _table(file, shoff, shnum, entsize, minsize, "sections")
    sections = [_unpack(fmt, raw, at) for at in offsets]  # name, type, flags, addr, offset, size, link, info
    names = sections[shstrndx]
    if names[1] == _SHT_NOBITS:
        return None
    strtab = file.read(names[4], min(names[5], _MAX_TABLE))
    wanted = b".go.buildinfo\0"
    return next(((s[3], s[5]) for s in sections if strtab[s[0]:s[0] + len(wanted)] == wanted), None)


# -- Mach-O --------------------------------------------------------------------------------------------------

_LC_SEGMENT, _LC_SEGMENT_64, _VM_RW = 0x1, 0x19, 3


def _fat_first_arch(file: _File, head: bytes) -> _File:
    """The first architecture's file of a universal binary."""
    wide = head[3] == 0xBF
    entry = file.read(8, 32 if wide else 20)
    offset, size = _unpack(">8xQQ" if wide else ">8xII", entry)
    arch = file.sub(offset, size)
    magic = arch.read(0, 4) if size >= 4 else b""
    if not (magic[:3] == b"\xfe\xed\xfa" or magic[1:4] == b"\xfa\xed\xfe"):
        raise _Stop("malformed Mach-O universal binary (its first architecture is not a Mach-O file)")
    return arch


def _macho(file: _File) -> _Image:
    magic = file.read(0, 4)
    end = ">" if magic[:3] == b"\xfe\xed\xfa" else "<"
    (value,) = _unpack(end + "I", magic)
    if value not in (0xFEEDFACE, 0xFEEDFACF):
        raise _Stop(f"malformed Mach-O file (magic {value:#x})")
    wide = value == 0xFEEDFACF
    ncmds, sizeofcmds = _unpack(end + "16xII", file.read(0, 24))
    if sizeofcmds > _MAX_TABLE:
        raise _Stop(f"malformed Mach-O file (load commands of {sizeofcmds} bytes)")
    cmds = file.read(32 if wide else 28, sizeofcmds)
    segments, section = _macho_load_commands(cmds, end, wide, ncmds)
    regions = tuple(_Region(addr, filesz, offset) for name, addr, _, offset, filesz, _, _ in segments
                    if filesz and name != b"__PAGEZERO")
    if section is None:  # the first non-empty read-write segment
        section = next(((addr, memsz) for _, addr, memsz, _, filesz, maxprot, prot in segments
                        if addr and filesz and prot == maxprot == _VM_RW), None)
    return _Image(file, regions, section)


def _macho_load_commands(cmds: bytes, end: str, wide: bool,
                         ncmds: int) -> tuple[list[tuple], tuple[int, int] | None]:
    """Segments (name, addr, memsz, fileoff, filesz, maxprot, initprot) and the __go_buildinfo section."""
    seg_fmt, sect_fmt, sect_size = (("16sQQQQiiI", "16s16sQQ", 80) if wide else ("16sIIIIiiI", "16s16sII", 68))
    seg_cmd, seg_size = (_LC_SEGMENT_64, 72) if wide else (_LC_SEGMENT, 56)
    segments: list[tuple] = []
    found: tuple[int, int] | None = None
    at = 0
    for _ in range(ncmds):
        if len(cmds) - at < 8:
            raise _Stop("malformed Mach-O file (load commands cut short)")
        cmd, cmdsize = _unpack(end + "II", cmds, at)
        if cmdsize < 8 or cmdsize > len(cmds) - at:
            raise _Stop(f"malformed Mach-O file (load command of {cmdsize} bytes)")
        if cmd == seg_cmd:
            if cmdsize < seg_size:
                raise _Stop("malformed Mach-O file (segment command too small)")
            name, addr, memsz, fileoff, filesz, maxprot, prot, nsects = _unpack(end + seg_fmt, cmds, at + 8)
            segments.append((name.rstrip(b"\0"), addr, memsz, fileoff, filesz, maxprot, prot))
            if seg_size + nsects * sect_size > cmdsize:
                raise _Stop(f"malformed Mach-O file ({nsects} sections in a {cmdsize}-byte command)")
            for i in range(nsects):
                sect, _, s_addr, s_size = _unpack(end + sect_fmt, cmds, at + seg_size + i * sect_size)
                if found is None and sect.rstrip(b"\0") == b"__go_buildinfo":
                    found = (s_addr, s_size)
        at += cmdsize
    return segments, found


# -- PE ------------------------------------------------------------------------------------------------------

_DATA_RW = 0x40 | 0x40000000 | 0x80000000  # IMAGE_SCN_CNT_INITIALIZED_DATA | MEM_READ | MEM_WRITE
_ALIGN_32 = 0x600000  # IMAGE_SCN_ALIGN_32BYTES


def _pe(file: _File) -> _Image:
    (lfanew,) = _unpack("<I", file.read(0x3C, 4))
    if file.read(lfanew, 4) != b"PE\0\0":
        raise _Stop("malformed PE file (an MZ header without a PE signature: a DOS program?)")
    nsections, opt_size = _unpack("<2xH12xH2x", file.read(lfanew + 4, 20))
    base = _pe_image_base(file.read(lfanew + 24, opt_size)) if opt_size else 0
    raw, offsets = _table(file, lfanew + 24 + opt_size, nsections, 40, 40, "sections")
    sections = [_unpack("<8xIIII12xI", raw, at) for at in offsets]  # vsize, va, rawsize, rawptr, characteristics
    regions = tuple(_Region(va + base, rawsize, rawptr) for _, va, rawsize, rawptr, _ in sections if rawsize)
    data = next(((va + base, vsize) for vsize, va, rawsize, _, chars in sections
                 if va and rawsize and chars & ~_ALIGN_32 == _DATA_RW), None)
    return _Image(file, regions, data)


def _pe_image_base(optional: bytes) -> int:
    magic = _unpack("<H", optional)[0] if len(optional) >= 2 else 0
    if magic == 0x10B and len(optional) >= 32:
        return _unpack("<I", optional, 28)[0]
    if magic == 0x20B and len(optional) >= 32:
        return _unpack("<Q", optional, 24)[0]
    raise _Stop(f"malformed PE file (optional header magic {magic:#x}, {len(optional)} bytes)")


# -- the blob ------------------------------------------------------------------------------------------------


def _build_info(image: _Image) -> BuildInfo:
    if image.data is None or image.data[1] == 0:
        raise _NotGo("no build information section or data segment")
    addr = _search(image, *image.data)
    header = image.read(addr, _HEADER)
    if len(header) < _HEADER:
        raise _NotGo("build information header cut short")
    version, modinfo = (_inline_strings(image, addr + _HEADER) if header[15] & 2 else _pointer_strings(image, header))
    if not version:
        raise _NotGo("no Go version in the build information")
    framed = len(modinfo) >= 33 and modinfo[-17] == 0x0A  # sentinels at both ends, then a newline
    modinfo = modinfo[16:-16] if framed else b""
    return _to_build_info(version, modinfo)


def _search(image: _Image, start: int, size: int) -> int:
    """Address of the first 16-byte-aligned magic in [start, start+size), read chunk by chunk."""
    end = start + size
    start = -(-start // _ALIGN) * _ALIGN
    scanned, step = 0, _FIRST_CHUNK  # the blob is normally at the start: read little first
    while start < end:
        if scanned >= _MAX_SCAN:
            raise _NotGo(f"no build information in the first {_MAX_SCAN >> 20} MiB of data")
        chunk = min(step, end - start)
        try:
            data = image.read(start, chunk)  # never empty: start is mapped
        except _NotGo:  # past the file-backed part (the rest is zeros: .bss)
            break
        at = data.find(MAGIC)
        while at >= 0 and at % _ALIGN:
            at = data.find(MAGIC, -(-at // _ALIGN) * _ALIGN)
        if at >= 0:
            if end - start - at < _HEADER:
                raise _NotGo("build information header past the end of its data")
            return start + at
        start, scanned, step = start + chunk, scanned + chunk, min(2 * step, _CHUNK)
    raise _NotGo("no build information magic")


def _inline_strings(image: _Image, addr: int) -> tuple[bytes, bytes]:
    """Go 1.18+: the version then the modinfo, each a uvarint length and the bytes."""
    version, addr = _inline_string(image, addr)
    modinfo, _ = _inline_string(image, addr)
    return version, modinfo


def _inline_string(image: _Image, addr: int) -> tuple[bytes, int]:
    length, used = _uvarint(image.read(addr, 10))
    if used <= 0:
        raise _NotGo("bad string length in the build information")
    if length > _MAX_STRING:
        raise _NotGo(f"a build information string of {length} bytes")
    data = image.read(addr + used, length)
    if len(data) < length:
        raise _NotGo("build information string past the end of its data")
    return data, addr + used + length


def _uvarint(data: bytes) -> tuple[int, int]:
    """(value, bytes used) as encoding/binary.Uvarint: used 0 when cut short, negative on overflow."""
    value = shift = 0
    for i, byte in enumerate(data[:10]):
        if byte < 0x80:
            if i == 9 and byte > 1:
                return 0, -(i + 1)
            return value | byte << shift, i + 1
        value |= (byte & 0x7F) << shift
        shift += 7
    return 0, 0 if len(data) < 10 else -11


def _pointer_strings(image: _Image, header: bytes) -> tuple[bytes, bytes]:
    """Before Go 1.18: two pointers (size at [14], endianness in flags bit 0) to Go string headers."""
    size, end = header[14], ">" if header[15] & 1 else "<"
    if size not in (4, 8):
        raise _NotGo(f"build information with {size}-byte pointers")
    fmt = end + ("Q" if size == 8 else "I")
    version_ptr, modinfo_ptr = _unpack(end + ("QQ" if size == 8 else "II"), header, 16)
    return _go_string(image, fmt, size, version_ptr), _go_string(image, fmt, size, modinfo_ptr)


def _go_string(image: _Image, fmt: str, size: int, addr: int) -> bytes:
    """The string whose (data, len) header is at ``addr``; b"" when unmapped or cut short (as Go does)."""
    try:
        header = image.read(addr, 2 * size)
        if len(header) < 2 * size:
            return b""
        data_addr, length = _unpack(fmt, header)[0], _unpack(fmt, header, size)[0]
        if length > _MAX_STRING:
            return b""
        data = image.read(data_addr, length)
    except _NotGo:
        return b""
    return data if len(data) == length else b""


# -- modinfo, as runtime/debug.ParseBuildInfo reads it and go version -m prints it ---------------------------


@dataclass
class _Module:
    path: bytes
    version: bytes
    sum: bytes = b""
    replace: _Module | None = None


@dataclass
class _Modinfo:
    path: bytes = b""
    main: _Module | None = None
    deps: list[_Module] = field(default_factory=list)
    settings: list[tuple[bytes, bytes]] = field(default_factory=list)


def _to_build_info(version: bytes, modinfo: bytes) -> BuildInfo:
    printed = _format_modinfo(_parse_modinfo(modinfo))
    text = b"x: " + version + b"\n"
    if printed:
        text += b"\t" + printed[:-1].replace(b"\n", b"\n\t") + b"\n"
    info = parse_build_info(text.decode("utf-8", "replace"))
    if info is None:
        raise _Stop(f"unrecognised Go version in the build information: {version[:40]!r}")
    return info


def _parse_modinfo(data: bytes) -> _Modinfo:
    info = _Modinfo()
    last: _Module | None = None
    for number, line in enumerate(data.split(b"\n")[:-1], 1):  # text after the last newline is ignored
        try:
            last = _modinfo_line(info, line, last)
        except ValueError as exc:
            raise _Stop(f"unparseable Go build information (line {number}: {exc})") from None
    return info


def _modinfo_line(info: _Modinfo, line: bytes, last: _Module | None) -> _Module | None:
    """Record one line; returns the module a following "=>" line would replace."""
    word, tab, rest = line.partition(b"\t")
    if not tab:  # unknown lines are skipped
        return last
    if word == b"path":
        info.path = rest
    elif word in (b"mod", b"dep"):
        last = _module(rest.split(b"\t"))
        if word == b"mod":
            info.main = last
        else:
            info.deps.append(last)
    elif word == b"=>":
        elem = rest.split(b"\t")
        if len(elem) != 3:
            raise ValueError(f"expected 3 columns for replacement; got {len(elem)}")
        if last is None:
            raise ValueError("replacement with no module on previous line")
        last.replace, last = _Module(*elem), None
    elif word == b"build":
        info.settings.append(_setting(rest))
    return last


def _module(elem: list[bytes]) -> _Module:
    if len(elem) not in (2, 3):
        raise ValueError(f"expected 2 or 3 columns; got {len(elem)}")
    return _Module(elem[0], elem[1], elem[2] if len(elem) == 3 else b"")


def _setting(kv: bytes) -> tuple[bytes, bytes]:
    if not kv:
        raise ValueError("build line missing '='")
    if kv[:1] == b"=":
        raise ValueError("build line with missing key")
    if kv[:1] in (b"`", b'"'):
        quoted = _unquote(kv)
        if quoted is None:
            raise ValueError("invalid quoted key in build line")
        key, used = quoted
        if kv[used:used + 1] != b"=":
            raise ValueError("build line missing '=' after quoted key")
        raw = kv[used + 1:]
    else:
        key, equals, raw = kv.partition(b"=")
        if not equals:
            raise ValueError("build line missing '=' after key")
        if _needs_quotes(key, key=True):
            raise ValueError(f"unquoted key {key!r} must be quoted")
    if raw[:1] in (b"`", b'"'):
        quoted = _unquote(raw)
        if quoted is None or quoted[1] != len(raw):
            raise ValueError("invalid quoted value in build line")
        return key, quoted[0]
    if _needs_quotes(raw, key=False):
        raise ValueError(f"unquoted value {raw!r} must be quoted")
    return key, raw


def _needs_quotes(text: bytes, key: bool) -> bool:
    specials = b"= \t\r\n\"`" if key else b" \t\r\n\"`"
    return (key and not text) or any(c in specials for c in text)


def _format_modinfo(info: _Modinfo) -> bytes:
    """BuildInfo.String() without the go line."""
    out = [b"path\t" + info.path + b"\n"] if info.path else []
    main = info.main
    if main is not None and (main.path or main.version or main.sum or main.replace):
        out.append(_format_module(b"mod", main))
    out += [_format_module(b"dep", dep) for dep in info.deps]
    for key, value in info.settings:
        key = _quote(key) if _needs_quotes(key, key=True) else key
        value = _quote(value) if _needs_quotes(value, key=False) else value
        out.append(b"build\t" + key + b"=" + value + b"\n")
    return b"".join(out)


def _format_module(word: bytes, module: _Module) -> bytes:
    head = word + b"\t" + module.path + b"\t" + module.version
    if module.replace is None:
        return head + b"\t" + module.sum + b"\n"
    return head + b"\n" + _format_module(b"=>", module.replace) + b"\n"


# -- Go string literals (strconv.Unquote / strconv.Quote) ----------------------------------------------------

_ESCAPES = {ord("a"): 7, ord("b"): 8, ord("f"): 12, ord("n"): 10, ord("r"): 13, ord("t"): 9, ord("v"): 11,
            ord("\\"): ord("\\"), ord('"'): ord('"')}
_SHORT = {value: b"\\" + bytes([key]) for key, value in _ESCAPES.items()}


def _rune(data: bytes, at: int) -> tuple[str | None, int]:
    """The UTF-8 character at ``at`` and its length; (None, 1) for an invalid byte (utf8.DecodeRune)."""
    lead = data[at]
    width = 1 if lead < 0x80 else 2 if 0xC2 <= lead < 0xE0 else 3 if 0xE0 <= lead < 0xF0 else \
        4 if 0xF0 <= lead < 0xF5 else 0
    try:
        return (data[at:at + width].decode("utf-8"), width) if width else (None, 1)
    except UnicodeDecodeError:
        return None, 1


def _unquote(text: bytes) -> tuple[bytes, int] | None:
    """The value of the Go string literal that ``text`` starts with, and the literal's length; None: invalid."""
    quote = text[:1]
    close = text.find(quote, 1)
    if close < 0:
        return None
    if quote == b"`":
        return text[1:close].replace(b"\r", b""), close + 1
    out, at = bytearray(), 1
    while at < len(text) and text[at:at + 1] != b'"':
        char, at = _unquote_char(text, at)
        if char is None:
            return None
        out += char
    return (bytes(out), at + 1) if at < len(text) else None


def _unquote_char(text: bytes, at: int) -> tuple[bytes | None, int]:
    """One character of a double-quoted literal (strconv.UnquoteChar): its bytes and the next index."""
    lead = text[at]
    if lead == 0x0A:
        return None, at
    if lead >= 0x80:
        char, width = _rune(text, at)
        return (char or "\ufffd").encode(), at + width
    if lead != 0x5C:  # backslash
        return bytes([lead]), at + 1
    kind = text[at + 1] if at + 1 < len(text) else -1
    if kind in _ESCAPES:
        return bytes([_ESCAPES[kind]]), at + 2
    digits = {ord("x"): 2, ord("u"): 4, ord("U"): 8}.get(kind)
    if digits:
        hexa = text[at + 2:at + 2 + digits]
        if len(hexa) < digits or any(c not in b"0123456789abcdefABCDEF" for c in hexa):
            return None, at
        value = int(hexa, 16)
        if digits == 2:
            return bytes([value]), at + 4
        if value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
            return None, at
        return chr(value).encode(), at + 2 + digits
    octal = text[at + 1:at + 4]
    if len(octal) == 3 and all(0x30 <= c <= 0x37 for c in octal) and int(octal, 8) <= 255:
        return bytes([int(octal, 8)]), at + 4
    return None, at


def _quote(text: bytes) -> bytes:
    """strconv.Quote: printable characters as they are, the rest as Go escapes."""
    out, at = bytearray(b'"'), 0
    while at < len(text):
        char, width = _rune(text, at)
        if char is None:
            out += b"\\x%02x" % text[at]
        else:
            out += _quote_char(char)
        at += width
    return bytes(out + b'"')


def _quote_char(char: str) -> bytes:
    code = ord(char)
    if char in '"\\':
        return b"\\" + char.encode()
    if char.isprintable():  # Go's IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space
        return char.encode()
    if code in _SHORT and code < 0x20:
        return _SHORT[code]
    if code < 0x20 or code == 0x7F:
        return b"\\x%02x" % code
    return b"\\u%04x" % code if code < 0x10000 else b"\\U%08x" % code
