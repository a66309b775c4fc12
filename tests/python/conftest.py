"""Shared fixtures: the vbhc binary the records are compared with, the dev texts."""
import glob
import os
import subprocess

import pytest

SOURCE = os.environ.get("VBHC_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))


@pytest.fixture(scope="session")
def vbhc_binary():
    path = os.environ.get("VBHC_BINARY", os.path.join(SOURCE, "build", "vbhc"))
    assert os.access(path, os.X_OK), f"no vbhc binary at {path} (set VBHC_BINARY)"
    return path


@pytest.fixture(scope="session")
def texts():
    """The dev set's texts (../shared/eval/dev), else the corpora's: real documents either way."""
    found = sorted(glob.glob(os.path.join(SOURCE, "..", "shared", "eval", "dev", "texts", "*.txt")))
    return found or sorted(glob.glob(os.path.join(SOURCE, "corpora", "*", "*.txt")))


@pytest.fixture(scope="session")
def cli_records(vbhc_binary, texts):
    """The CLI's record lines, by path, as `vbhc extract` writes them."""
    out = subprocess.run([vbhc_binary, "extract", "--jobs", "2", *texts], check=True,
                         capture_output=True).stdout.decode("utf-8")
    lines = out.splitlines()
    assert len(lines) == len(texts)
    return dict(zip(texts, lines))
