"""A camel-parallel worker in Python: cubes each item.

    parallel:cube?backend=process&command=python3 examples/python-worker/cube_worker.py

Try it by hand (one JSON object per line):

    $ (printf '{"type":"run","id":1,"items":[1,2,3,"x"]}\\n'; sleep 1) | python3 cube_worker.py

The `sleep` keeps stdin open: at the end of its stdin a worker exits at once, answered or not.
"""

from camel_parallel_worker import serve


def cube(n):
    return n ** 3


if __name__ == "__main__":
    serve(cube)
