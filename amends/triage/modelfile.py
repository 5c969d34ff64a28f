"""The category model file: a zip of JSON and NumPy arrays, never pickle.

A model is only numbers and words (vocabularies, weights, labels), so it is written as data that
can be read without running anything it contains: ``meta.json`` (format, labels, settings),
``vocab-*.json`` and ``*.npy`` arrays loaded with ``allow_pickle=False``. Each entry's SHA-256 is
in the meta, so a damaged or altered file is refused with a reason rather than half-loaded.
"""

import hashlib
import io
import json
import zipfile
from typing import Any

import numpy as np
import numpy.typing as npt

from amends.core.errors import InvalidInput

MAGIC = "amends-triage-category-model"
# 2 added the max-pooled token vectors to the embedding block (a new setting, wider weights).
# Format 1 files are still read, and score as they always did, on the mean vector alone.
FORMAT_VERSION = 2
READABLE_FORMATS = (1, 2)
MAX_ENTRY_BYTES = 200 * 1024 * 1024  # a zip bomb is refused before it is inflated


def dumps(
    meta: dict[str, Any], vocabularies: dict[str, list[str]], arrays: dict[str, npt.NDArray[Any]]
) -> bytes:
    """The file's bytes for a model made of ``meta``, word lists and arrays."""
    entries: dict[str, bytes] = {}
    for name, words in vocabularies.items():
        entries[f"vocab-{name}.json"] = json.dumps(words, ensure_ascii=False).encode()
    for name, array in arrays.items():
        buffer = io.BytesIO()
        np.save(buffer, np.ascontiguousarray(array), allow_pickle=False)
        entries[f"{name}.npy"] = buffer.getvalue()
    header = {
        "magic": MAGIC,
        "format": FORMAT_VERSION,
        "meta": meta,
        "entries": {name: hashlib.sha256(data).hexdigest() for name, data in entries.items()},
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("meta.json", json.dumps(header, indent=1))
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


class ModelFileError(InvalidInput):
    """The file is not a category model this version of Amends can read."""


def _read(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        info = archive.getinfo(name)
    except KeyError as exc:
        raise ModelFileError(f"The model file has no {name}; it is incomplete.") from exc
    if info.file_size > MAX_ENTRY_BYTES:
        raise ModelFileError(f"{name} in the model file is too large to be a category model.")
    return archive.read(name)


def _header(archive: zipfile.ZipFile) -> dict[str, Any]:
    try:
        header: dict[str, Any] = json.loads(_read(archive, "meta.json"))
    except ValueError as exc:
        raise ModelFileError("The model file's meta.json is not valid JSON.") from exc
    if header.get("magic") != MAGIC:
        raise ModelFileError("This is not an Amends category model file.")
    if header.get("format") not in READABLE_FORMATS:
        readable = " or ".join(str(f) for f in READABLE_FORMATS)
        raise ModelFileError(
            f"The model file is format {header.get('format')!r}; this Amends reads format "
            f"{readable}. Train it again with this version."
        )
    return header


def loads(
    data: bytes,
) -> tuple[dict[str, Any], dict[str, list[str]], dict[str, npt.NDArray[Any]]]:
    """Read a model file's meta (with its ``format``), word lists and arrays.

    ``ModelFileError`` if it is not sound.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ModelFileError("This is not an Amends category model file (not a zip archive).") from exc
    with archive:
        header = _header(archive)
        vocabularies: dict[str, list[str]] = {}
        arrays: dict[str, npt.NDArray[Any]] = {}
        for name, digest in header["entries"].items():
            raw = _read(archive, name)
            if hashlib.sha256(raw).hexdigest() != digest:
                raise ModelFileError(f"{name} in the model file does not match its checksum.")
            if name.startswith("vocab-") and name.endswith(".json"):
                vocabularies[name[6:-5]] = json.loads(raw)
            elif name.endswith(".npy"):
                arrays[name[:-4]] = np.load(io.BytesIO(raw), allow_pickle=False)
    return {**header["meta"], "format": header["format"]}, vocabularies, arrays
