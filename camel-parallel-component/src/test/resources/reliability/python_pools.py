"""What Python's own pools do under the faults camel-parallel's reliability suite tests (docs/reliability.md).

Standard library only (joblib is tried and reported as "not installed" when absent). Run without arguments: the
driver runs every scenario in its own child interpreter with a hard timeout (so a pool that hangs is killed, never
the caller), and prints one JSON object per line: {"library", "scenario", "outcome", "seconds", "details"}.
Run with "<library> <scenario>" to run one scenario in this process (what the driver does).
"""
import json
import os
import signal
import subprocess
import sys
import threading
import time

HANG_SECONDS = 8  # a scenario still running after this is reported as a hang and killed


def square(x):
    return x * x


def die_on_three(x):
    if x == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    time.sleep(0.05)
    return x * x


def raise_on_three(x):
    if x == 3:
        raise ValueError("bad item 3")
    time.sleep(0.05)
    return x * x


def hang_on_zero(x):
    if x == 0:
        time.sleep(3600)
    return x * x


def bad_initializer():
    raise RuntimeError("the model file is missing")


def alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except OSError:
        return False


# --- multiprocessing.Pool -------------------------------------------------------------------------------------------

def pool_killed_worker():
    import multiprocessing
    with multiprocessing.Pool(2) as pool:
        return {"outcome": "returned", "details": str(pool.map(die_on_three, range(8)))}


def pool_task_raises():
    import multiprocessing
    with multiprocessing.Pool(2) as pool:
        try:
            pool.map(raise_on_three, range(8))
            return {"outcome": "returned"}
        except ValueError as e:
            return {"outcome": "map raised " + type(e).__name__ + ": " + str(e),
                    "details": "the results of the 7 good items are not returned"}


def pool_hung_task():
    import multiprocessing
    with multiprocessing.Pool(1) as pool:
        pids = pool.map(_pid, [None])
        pending = pool.map_async(hang_on_zero, [0, 1, 2])
        try:
            pending.get(timeout=1)
            return {"outcome": "returned"}
        except multiprocessing.TimeoutError:
            pass
        time.sleep(1)
        nxt = pool.map_async(square, [5])
        try:
            nxt.get(timeout=2)
            served = "the next task ran"
        except multiprocessing.TimeoutError:
            served = "the next task waits behind the hung one"
        return {"outcome": "TimeoutError to the caller; hung worker alive: %s; %s" % (alive(pids[0]), served)}


def _pid(_):
    return os.getpid()


def pool_bad_initializer():
    import multiprocessing
    with multiprocessing.Pool(2, initializer=bad_initializer) as pool:
        return {"outcome": "returned", "details": str(pool.map(square, range(4)))}


# --- concurrent.futures.ProcessPoolExecutor -------------------------------------------------------------------------

def ppe_killed_worker():
    from concurrent.futures import ProcessPoolExecutor
    ex = ProcessPoolExecutor(2)
    futures = [ex.submit(die_on_three, i) for i in range(8)]
    outcomes = []
    for f in futures:
        try:
            f.result(timeout=HANG_SECONDS)
            outcomes.append("ok")
        except Exception as e:
            outcomes.append(type(e).__name__)
    try:
        ex.submit(square, 2).result(timeout=2)
        after = "the pool serves again"
    except Exception as e:
        after = "next submit: " + type(e).__name__
    ex.shutdown(wait=False)
    failed = sum(1 for o in outcomes if o != "ok")
    return {"outcome": "%d of 8 futures failed (%s); %s" % (failed, sorted(set(o for o in outcomes if o != "ok")), after),
            "details": str(outcomes)}


def ppe_task_raises():
    from concurrent.futures import ProcessPoolExecutor
    with ProcessPoolExecutor(2) as ex:
        got = []
        try:
            for r in ex.map(raise_on_three, range(8)):
                got.append(r)
            return {"outcome": "returned"}
        except ValueError as e:
            return {"outcome": "map iterator raised %s after %d results" % (type(e).__name__, len(got)),
                    "details": "items after the failing one are not returned by map (submit() keeps them per future)"}


