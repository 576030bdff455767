"""A camel-parallel worker in Python: describes each item, a list of numbers, with the statistics module.

    parallel:describe?backend=process&command=python3 examples/python-worker/stats_worker.py

`describe` is a plain Python function; `serve` (the reference worker module beside this file) runs it over the items
that the pool sends, one JSON line at a time. Try it by hand:

    $ (printf '{"type":"run","id":1,"items":[[1,2,3,4],[5]]}\\n'; sleep 1) | python3 stats_worker.py
"""

import os
import statistics

from camel_parallel_worker import serve


def describe(values):
    """Summary statistics of one list of numbers, and the pid of the worker that computed them."""
    return {
        "count": len(values),
        "mean": statistics.fmean(values),
        "median": statistics.median(values),
        "stdev": statistics.pstdev(values),
        "pid": os.getpid(),
    }


if __name__ == "__main__":
    serve(describe)
