"""camel-parallel's Python worker: worker protocol v1 in the Python standard library.

A route runs a plain Python function, found by its module and name, with no script to write::

    from("direct:files").to("parallel:thumbnail?backend=process&python=thumbs:thumbnail&pythonPath=/opt/app")

The component ships this module in its jar, unpacks it into a private cache folder and starts workers as
``python3 -m camel_parallel_worker thumbs:thumbnail [--initializer module:function] [--max-message-size N]``.
Another program can still use it directly: ``serve(function)`` runs the same loop.

What a worker guarantees:

* stdout carries protocol lines only. Before anything else (even before the user's module is imported) the real
  stdout is kept for the protocol and file descriptor 1 is pointed at stderr, so ``print()``, C extensions and child
  processes write to stderr, which the parent logs. stdin is kept for the protocol too and file descriptor 0 becomes
  ``os.devnull``, so ``input()`` or a child process cannot steal the parent's lines.
* A module that does not import, a missing function, a function that cannot take one argument, an interpreter older
  than Python 3.8: the traceback and a last line naming the option to fix on stderr, exit 2, no hello.
* The first line is ``{"type":"hello","protocol":1,"pid":...,"runtime":"python X.Y.Z"}``, written after the optional
  ``initializer`` ran (if it raises: traceback on stderr, exit 3, no hello).
* Each ``run`` is answered with one ``result`` with the same ``id`` and one entry per item, in order. An item whose
  function call raises (or whose result is not JSON: a set, an object, a list nested too deeply...) gets ``null``
  and an entry in ``errors`` with its index in the run, the exception type name, the message and the traceback (cut
  to 4000 chars).
* Values: JSON's, plus NaN and infinities as bare tokens, ints of any size, and ``bytes`` (or ``bytearray``) as
  ``{"$bytes":"<base64>"}``, which also reads back as ``bytes`` in an item. A dict whose only key is ``"$bytes"``
  is reserved for that form: such a result fails its item.
* ``shutdown``: the runs before it are answered, then the process exits 0.
* End of stdin: the process exits 0 at once, even while the function runs (the parent closed the pipe or died),
  so no worker outlives its parent.
* An item nested too deeply for Python's ``json`` (about 1000 levels) fails alone with ``RecursionError``, and so does
  a result that cannot be encoded for the same reason; the worker keeps serving.
* A malformed line, a line over ``max_message_size`` bytes, or a frame a worker does not take: a message on stderr
  and exit 4. Any other failure while reading stdin: a message on stderr and exit 5; the worker never lives on
  without reading its stdin. Nothing but JSON crosses the pipe: no pickle.

The function runs on the main thread; a daemon thread reads stdin so that its end is seen at once.
Standard library only; Python 3.8 or later.
"""

import sys

MIN_PYTHON = (3, 8)
if sys.version_info < MIN_PYTHON:
    sys.stderr.write("camel-parallel worker: Python %d.%d or later is needed, this is %s (%s); set the option"
                     " pythonExecutable to a newer interpreter\n"
                     % (MIN_PYTHON + (sys.version.split()[0], sys.executable)))
    sys.exit(2)

import base64
import importlib
import inspect
import json
import os
import platform
import queue
import re
import threading
import traceback

PROTOCOL = 1
DEFAULT_MAX_MESSAGE_SIZE = 64 * 1024 * 1024
MAX_TRACE_CHARS = 4000
MAX_CUT = 200

EXIT_OK = 0
EXIT_BAD_SETUP = 2
EXIT_INITIALIZER_FAILED = 3
EXIT_PROTOCOL_ERROR = 4
EXIT_IO_ERROR = 5

__all__ = ["serve"]


def serve(function, *, initializer=None, max_message_size=DEFAULT_MAX_MESSAGE_SIZE):
    """Serves protocol v1 on stdin/stdout with ``function`` applied to each item. Never returns."""
    protocol_in, protocol_out = _take_over_standard_streams()
    _serve(protocol_in, protocol_out, function, initializer, max_message_size)


