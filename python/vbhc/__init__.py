"""vbhc: Vietnamese administrative texts (văn bản hành chính) read exactly and fast.

    import vbhc
    record = vbhc.extract("Quyết định số 12/QĐ-UBND ngày 1/2/2025")
    record["dates"][0]["value"]                    # '2025-02-01'
    for record in vbhc.extract_files(paths, jobs=2):   # in the order of paths
        ...
    vbhc.normalize("Uỷ ban")                       # 'Ủy ban'
    vbhc.fold("Quyết định")                        # 'quyet dinh'

A record is the plan record of `vbhc extract` (../shared/SPEC.md), equal to the
CLI's. The rules are the ones built into the module, loaded once per process;
extraction runs with the GIL released. A file that cannot be read raises
vbhc.InputError with the CLI's message. vbhc.dask maps it over a Dask cluster.
"""
import json

from . import _vbhc

__all__ = ["extract", "extract_files", "normalize", "fold", "InputError"]


class InputError(Exception):
    """A document that vbhc cannot read (missing, unreadable, binary, too large)."""


def extract(text, path=None):
    """Returns the plan record (a dict) of one document given as str or bytes.

    `path` is reported as source.path; None reports "-" (standard input)."""
    return json.loads(_vbhc.extract_line(text, "-" if path is None else str(path)))


def extract_files(paths, jobs=0, errors="raise", max_bytes=256 << 20, chunk=256):
    """Yields the record of each file of `paths`, in order, read on `jobs`
    threads (0: all cores).

    errors: "raise" (vbhc.InputError at the file that fails), "skip" (no
    record for it) or "return" (yield the InputError in its place)."""
    if errors not in ("raise", "skip", "return"):
        raise ValueError("errors must be 'raise', 'skip' or 'return'")
    batch = []

    def flush():
        for line, error in _vbhc.extract_batch(batch, jobs, max_bytes):
            if not error:
                yield json.loads(line)
            elif errors == "raise":
                raise InputError(error)
            elif errors == "return":
                yield InputError(error)
        batch.clear()

    for path in paths:
        batch.append(str(path))
        if len(batch) >= chunk:
            yield from flush()
    if batch:
        yield from flush()


def normalize(text):
    """Returns the normalized text that vbhc's rules match (`vbhc normalize`)."""
    return _vbhc.normalize(text)


def fold(text):
    """Returns the accentless, lower-case view of the text (`vbhc normalize --fold`)."""
    return _vbhc.fold(text)
