"""Python's pools under the camel-parallel fault scenarios (kill -9 of a worker mid-batch; parent killed -9)."""
import concurrent.futures as cf, multiprocessing as mp, os, signal, subprocess, sys, time

def slow(x):
    time.sleep(0.05)
    return x * x

def hang(x):
    time.sleep(3600)

def pool_worker_killed():
    with mp.Pool(2) as pool:
        r = pool.map_async(slow, range(200))
        time.sleep(0.5)
        os.kill(pool._pool[0].pid, signal.SIGKILL)
        try:
            r.get(timeout=20)
            return "map() completed"
        except mp.TimeoutError:
            return "map() still waiting after 20 s (hung)"
        finally:
            pool.terminate()

def ppe_worker_killed():
    ex = cf.ProcessPoolExecutor(2)
    futures = [ex.submit(slow, i) for i in range(200)]
    time.sleep(0.5)
    os.kill(next(iter(ex._processes)), signal.SIGKILL)
    done = failed = 0
    for f in futures:
        try:
            f.result(timeout=20); done += 1
        except Exception:
            failed += 1
    try:
        ex.submit(slow, 1).result(timeout=5); after = "next submit works"
    except Exception as e:
        after = "next submit fails: " + type(e).__name__
    ex.shutdown(wait=False, cancel_futures=True)
    return f"{done} results, {failed} failed (BrokenProcessPool); {after}"

CHILD = r'''
import concurrent.futures as cf, multiprocessing as mp, sys, time, os
sys.path.insert(0, %r)
from pycmp import hang
if __name__ == "__main__":
    if sys.argv[1] == "pool":
        pool = mp.Pool(2); pool.map_async(hang, range(4)); time.sleep(1.0)
        print("PIDS", ",".join(str(p.pid) for p in pool._pool), flush=True)
    else:
        ex = cf.ProcessPoolExecutor(2); [ex.submit(hang, i) for i in range(4)]; time.sleep(1.0)
        print("PIDS", ",".join(str(p) for p in ex._processes), flush=True)
    time.sleep(3600)
''' % os.path.dirname(os.path.abspath(__file__))

def running(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            s = f.read()
        return s[s.rindex(")") + 2] != "Z"
    except OSError:
        return False

def parent_killed(kind):
    p = subprocess.Popen([sys.executable, "-c", CHILD, kind], stdout=subprocess.PIPE, text=True)
    line = p.stdout.readline()
    pids = [int(x) for x in line.split()[1].split(",")]
    p.kill(); p.wait()
    t0 = time.time()
    while any(running(pid) for pid in pids) and time.time() - t0 < 10:
        time.sleep(0.01)
    left = [pid for pid in pids if running(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    return f"{len(left)} of {len(pids)} workers still running 10 s after the parent's kill -9" if left \
        else f"workers gone {int((time.time() - t0) * 1000)} ms after the parent's kill -9"

if __name__ == "__main__":
    print("python", sys.version.split()[0])
    print("Pool, worker killed -9 mid-map:", pool_worker_killed())
    print("ProcessPoolExecutor, worker killed -9 mid-batch:", ppe_worker_killed())
    print("Pool, parent killed -9 mid-batch:", parent_killed("pool"))
    print("ProcessPoolExecutor, parent killed -9 mid-batch:", parent_killed("ppe"))
