"""Test plan: the REPL in a real pseudo-terminal.

multi-line chunks (>> prompt), =expr, completion of globals, fields,
methods through __index metatables and file names inside strings,
Ctrl-C interrupting a running loop (and the REPL surviving it), Ctrl-C
cancelling a half-typed line, the history file (only lines that
compiled), dot-commands (.help, unique prefixes, usage errors, unknown
commands, .timer, .read, .quit), pretty tables aligned by display width,
colour only without NO_COLOR, and Ctrl-D exiting with status 0.
"""
import os, sys, tempfile, time

sys.path.insert(0, os.path.dirname(__file__))
from ptyrun import Session, Checks

tmp = tempfile.mkdtemp()
hist = os.path.join(tmp, "history")
ENV = {"TINSH_HISTORY": hist, "NO_COLOR": "1", "TERM": "xterm"}
c = Checks()


def fresh(**env):
    e = dict(ENV)
    e.update(env)
    s = Session(env=e)
    s.expect(r"> $")
    return s


def multiline():
    s = fresh()
    s.send("for i = 1, 3 do\r")
    s.expect(r">> $")
    s.send("print(i * 10)\r")
    s.expect(r">> $")
    s.send("end\r")
    out = s.expect(r"30\r?\n> $")
    assert "10" in out and "20" in out
    s.send("=6*7\r")
    s.expect(r"42")
    assert s.close() == 0


def complete_globals_and_fields():
    s = fresh()
    s.send("string.for\t")
    s.expect(r"string\.format")
    s.send("\x03")  # cancel the line
    s.expect(r"> $")
    s.send("obj = setmetatable({}, {__index = {search = function() return 'found' end, size = 3}})\r")
    s.expect(r"> $")
    s.send("obj:sea\t")
    s.expect(r"obj:search")
    s.send("()\r")
    s.expect(r"found")
    s.send("coll\t")
    s.expect(r"collectgarbage")
    s.close()


def complete_file_names():
    open(os.path.join(tmp, "report-2024.csv"), "w").close()
    s = fresh()
    s.send('x = "%s/report-2' % tmp)
    s.send("\t")
    s.expect(r"report-2024\.csv")
    s.close()


def ctrl_c_interrupts_loop():
    s = fresh()
    s.send("n = 0 while true do n = n + 1 end\r")
    time.sleep(0.5)
    s.send("\x03")
    s.expect(r"interrupted!.*> $")
    s.send("print(n > 0 and 'alive')\r")
    s.expect(r"alive")
    assert s.close() == 0


def ctrl_c_cancels_line():
    s = fresh()
    s.send("print('never")
    time.sleep(0.2)
    s.send("\x03")
    s.expect(r"\^C.*> $")
    s.send("print('next')\r")
    out = s.expect(r"next\r?\n> $")
    assert "never" not in out.split("print('next')")[-1]
    s.close()


def history_file():
    if os.path.exists(hist):
        os.remove(hist)
    s = fresh()
    s.send("answer = 42\r")
    s.expect(r"> $")
    s.send("x = = 2\r")
    s.expect(r"unexpected symbol near '='.*> $")
    s.close()
    lines = open(hist).read().splitlines()
    assert "answer = 42" in lines, lines
    assert "x = = 2" not in lines, lines
    s = fresh()  # history is read back: Up arrow recalls the last line
    s.send("\x1b[A")
    s.expect(r"answer = 42")
    s.send("\r")
    s.close()


def dot_commands():
    s = fresh()
    s.send(".help\r")
    s.expect(r"\.timer on\|off.*> $")
    s.send(".ti on\r")  # unique prefix
    s.expect(r"> $")
    s.send("1 + 1\r")
    s.expect(r"2\r?\nRun Time: real [0-9.]+ s")
    s.send(".timer maybe\r")
    s.expect(r"usage: \.timer on\|off")
    s.send(".zzz\r")
    s.expect(r'unknown command "\.zzz"')
    s.send(".t\r")  # .timer only: unique
    s.expect(r"usage: \.timer on\|off")
    f = os.path.join(tmp, "chunk.lua")
    with open(f, "w") as fh:
        fh.write("read_ok = true\nreturn 'read', 7\n")
    s.send(".read %s\r" % f)
    s.expect(r"read\s+7")
    s.send(".quit\r")
    deadline = time.time() + 5
    while time.time() < deadline:
        pid, status = os.waitpid(s.pid, os.WNOHANG)
        if pid:
            assert os.waitstatus_to_exitcode(status) == 0
            return
        s._read(0.1)
    raise AssertionError(".quit did not exit")


def pretty_tables():
    s = fresh()
    s.send("{a = 1, b = {c = 'x'}}\r")
    s.expect(r"a += 1,.*b += \{.*c = \"x\"")
    s.send("{{name = 'Lê Văn Ánh', n = 1}, {name = 'Bob', n = 22}}\r")
    out = s.expect(r"\(2 rows\)")
    rows = [l for l in out.splitlines()
            if ("Bob" in l or "Ánh" in l) and "name =" not in l]
    assert len(rows) == 2, out
    import unicodedata
    def width(t):  # display columns: combining marks take none
        return sum(0 if unicodedata.combining(ch) else 1
                   for ch in unicodedata.normalize("NFD", t))
    # the name column starts at the same display column in both rows
    starts = [width(r[:r.index(n)]) for r, n in zip(rows, ("Lê", "Bob"))]
    assert starts[0] == starts[1], (starts, rows)
    # and the rule under the header is as wide as the widest name (10)
    assert "──────────" in out
    s.send("t = {} t.self = t\r")
    s.expect(r"> $")
    s.send("t\r")
    s.expect(r"self = <cycle>")
    s.close()


def colour():
    s = fresh(NO_COLOR="")
    s.send("error('red')\r")
    s.expect(r"stdin:1: red.*> $")
    assert "\x1b[31m" in s.raw.decode("utf-8", "replace")
    s.close()
    s = fresh()
    s.send("error('plain')\r")
    s.expect(r"stdin:1: plain.*> $")
    assert "\x1b[31m" not in s.raw.decode("utf-8", "replace")
    s.close()


for name, fn in list(globals().items()):
    if callable(fn) and fn.__module__ == "__main__" and name not in ("fresh",) \
            and not isinstance(fn, type) and name[0] != "_":
        c.run(name, fn)
sys.exit(c.done())
