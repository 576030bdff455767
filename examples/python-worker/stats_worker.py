"""A plain Python function for camel-parallel: describes each item, a list of numbers, with the statistics module.

    parallel:describe?backend=process&python=stats_worker:describe&pythonPath=examples/python-worker
"""

import os
import statistics


def describe(values):
    """Summary statistics of one list of numbers, and the pid of the worker that computed them."""
    return {
        "count": len(values),
        "mean": statistics.fmean(values),
        "median": statistics.median(values),
        "stdev": statistics.pstdev(values),
        "pid": os.getpid(),
    }