def main(argv=None):
    """``python -m camel_parallel_worker module:function [--initializer module:function] [--max-message-size N]``."""
    protocol_in, protocol_out = _take_over_standard_streams()  # first: an import that prints must not break stdout
    args = list(sys.argv[1:] if argv is None else argv)
    options = {"--initializer": None, "--max-message-size": str(DEFAULT_MAX_MESSAGE_SIZE)}
    names = []
    while args:
        arg = args.pop(0)
        if arg in options and args:
            options[arg] = args.pop(0)
        elif arg.startswith("-"):
            _bad_setup("unknown or incomplete argument %r" % arg)
        else:
            names.append(arg)
    if len(names) != 1:
        _bad_setup("usage: python -m camel_parallel_worker module:function [--initializer module:function]"
                   " [--max-message-size bytes]")
    function = _load("python", names[0], 1)
    initializer = _load("initializer", options["--initializer"], 0) if options["--initializer"] else None
    _serve(protocol_in, protocol_out, function, initializer, int(options["--max-message-size"]))


def _load(option, spec, arity):
    """The function named module:function (or module:Class.method), checked to take ``arity`` positional
    arguments; on any problem: the traceback and a line naming the option on stderr, exit 2."""
    module_name, _, attribute = spec.partition(":")
    if not module_name or not attribute:
        _bad_setup("%s=%s is not module:function (e.g. mymodule:myfunction)" % (option, spec))
    try:
        target = importlib.import_module(module_name)
    except BaseException as e:
        traceback.print_exc(file=sys.stderr)
        _bad_setup("%s=%s: cannot import module %r: %s: %s. Set the option pythonPath to the folder that holds it"
                   " (searched: %s) or pythonExecutable to the interpreter that has it"
                   % (option, spec, module_name, type(e).__name__, e, os.pathsep.join(sys.path)))
    for part in attribute.split("."):
        if not hasattr(target, part):
            _bad_setup("%s=%s: module %r (%s) has no %r. Check the name in the option %s"
                       % (option, spec, module_name, getattr(sys.modules.get(module_name), "__file__", "?"),
                          attribute, option))
        target = getattr(target, part)
    if not callable(target):
        _bad_setup("%s=%s is a %s, not a function" % (option, spec, type(target).__name__))
    try:
        signature = inspect.signature(target)
    except (TypeError, ValueError):
        return target  # a builtin without a signature: it is called as it is
    try:
        signature.bind(*([None] * arity))
    except TypeError:
        _bad_setup("%s=%s%s cannot be called with %s: the %s"
                   % (option, spec, signature, "one argument" if arity == 1 else "no arguments",
                      "function gets each item as its only argument" if arity == 1
                      else "initializer is called with no arguments, once per worker"))
    return target


def _bad_setup(message):
    _die(EXIT_BAD_SETUP, message)


def _serve(protocol_in, protocol_out, function, initializer, max_message_size):
    if initializer is not None:
        try:
            initializer()
        except BaseException:
            sys.stderr.write("camel-parallel worker: the initializer failed\n")
            traceback.print_exc(file=sys.stderr)
            sys.stderr.flush()
            os._exit(EXIT_INITIALIZER_FAILED)
    _write(protocol_out, {"type": "hello", "protocol": PROTOCOL, "pid": os.getpid(),
                          "runtime": "python " + platform.python_version()})

    frames = queue.Queue()
    reader = threading.Thread(target=_read_frames, args=(protocol_in, max_message_size, frames),
                              name="camel-parallel-worker-stdin", daemon=True)
    reader.start()
    while True:
        frame = frames.get()
        if frame["type"] == "shutdown":
            sys.stderr.flush()
            raise SystemExit(EXIT_OK)
        results, errors = _run_items(function, frame["items"])
        # the results are already JSON text, so the line is assembled, not re-encoded
        line = '{"type":"result","id":%d,"results":[%s]' % (frame["id"], results)
        if errors:
            line += ',"errors":' + json.dumps(errors, separators=(",", ":"))
        _write_line(protocol_out, line + "}")


