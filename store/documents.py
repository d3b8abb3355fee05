"""The files an IA event may carry: PDF, DOCX, PPTX, XLSX, PNG and JPEG up to 20 MB, told by their content, never
by their name. puremagic names what a file is from its bytes; an Office file is a ZIP whose parts are checked
(its content types and its main part there, no macros, not a ZIP bomb); a picture must open as one.

Kept with their SHA-256: in the database, or as a file named by it in the folder MBC_DOCUMENTS_DIR names.
"""
from __future__ import annotations

import hashlib
import io
import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

import puremagic
from PIL import Image, UnidentifiedImageError

from i18n import N_
from store.errors import InvalidRecord, StoreError

MAX_BYTES = 20 * 1024 * 1024
MAX_UNZIPPED = 200 * 1024 * 1024  # an Office file's parts together, unpacked
MAX_RATIO = 100  # unpacked size / file size, past a few MB: a ZIP bomb
MAX_FILENAME = 150
DOCUMENTS_DIR = "MBC_DOCUMENTS_DIR"

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",
    "jpeg": "image/jpeg",
}
EXTENSIONS = {"pdf": ".pdf", "docx": ".docx", "pptx": ".pptx", "xlsx": ".xlsx", "png": ".png", "jpeg": ".jpg"}
OFFICE_PARTS = {"docx": "word/document.xml", "pptx": "ppt/presentation.xml", "xlsx": "xl/workbook.xml"}

# Refusals, worded for people and translated where shown.
ALLOWED = N_("only PDF, DOCX, PPTX, XLSX, PNG and JPEG files may be added")
TOO_BIG = N_("the file is {size} MB; at most 20 MB")
EMPTY = N_("the file is empty")
EXECUTABLE = N_("this is an executable program, not a {claimed}: {allowed}")
IS_SVG = N_("this is an SVG image (it can hold scripts), not a {claimed}: {allowed}")
IS_HTML = N_("this is an HTML page, not a {claimed}: {allowed}")
IS_OTHER = N_("this is {what}, not a {claimed}: {allowed}")
UNKNOWN = N_("the content is not that of any known document, not a {claimed}: {allowed}")
MACROS = N_("this is a macro-enabled Office file (it can run code): save it without macros, as .docx, .pptx or .xlsx")
ZIP_BOMB = N_("this archive unpacks to {size} MB: refused")
NOT_OFFICE = N_("this is a ZIP archive, not a Word, PowerPoint or Excel file: {allowed}")
DAMAGED = N_("the file is damaged: it does not open as the {kind} its content starts as")
STORED_DAMAGED = N_("document {id} is damaged: its content no longer matches its checksum")

EXECUTABLE_WORDS = ("executable", "elf", "mach-o", "dll", "driver", "library", "shell script")


class DocumentDamaged(StoreError):
    """A stored document's bytes no longer match the checksum taken when it was added (or its file is gone)."""


@dataclass(frozen=True)
class CheckedFile:
    filename: str  # the download name: no path, no control characters, not too long
    kind: str  # a key of CONTENT_TYPES
    content_type: str
    size: int
    sha256: str


def safe_filename(filename: str, kind: str) -> str:
    """The name kept for the download only: its last path part, without control or format characters, at most
    MAX_FILENAME characters, ending as its detected kind does."""
    name = re.split(r"[/\\]", filename or "")[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] not in "CZ" or c == " ")
    name = " ".join(name.replace('"', "'").split()).strip(". ")
    stem, _dot, extension = name.rpartition(".")
    if not stem or f".{extension.lower()}" not in (EXTENSIONS[kind], ".jpeg" if kind == "jpeg" else EXTENSIONS[kind]):
        stem = name
        extension = EXTENSIONS[kind].lstrip(".")
    stem = stem[:MAX_FILENAME - len(extension) - 1] or "document"
    return f"{stem}.{extension}"


def _claimed(filename: str) -> str:
    """What the name says the file is, for the refusal: "PDF" for a .pdf, else "document"."""
    extension = (filename or "").rpartition(".")[2].lower()
    named = {"pdf": "PDF", "docx": "DOCX", "pptx": "PPTX", "xlsx": "XLSX", "png": "PNG", "jpg": "JPEG", "jpeg": "JPEG"}
    return named.get(extension, N_("document"))


def _what(data: bytes) -> list[puremagic.PureMagicWithConfidence]:
    try:
        return puremagic.magic_string(data)
    except (puremagic.PureError, ValueError):
        return []


def _refuse(reason: str) -> InvalidRecord:
    return InvalidRecord({"file": reason})


