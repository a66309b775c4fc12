"""vbhc over a Dask cluster: the Python module mapped over a bag of paths or
of JSON Lines {"id": ..., "text": ...}, one partition per task, records in order.

    from dask.distributed import Client
    import dask.bag as db
    import vbhc.dask

    client = Client("tcp://scheduler:8786")          # any cluster; LocalCluster() on one machine
    paths = db.from_sequence(sorted_paths, npartitions=16)
    records = vbhc.dask.extract_paths(paths).compute()   # list of records, in order

Each worker process imports vbhc once (its rules load once) and extracts a
whole partition per task with its threads: no process per document.
"""
import json

import vbhc


def _paths_partition(paths, jobs):
    return list(vbhc.extract_files(list(paths), jobs=jobs, errors="return"))


def _lines_partition(lines):
    out = []
    for n, line in enumerate(lines, 1):
        obj = json.loads(line) if isinstance(line, str) else line
        ident = obj.get("id")
        # As vbhc extract --stream names them: the id as a string, else the line.
        path = ident if isinstance(ident, str) else f"line:{n}" if ident is None else json.dumps(ident)
        out.append(vbhc.extract(obj["text"], path))
    return out


def extract_paths(bag, jobs=1):
    """Returns a bag of records (vbhc.InputError in place of a file that fails)
    for a bag of file paths the workers can read."""
    return bag.map_partitions(_paths_partition, jobs)


def extract_lines(bag):
    """Returns a bag of records for a bag of JSON Lines {"id", "text"} (or dicts)."""
    return bag.map_partitions(_lines_partition)