def _take_over_standard_streams():
    """Keeps fds 0 and 1 for the protocol; everything else writes to stderr and reads nothing."""
    sys.stdout.flush()
    protocol_out = os.fdopen(os.dup(1), "wb")
    protocol_in = os.fdopen(os.dup(0), "rb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    sys.stdin = open(os.devnull, "r")
    return protocol_in, protocol_out


def _read_frames(protocol_in, max_message_size, frames):
    """The reader thread: stdin lines -> frames; exits the process on end of stdin or a protocol error."""
    shutdown_seen = False
    try:
        while True:
            line = _read_line(protocol_in, max_message_size)
            if line is None:
                os._exit(EXIT_OK)  # end of stdin: at once, even while the function runs
            frame = _decode(line)
            if shutdown_seen:
                raise _ProtocolError("a %s frame after shutdown" % frame["type"], line)
            if frame["type"] == "shutdown":
                shutdown_seen = True
            frames.put(frame)
    except _ProtocolError as e:
        _die(EXIT_PROTOCOL_ERROR, "protocol error from the parent: %s" % e)
    except OSError as e:
        _die(EXIT_IO_ERROR, "cannot read from the parent: %s" % e)
    except BaseException:
        # anything else on the input path (MemoryError, a bug): never a worker that lives on without reading stdin
        _die(EXIT_IO_ERROR, "the stdin reader failed:\n%s" % traceback.format_exc())


def _read_line(stream, limit):
    """One line without its terminator (\\n or \\r\\n), None at end of stream; buffers at most limit+1 bytes."""
    line = stream.readline(limit + 1)
    if not line:
        return None
    if line.endswith(b"\n"):
        line = line[:-1]
    elif len(line) > limit:
        if not (line.endswith(b"\r") and stream.peek(1)[:1] == b"\n"):
            raise _ProtocolError("line over %d bytes" % limit, line)
        stream.read(1)  # exactly limit bytes followed by \r\n
    # else: a last line without newline at end of stream is still a line
    if line.endswith(b"\r"):
        line = line[:-1]
    if len(line) > limit:
        raise _ProtocolError("line over %d bytes" % limit, line)
    return line


def _decode(line):
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as e:
        raise _ProtocolError("line is not valid UTF-8 (%s)" % e, line)
    try:
        frame = json.loads(text, object_hook=_bytes_hook) if _BYTES_KEY in text else json.loads(text)
    except RecursionError:
        return _decode_deep_run(text, line)
    except ValueError as e:
        raise _ProtocolError("not JSON (%s)" % e, line)
    if not isinstance(frame, dict):
        raise _ProtocolError("not a JSON object", line)
    kind = frame.get("type")
    if not isinstance(kind, str):
        raise _ProtocolError("no string \"type\" field", line)
    if kind == "run":
        run_id = frame.get("id")
        if not isinstance(run_id, int) or isinstance(run_id, bool):
            raise _ProtocolError("\"id\" is not an integer", line)
        if not isinstance(frame.get("items"), list):
            raise _ProtocolError("\"items\" is not an array", line)
    elif kind != "shutdown":
        raise _ProtocolError("a worker does not accept %r frames" % kind, line)
    return frame


_RUN_HEAD = re.compile(r'\{"type":"run","id":(\d+),"items":\[')


def _decode_deep_run(text, line):
    """A run line nested too deeply for json.loads as a whole (Python's recursion limit, about 1000 levels): its
    items are split without recursion and decoded one by one, so that only the items too deep fail (_Undecodable)."""
    head = _RUN_HEAD.match(text)
    if head is None or not text.endswith("]}"):
        raise _ProtocolError("nested too deeply for this worker's JSON decoder", line)
    items = []
    for part in _split_array(text, head.end(), len(text) - 2):
        try:
            items.append(json.loads(part, object_hook=_bytes_hook) if _BYTES_KEY in part else json.loads(part))
        except RecursionError as e:
            items.append(_Undecodable(e))
        except ValueError as e:
            raise _ProtocolError("not JSON (%s)" % e, line)
    return {"type": "run", "id": int(head.group(1)), "items": items}


def _split_array(text, start, end):
    """The top-level elements of the JSON array whose content is text[start:end], as text; iterative."""
    parts = []
    depth = 0
    in_string = False
    escaped = False
    begin = start
    for i in range(start, end):
        c = text[i]
        if in_string:
            if escaped:
                escaped = False
            elif c == "\\":
                escaped = True
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
        elif c in "[{":
            depth += 1
        elif c in "]}":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(text[begin:i])
            begin = i + 1
    if text[begin:end].strip():
        parts.append(text[begin:end])
    return parts


class _Undecodable(object):
    """An item of a run that this worker could not decode; it fails alone with the decoder's error."""

    def __init__(self, error):
        self.error = error


def _run_items(function, items):
    """The run's results as the JSON text inside its array, and its errors. The results are encoded in one call (the
    common case, and what keeps tiny items cheap); if that fails, or bytes are involved, each alone, so that only the
    result that cannot be converted fails."""
    values = []
    errors = []
    for index, item in enumerate(items):
        if isinstance(item, _Undecodable):
            values.append(None)
            errors.append(_error(index, item.error, "cannot decode the item: it nests too deeply for this worker's"
                                 " JSON decoder (%s)" % item.error))
            continue
        try:
            values.append(function(item))
        except Exception as e:
            values.append(None)
            errors.append(_error(index, e, str(e)))
    try:
        # NaN/Infinity as bare tokens, as the parent writes and reads them (docs/worker-protocol.md, Numbers)
        text = _ENCODER.encode(values)
        if _BYTES_KEY not in text:
            return text[1:-1], errors
    except Exception:  # TypeError, ValueError, RecursionError: found item by item below
        pass
    return ",".join(_encode_each(values, errors)), errors


def _encode_each(values, errors):
    failed = set(error["index"] for error in errors)
    results = []
    for index, value in enumerate(values):
        if index in failed:
            results.append("null")
            continue
        try:
            text = _ENCODER.encode(value)
            if _BYTES_KEY in text and _has_reserved_dict(value):
                raise ValueError('a dict whose only key is "$bytes" is reserved for bytes; use another key')
            results.append(text)
        except Exception as e:  # TypeError, ValueError, RecursionError (nested too deeply)
            results.append("null")
            errors.append(_error(index, e, "cannot convert the result (%s) to JSON: %s" % (type(value).__name__, e)))
    errors.sort(key=lambda error: error["index"])
    return results


_BYTES_KEY = '"$bytes"'


def _bytes_form(value):
    """json's ``default``: bytes and bytearray as {"$bytes": base64}; anything else is not JSON."""
    if isinstance(value, (bytes, bytearray)):
        return {"$bytes": base64.b64encode(value).decode("ascii")}
    raise TypeError("Object of type %s is not JSON serializable" % type(value).__name__)


_ENCODER = json.JSONEncoder(separators=(",", ":"), default=_bytes_form)


def _bytes_hook(obj):
    """json's ``object_hook``: {"$bytes": base64} in an item becomes bytes."""
    if len(obj) == 1 and isinstance(obj.get("$bytes"), str):
        return base64.b64decode(obj["$bytes"], validate=True)
    return obj


def _has_reserved_dict(value):
    """Whether the result holds a dict of its own that would read as bytes (iterative: results may nest deeply)."""
    todo = [value]
    while todo:
        v = todo.pop()
        if isinstance(v, dict):
            if len(v) == 1 and "$bytes" in v:
                return True
            todo.extend(v.values())
        elif isinstance(v, (list, tuple)):
            todo.extend(v)
    return False


def _error(index, exception, message):
    kind = type(exception)
    name = kind.__qualname__ if kind.__module__ == "builtins" else kind.__module__ + "." + kind.__qualname__
    trace = "".join(traceback.format_exception(kind, exception, exception.__traceback__))
    if len(trace) > MAX_TRACE_CHARS:
        tail = "\n... (%d chars, cut)" % len(trace)
        trace = trace[:MAX_TRACE_CHARS - len(tail)] + tail
    return {"index": index, "error": name, "message": message, "trace": trace}


def _write(protocol_out, frame):
    _write_line(protocol_out, json.dumps(frame, separators=(",", ":")))


def _write_line(protocol_out, line):
    try:
        protocol_out.write(line.encode("utf-8") + b"\n")
        protocol_out.flush()
    except OSError as e:
        _die(EXIT_IO_ERROR, "cannot write to the parent: %s" % e)


def _die(code, message):
    try:
        sys.stderr.write("camel-parallel worker: %s\n" % message)
        sys.stderr.flush()
    finally:
        os._exit(code)


class _ProtocolError(Exception):
    def __init__(self, problem, line):
        text = line.decode("utf-8", "replace")
        cut = text[:MAX_CUT] + ("... (%d chars)" % len(text) if len(text) > MAX_CUT else "")
        super().__init__("%s: %s" % (problem, cut))


if __name__ == "__main__":
    main()
