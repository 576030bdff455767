"""The Python peers of the benchmarks (stdlib only; run by the harness, one run per mode, when python3 exists).

  python3 pool_cube.py map      N WARMUP REPS CHUNKSIZE  -> multiprocessing.Pool(2).map(cube, range(N), chunksize=CHUNKSIZE)
  python3 pool_cube.py executor N WARMUP REPS CHUNKSIZE  -> ProcessPoolExecutor(2).map(cube, range(N), chunksize=CHUNKSIZE)
  python3 pool_cube.py cold     REPS                     -> time from Pool(2) creation to the first result of map(cube, [1])
  python3 pool_cube.py cpu      ITEMS MILLIS WARMUP REPS -> ITEMS chained-SHA-256 items of about MILLIS ms each: a loop,
                                                            Pool(1), Pool(2), ProcessPoolExecutor(1) and (2), map() with
                                                            default chunks

Prints one JSON object: {"python": version, "start_method": ..., "seconds": [one figure per measured repetition]}
(cpu: "series": {name: [seconds, ...]}, "rounds", "item_ms"). The SHA-256 task is the Java one (Workloads.sha256Rounds):
32 bytes holding the item and the rounds, hashed ROUNDS times, the first 8 bytes as a signed long; Python needs
more time per round, so it gets its own rounds for the same time per item (calibrated here).
"""
import concurrent.futures
import hashlib
import json
import multiprocessing
import struct
import sys
import time

ROUNDS = 1000


def cube(x):
    return x * x * x


def sha256_rounds(item, rounds=None):
    rounds = ROUNDS if rounds is None else rounds
    buf = struct.pack(">ii", item, rounds) + bytes(24)
    for _ in range(rounds):
        buf = hashlib.sha256(buf).digest()
    return struct.unpack(">q", buf[:8])[0]


def set_rounds(rounds):
    global ROUNDS
    ROUNDS = rounds


def timed(run, check, warmup, reps):
    times = []
    for _ in range(warmup):
        check(run())
    for _ in range(reps):
        t0 = time.perf_counter()
        results = run()
        times.append(time.perf_counter() - t0)
        check(results)
    return times


def timed_map(n, warmup, reps, chunksize):
    def check(results):
        assert len(results) == n and results[-1] == (n - 1) ** 3
    with multiprocessing.Pool(2) as pool:
        return timed(lambda: pool.map(cube, range(n), chunksize=chunksize), check, warmup, reps)


def timed_executor(n, warmup, reps, chunksize):
    def check(results):
        assert len(results) == n and results[-1] == (n - 1) ** 3
    with concurrent.futures.ProcessPoolExecutor(2) as pool:
        return timed(lambda: list(pool.map(cube, range(n), chunksize=chunksize)), check, warmup, reps)


def timed_cold(reps):
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        with multiprocessing.Pool(2) as pool:
            assert pool.map(cube, [1]) == [1]
            times.append(time.perf_counter() - t0)
    return times


def calibrate(millis):
    probe = 2000
    for _ in range(3):
        sha256_rounds(1, probe)
    best = min(timed_once(probe) for _ in range(7))
    return max(1, round(millis / 1000 / (best / probe)))


def timed_once(rounds):
    t0 = time.perf_counter()
    sha256_rounds(1, rounds)
    return time.perf_counter() - t0


def timed_cpu(items, millis, warmup, reps):
    rounds = calibrate(millis)
    set_rounds(rounds)
    inputs = list(range(1, items + 1))
    expected = [sha256_rounds(inputs[0]), sha256_rounds(inputs[-1])]

    def check(results):
        assert len(results) == items and [results[0], results[-1]] == expected

    series = {"sequential loop": timed(lambda: [sha256_rounds(i) for i in inputs], check, warmup, reps)}
    for workers in (1, 2):
        with multiprocessing.Pool(workers, initializer=set_rounds, initargs=(rounds,)) as pool:
            series["multiprocessing.Pool(%d).map" % workers] = timed(
                lambda: pool.map(sha256_rounds, inputs), check, warmup, reps)
    for workers in (1, 2):
        with concurrent.futures.ProcessPoolExecutor(workers, initializer=set_rounds, initargs=(rounds,)) as pool:
            series["ProcessPoolExecutor(%d).map" % workers] = timed(
                lambda: list(pool.map(sha256_rounds, inputs)), check, warmup, reps)
    return {"series": series, "rounds": rounds, "item_ms": min(series["sequential loop"]) * 1000 / items}


if __name__ == "__main__":
    mode = sys.argv[1]
    out = {"python": sys.version.split()[0], "start_method": multiprocessing.get_start_method()}
    if mode == "map":
        out["seconds"] = timed_map(*(int(a) for a in sys.argv[2:6]))
    elif mode == "executor":
        out["seconds"] = timed_executor(*(int(a) for a in sys.argv[2:6]))
    elif mode == "cpu":
        out.update(timed_cpu(int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])))
    else:
        out["seconds"] = timed_cold(int(sys.argv[2]))
    print(json.dumps(out))
