"""The Python peer of the process benchmarks (run by ProcessBenchmark, one run per mode).

  python3 pool_cube.py map  N WARMUP REPS CHUNKSIZE  -> multiprocessing.Pool(2).map(cube, range(N), chunksize=CHUNKSIZE)
  python3 pool_cube.py cold REPS                      -> time from Pool(2) creation to the first result of map(cube, [1])

Prints one JSON object: {"python": version, "start_method": ..., "seconds": [one figure per measured repetition]}.
"""
import json
import multiprocessing
import sys
import time


def cube(x):
    return x * x * x


def timed_map(n, warmup, reps, chunksize):
    times = []
    with multiprocessing.Pool(2) as pool:
        for _ in range(warmup):
            pool.map(cube, range(n), chunksize=chunksize)
        for _ in range(reps):
            t0 = time.perf_counter()
            results = pool.map(cube, range(n), chunksize=chunksize)
            times.append(time.perf_counter() - t0)
            assert len(results) == n and results[-1] == (n - 1) ** 3
    return times


def timed_cold(reps):
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        with multiprocessing.Pool(2) as pool:
            assert pool.map(cube, [1]) == [1]
            times.append(time.perf_counter() - t0)
    return times


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "map":
        n, warmup, reps, chunksize = (int(a) for a in sys.argv[2:6])
        seconds = timed_map(n, warmup, reps, chunksize)
    else:
        seconds = timed_cold(int(sys.argv[2]))
    print(json.dumps({"python": sys.version.split()[0], "start_method": multiprocessing.get_start_method(),
                      "seconds": seconds}))
