"""Issue #20: the Python module gives the CLI's records, its errors, and its normal forms."""
import json
import subprocess
import threading

import pytest

import vbhc


def test_extract_equals_the_cli_on_every_document(texts, cli_records):
    for path in texts:
        with open(path, "rb") as f:
            record = vbhc.extract(f.read(), path)
        assert record == json.loads(cli_records[path]), path


def test_extract_files_equals_the_cli_in_order(texts, cli_records):
    for jobs in (1, 2):
        records = list(vbhc.extract_files(texts, jobs=jobs, chunk=7))
        assert [r["source"]["path"] for r in records] == texts
        assert records == [json.loads(cli_records[p]) for p in texts]


def test_str_and_bytes_give_the_same_record():
    text = "Giao Sở Nội vụ chủ trì, hoàn thành trước ngày 30/6/2026."
    assert vbhc.extract(text) == vbhc.extract(text.encode("utf-8"))
    record = vbhc.extract(text, path="memo.txt")
    assert record["source"]["path"] == "memo.txt"
    assert record["tasks"][0]["lead"] == "Sở Nội vụ"
    assert record["deadlines"][0]["value"] == "2026-06-30"


def test_errors_are_exceptions_with_the_cli_message(tmp_path):
    pdf = tmp_path / "a.pdf.txt"
    pdf.write_bytes(b"%PDF-1.7 binary")
    with pytest.raises(vbhc.InputError, match="no such file|No such file"):
        list(vbhc.extract_files([str(tmp_path / "missing.txt")]))
    with pytest.raises(vbhc.InputError, match="a PDF file, not text"):
        list(vbhc.extract_files([str(pdf)]))
    good = tmp_path / "ok.txt"
    good.write_text("Sở Tư pháp chủ trì rà soát.", encoding="utf-8")
    assert [r["source"]["path"] for r in vbhc.extract_files([str(pdf), str(good)], errors="skip")] == [str(good)]
    returned = list(vbhc.extract_files([str(pdf), str(good)], errors="return"))
    assert isinstance(returned[0], vbhc.InputError) and returned[1]["tasks"][0]["lead"] == "Sở Tư pháp"
    with pytest.raises(TypeError):
        vbhc.extract(12)
    with pytest.raises(ValueError):
        list(vbhc.extract_files([], errors="ignore"))


def test_normalize_and_fold_equal_the_cli(vbhc_binary):
    text = "Uỷ ban nhân dân — Quyết định\u00a0số 12/QĐ-UBND, hoà thuận\n"
    cli = subprocess.run([vbhc_binary, "normalize"], input=text.encode(), capture_output=True, check=True)
    folded = subprocess.run([vbhc_binary, "normalize", "--fold"], input=text.encode(), capture_output=True, check=True)
    assert vbhc.normalize(text) == cli.stdout.decode()
    assert vbhc.fold(text) == folded.stdout.decode()
    assert vbhc.normalize("Uỷ ban") == "Ủy ban" and vbhc.fold("Quyết định") == "quyet dinh"


def test_threads_share_the_module(texts, cli_records):
    """Python threads call the module at once (the GIL is released in C++);
    each gets its own documents' records."""
    results, errors = {}, []

    def work(paths):
        try:
            for p in paths:
                with open(p, "rb") as f:
                    results[p] = vbhc.extract(f.read(), p)
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(texts[i::3],)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert all(results[p] == json.loads(cli_records[p]) for p in texts)
