"""Issue #20: vbhc mapped over a real Dask cluster (separate worker processes on
loopback) gives the CLI's records, in order."""
import json

import pytest

dask_bag = pytest.importorskip("dask.bag")
distributed = pytest.importorskip("dask.distributed")

import vbhc.dask  # noqa: E402


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       host="127.0.0.1", dashboard_address=None)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def test_paths_on_worker_processes_equal_the_cli(client, texts, cli_records):
    bag = dask_bag.from_sequence(texts, npartitions=4)
    records = vbhc.dask.extract_paths(bag).compute()
    assert records == [json.loads(cli_records[p]) for p in texts]
    # Two separate worker processes did the work.
    assert len(client.scheduler_info()["workers"]) == 2


def test_json_lines_on_worker_processes(client, texts):
    lines, paths = [], []
    for p in texts:
        with open(p, "rb") as f:
            raw = f.read()
        try:  # JSON carries text: the legacy-encoded corpus files are left out
            lines.append(json.dumps({"id": p, "text": raw.decode("utf-8")}, ensure_ascii=False))
            paths.append(p)
        except UnicodeDecodeError:
            continue
        if len(lines) == 10:
            break
    records = vbhc.dask.extract_lines(dask_bag.from_sequence(lines, npartitions=3)).compute()
    assert [r["source"]["path"] for r in records] == paths
    assert records == [vbhc.extract(json.loads(l)["text"], json.loads(l)["id"]) for l in lines]