def ppe_hung_task():
    from concurrent.futures import ProcessPoolExecutor, TimeoutError
    ex = ProcessPoolExecutor(1)
    pid = ex.submit(os.getpid).result()
    f = ex.submit(hang_on_zero, 0)
    try:
        f.result(timeout=1)
        return {"outcome": "returned"}
    except TimeoutError:
        pass
    cancelled = f.cancel()
    nxt = ex.submit(square, 5)
    try:
        nxt.result(timeout=2)
        served = "the next task ran"
    except TimeoutError:
        served = "the next task waits behind the hung one"
    still = alive(pid)
    ex.shutdown(wait=False, cancel_futures=True)
    return {"outcome": "TimeoutError to the caller; cancel() -> %s; hung worker alive: %s; %s" % (cancelled, still, served)}


def ppe_bad_initializer():
    from concurrent.futures import ProcessPoolExecutor
    ex = ProcessPoolExecutor(2, initializer=bad_initializer)
    try:
        ex.submit(square, 2).result(timeout=HANG_SECONDS)
        return {"outcome": "returned"}
    except Exception as e:
        return {"outcome": "submit's future raised " + type(e).__name__, "details": str(e)}
    finally:
        ex.shutdown(wait=False)


# --- joblib (if installed) ------------------------------------------------------------------------------------------

def joblib_run(fn, **kw):
    from joblib import Parallel, delayed
    return Parallel(n_jobs=2, **kw)(delayed(fn)(i) for i in range(8))


def joblib_killed_worker():
    try:
        joblib_run(die_on_three)
        return {"outcome": "returned"}
    except Exception as e:
        return {"outcome": "raised " + type(e).__name__, "details": str(e)[:200]}


def joblib_task_raises():
    try:
        joblib_run(raise_on_three)
        return {"outcome": "returned"}
    except Exception as e:
        return {"outcome": "raised " + type(e).__name__ + "; the other results are not returned"}


def joblib_hung_task():
    try:
        joblib_run(hang_on_zero, timeout=1)
        return {"outcome": "returned"}
    except Exception as e:
        return {"outcome": "raised " + type(e).__name__ + " (joblib's loky backend kills the workers)"}


def joblib_bad_initializer():
    return {"outcome": "n/a", "details": "joblib.Parallel has no initializer argument"}


SCENARIOS = {
    "multiprocessing.Pool": {"killed worker": pool_killed_worker, "task raises": pool_task_raises,
                             "hung task with timeout": pool_hung_task, "initializer fails": pool_bad_initializer},
    "ProcessPoolExecutor": {"killed worker": ppe_killed_worker, "task raises": ppe_task_raises,
                            "hung task with timeout": ppe_hung_task, "initializer fails": ppe_bad_initializer},
    "joblib": {"killed worker": joblib_killed_worker, "task raises": joblib_task_raises,
               "hung task with timeout": joblib_hung_task, "initializer fails": joblib_bad_initializer},
}


def run_one(library, scenario):
    result = SCENARIOS[library][scenario]()
    print(json.dumps(result), flush=True)


def drive():
    try:
        import joblib  # noqa: F401
        have_joblib = True
    except ImportError:
        have_joblib = False
    for library, scenarios in SCENARIOS.items():
        for scenario in scenarios:
            row = {"library": library, "scenario": scenario, "python": sys.version.split()[0]}
            if library == "joblib" and not have_joblib:
                row.update(outcome="not installed", seconds=0)
                print(json.dumps(row), flush=True)
                continue
            start = time.monotonic()
            child = subprocess.Popen([sys.executable, os.path.abspath(__file__), library, scenario],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                     start_new_session=True)
            lines = []
            reader = threading.Thread(target=lambda: lines.extend(child.stdout), daemon=True)
            reader.start()
            try:
                child.wait(timeout=HANG_SECONDS)
                reader.join(timeout=2)
                exited = True
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)  # the interpreter and every pool worker it started
                child.wait()
                exited = False
            results = [json.loads(line) for line in list(lines) if line.startswith("{")]
            if results:
                row.update(results[-1])
                if not exited:
                    row["outcome"] += "; then the interpreter could not exit within %d s (killed by the driver)" \
                        % HANG_SECONDS
            elif exited:
                row["outcome"] = "exited %d without a result" % child.returncode
            else:
                row["outcome"] = "hang: no answer after %d s (killed by the driver)" % HANG_SECONDS
            row["seconds"] = round(time.monotonic() - start, 2)
            print(json.dumps(row), flush=True)


if __name__ == "__main__":
    if len(sys.argv) == 3:
        run_one(sys.argv[1], sys.argv[2])
    else:
        drive()