def _kind(data: bytes, claimed: str) -> str:
    """The allowed kind the content is, or the refusal naming what it is."""
    head = data[:1024].lstrip().lower()
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    found = _what(data)
    names = " ".join(f"{m.name} {m.extension} {m.mime_type}" for m in found).lower()
    if data.startswith((b"\x7fELF", b"MZ", b"#!")) or any(word in names for word in EXECUTABLE_WORDS):
        raise _refuse(EXECUTABLE.format(claimed=claimed, allowed=ALLOWED))
    if b"<svg" in head or "svg" in names:
        raise _refuse(IS_SVG.format(claimed=claimed, allowed=ALLOWED))
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<script")) or "html" in names:
        raise _refuse(IS_HTML.format(claimed=claimed, allowed=ALLOWED))
    if found:
        best = max(found, key=lambda m: m.confidence)
        raise _refuse(IS_OTHER.format(what=best.name, claimed=claimed, allowed=ALLOWED))
    raise _refuse(UNKNOWN.format(claimed=claimed, allowed=ALLOWED))


def _office_kind(data: bytes) -> str:
    """docx, pptx or xlsx, from the parts of the ZIP; refused: macros, a ZIP bomb, any other ZIP."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _refuse(DAMAGED.format(kind="ZIP")) from None
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > MAX_UNZIPPED or (unpacked > 5 * 1024 * 1024 and unpacked > MAX_RATIO * len(data)):
        raise _refuse(ZIP_BOMB.format(size=round(unpacked / 1024 / 1024)))
    names = {entry.filename.lower() for entry in entries}
    if any(name.endswith("vbaproject.bin") or (name.endswith(".bin") and "vba" in name) for name in names):
        raise _refuse(MACROS)
    if "[content_types].xml" not in names:
        raise _refuse(NOT_OFFICE.format(allowed=ALLOWED))
    types = next(entry for entry in entries if entry.filename.lower() == "[content_types].xml")
    if types.file_size > 1024 * 1024:
        raise _refuse(NOT_OFFICE.format(allowed=ALLOWED))
    try:
        declared = archive.read(types).decode("utf-8", "replace").lower()
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
        raise _refuse(DAMAGED.format(kind="ZIP")) from None
    if "macroenabled" in declared or "vbaproject" in declared:
        raise _refuse(MACROS)
    for kind, part in OFFICE_PARTS.items():
        if part in names:
            return kind
    raise _refuse(NOT_OFFICE.format(allowed=ALLOWED))


def check_file(filename: str, data: bytes) -> CheckedFile:
    """The file's kind from its content, its safe download name and checksum; InvalidRecord({"file": reason})
    naming what the file is when it may not be added. The size is checked before anything is parsed."""
    claimed = _claimed(filename)
    if len(data) > MAX_BYTES:
        raise _refuse(TOO_BIG.format(size=round(len(data) / 1024 / 1024, 1)))
    if not data:
        raise _refuse(EMPTY)
    kind = _kind(data, claimed)
    if kind == "zip":
        kind = _office_kind(data)
    elif kind in ("png", "jpeg"):
        try:
            with Image.open(io.BytesIO(data)) as image:
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise _refuse(DAMAGED.format(kind=kind.upper())) from None
    elif b"%%EOF" not in data[-2048:]:
        raise _refuse(DAMAGED.format(kind="PDF"))
    return CheckedFile(safe_filename(filename, kind), kind, CONTENT_TYPES[kind], len(data),
                       hashlib.sha256(data).hexdigest())


def documents_dir() -> Path | None:
    """The folder documents are kept in, when MBC_DOCUMENTS_DIR is set; else they go in the database."""
    folder = os.environ.get(DOCUMENTS_DIR, "").strip()
    return Path(folder) if folder else None


def write_file(folder: Path, sha256: str, data: bytes) -> str:
    """Keep the bytes as `<sha256>` in `folder` (written whole, then renamed into place); returns the name."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / sha256
    if not target.exists():
        partial = folder / f".{sha256}.{os.getpid()}.partial"
        partial.write_bytes(data)
        os.replace(partial, target)
    return sha256


def read_checked(document_id: int, sha256: str, data: bytes | None, stored_name: str | None) -> bytes:
    """The stored bytes, refused (DocumentDamaged) unless their SHA-256 is the one taken when they were added."""
    if data is None:
        folder = documents_dir()
        path = (folder / stored_name) if folder and stored_name and re.fullmatch(r"[0-9a-f]{64}", stored_name) else None
        try:
            data = path.read_bytes() if path else None
        except OSError:
            data = None
    if data is None or hashlib.sha256(data).hexdigest() != sha256:
        raise DocumentDamaged(STORED_DAMAGED.format(id=document_id))
    return data
