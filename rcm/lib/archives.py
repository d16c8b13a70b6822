"""Zip archives (Word and OpenDocument files) checked before anything unpacks them.

A small zip can unpack to gigabytes: a 62 KB .docx held 20 MB of XML, and reading it kept a worker
at full CPU and 536 MB until it was killed. A zip's directory declares what each member unpacks to,
and Python's zipfile never gives more than that for a member (what lies beyond fails its CRC check),
so refusing an archive whose declared sizes are over a limit bounds what any reader of it can cost,
python-docx included, which reads every member. The evidence upload (followup.uploads) and the importer
(rcm.interchange.importing.sources) both check here, each with its own limits.
"""

import math
import zipfile
import zlib
from typing import NamedTuple

from django.utils.translation import gettext

# Reading a zip can fail in many ways besides BadZipFile: encryption, unknown compression, damaged data.
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, NotImplementedError, EOFError, zlib.error)
_ENCRYPTED = 0x1
_MB = 1024 * 1024


class ArchiveLimits(NamedTuple):
    members: int
    member_bytes: int  # what any one member may unpack to
    total_bytes: int  # what all of them may unpack to together


class ArchiveRefused(ValueError):
    """An archive not to unpack. The message completes a sentence about it ("the file ..."): "expands to
    20.1 MB, over the limit of 20 MB"."""

    def __init__(self, message: str, *, encrypted: bool = False) -> None:
        super().__init__(message)
        self.encrypted = encrypted


def check_archive(archive: zipfile.ZipFile, limits: ArchiveLimits) -> None:
    """ArchiveRefused when the archive's directory goes past `limits`, or it is encrypted."""
    members = archive.infolist()
    if len(members) > limits.members:
        raise ArchiveRefused(
            gettext("holds %(count)s files, over the limit of %(limit)s")
            % {"count": f"{len(members):,}", "limit": f"{limits.members:,}"}
        )
    total = sum(member.file_size for member in members)
    if total > limits.total_bytes:
        raise ArchiveRefused(
            gettext("expands to %(size)s, over the limit of %(limit)s MB")
            % {"size": _megabytes(total), "limit": limits.total_bytes // _MB}
        )
    largest = max(members, key=lambda member: member.file_size, default=None)
    if largest is not None and largest.file_size > limits.member_bytes:
        raise ArchiveRefused(
            gettext("has a part (%(name)s) that expands to %(size)s, over the limit of %(limit)s MB for one part")
            % {"name": largest.filename, "size": _megabytes(largest.file_size), "limit": limits.member_bytes // _MB}
        )
    if any(member.flag_bits & _ENCRYPTED for member in members):
        raise ArchiveRefused(gettext("is encrypted"), encrypted=True)


def read_member(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """The first `limit` bytes of a member, unpacked: enough to tell what it is, at a bounded cost."""
    with archive.open(name) as member:
        return member.read(limit)


def _megabytes(size: int) -> str:
    # Rounded up, so that an archive just over a limit never reads as exactly the limit.
    return f"{math.ceil(size * 10 / _MB) / 10:.1f} MB"
