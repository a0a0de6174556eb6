"""ptyrun — drive tinsh through a pseudo-terminal, as a person would.

    s = Session(env={...})     starts $TINSH in a pty (80x24)
    s.send("text")             types text ("\t" Tab, "\x03" Ctrl-C, "\x04" Ctrl-D)
    s.expect("regex", t=5)     waits until the screen output matches; returns it
    s.close()                  Ctrl-D, waits for exit, returns status
"""
import os, pty, re, select, signal, struct, fcntl, termios, time

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[=>]|\r")


class Session:
    def __init__(self, args=(), env=None):
        e = dict(os.environ)
        e.update(env or {})
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execve(os.environ["TINSH"], [os.environ["TINSH"], *args], e)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.raw = b""
        self.pos = 0

    def _read(self, timeout):
        r, _, _ = select.select([self.fd], [], [], timeout)
        if not r:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:
            return False
        self.raw += data
        return bool(data)

    def text(self, start=0):
        return ANSI.sub("", self.raw[start:].decode("utf-8", "replace"))

    def send(self, s):
        os.write(self.fd, s.encode())

    def expect(self, pattern, t=15.0):
        """Wait for pattern in the output since the last expect."""
        deadline = time.time() + t
        rx = re.compile(pattern, re.S)
        while True:
            out = self.text(self.pos)
            m = rx.search(out)
            if m:
                # advance past the match (in raw bytes: approximate by re-reading)
                self.pos = len(self.raw)
                return out
            if time.time() > deadline:
                raise AssertionError("timeout waiting for %r; got:\n%s" % (pattern, out))
            self._read(0.1)

    def close(self):
        """Wait for the prompt, cancel any typed text, then Ctrl-D."""
        deadline = time.time() + 5
        while not self.text().rstrip(" ").endswith(">") and time.time() < deadline:
            self._read(0.1)
        self.send("\x03")
        time.sleep(0.1)
        self.send("\x04")
        deadline = time.time() + 5
        while time.time() < deadline:
            self._read(0.1)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        raise AssertionError("tinsh did not exit on Ctrl-D")


class Checks:
    def __init__(self):
        self.passed = self.failed = 0

    def run(self, name, fn):
        try:
            fn()
            self.passed += 1
        except Exception as e:  # report and go on
            self.failed += 1
            print("FAIL %s: %s" % (name, e))

    def done(self):
        print("%d passed, %d failed" % (self.passed, self.failed))
        return 1 if self.failed else 0
