"""The Python side of PythonFunctionBenchmark: the functions parallel: runs with python=, and the same functions
through Python's own pools, timed here (stdlib only).

  python3 py_function.py pool    FUNCTION N WARMUP REPS CHUNKSIZE -> multiprocessing.Pool(2).map(f, range(N), chunksize)
  python3 py_function.py batches FUNCTION N WARMUP REPS            -> joblib-style: Pool(2) over batches of items whose
                                                                      size doubles until a batch takes >= 200 ms

Prints {"python": version, "seconds": [one figure per measured repetition]}.
"""
import json
import multiprocessing
import platform
import sys
import time


def tiny(x):
    return x * x * x


def work5ms(x):
    """About 5 ms of pure-Python CPU work."""
    end = time.perf_counter() + 0.005
    n = 0
    while time.perf_counter() < end:
        n += 1
    return x


def _apply_batch(args):
    name, items = args
    f = globals()[name]
    return [f(x) for x in items]


def _batches(pool, name, n):
    """joblib's auto batching in short: start with batches of 1 and double while a batch runs under 200 ms."""
    items = list(range(n))
    size, i, out = 1, 0, []
    while i < n:
        chunk = [items[i + k * size:i + (k + 1) * size] for k in range(2)]
        chunk = [c for c in chunk if c]
        start = time.perf_counter()
        for part in pool.map(_apply_batch, [(name, c) for c in chunk]):
            out.extend(part)
        if time.perf_counter() - start < 0.2:
            size *= 2
        i += sum(len(c) for c in chunk)
    return out


def main():
    mode, name, n, warmup, reps = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    f = globals()[name]
    seconds = []
    with multiprocessing.Pool(2) as pool:
        for rep in range(warmup + reps):
            start = time.perf_counter()
            if mode == "pool":
                result = pool.map(f, range(n), chunksize=int(sys.argv[6]))
            else:
                result = _batches(pool, name, n)
            elapsed = time.perf_counter() - start
            assert len(result) == n
            if rep >= warmup:
                seconds.append(elapsed)
    print(json.dumps({"python": platform.python_version(), "seconds": seconds}))


if __name__ == "__main__":
    main()
