#!/usr/bin/env python3
"""report_check.py - loads a page in headless Chromium and evaluates
JavaScript expressions in it, through the DevTools protocol over
--remote-debugging-pipe (no packages beyond Python's own).

  report_check.py [--no-script] FILE < EXPRESSIONS

Loads FILE (file://), waits for its load event, then evaluates each line
of standard input as an expression in the page, in order, and prints
each result on one line (strings as they are, other values as JSON;
an exception as "error: ..."). A line "@reload" loads the page again,
"@print" lays it out for print media from then on, "@size W H" sets the
window's size, "@shot FILE" saves what the window shows as a PNG.
The last line printed is "dialogs: N": the alert, confirm or prompt
dialogs the page opened (each is dismissed). With --no-script the page's
own scripts are disabled (the expressions still run).

Exit status 0, or 1 with a message when the browser cannot be driven.
$CHROMIUM names the browser (default: chromium).
"""
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

TIMEOUT = 60


class Browser:
    def __init__(self, chromium):
        self.profile = tempfile.mkdtemp(prefix="statusdb-chromium.")
        # the browser reads commands from fd 3 and writes to fd 4
        cmd_r, self.cmd_w = os.pipe()
        self.out_r, out_w = os.pipe()
        args = [chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--remote-debugging-pipe",
                "--user-data-dir=" + self.profile, "about:blank"]
        script = 'exec "$0" "$@" 3<&%d 4>&%d' % (cmd_r, out_w)
        self.proc = subprocess.Popen(
            ["sh", "-c", script] + args, pass_fds=(cmd_r, out_w),
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        os.close(cmd_r)
        os.close(out_w)
        self.buf = b""
        self.next_id = 0
        self.events = []
        self.dialogs = 0
        self.session = None

    def close(self):
        try:
            self.send("Browser.close", session=False)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.cmd_w)
        os.close(self.out_r)
        shutil.rmtree(self.profile, ignore_errors=True)

    def read_message(self, deadline):
        while b"\0" not in self.buf:
            if time.time() > deadline:
                raise RuntimeError("the browser did not answer in time")
            chunk = os.read(self.out_r, 65536)
            if not chunk:
                raise RuntimeError("the browser closed its pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def handle_event(self, msg):
        if msg.get("method") == "Page.javascriptDialogOpening":
            self.dialogs += 1
            self.send("Page.handleJavaScriptDialog", {"accept": False},
                      wait=False)
        self.events.append(msg)

    def send(self, method, params=None, session=True, wait=True):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        os.write(self.cmd_w, json.dumps(msg).encode() + b"\0")
        if not wait:
            return None
        want = self.next_id
        deadline = time.time() + TIMEOUT
        while True:
            reply = self.read_message(deadline)
            if reply.get("id") == want:
                if "error" in reply:
                    raise RuntimeError("%s: %s" % (method, reply["error"]))
                return reply.get("result", {})
            if "method" in reply:
                self.handle_event(reply)

    def wait_event(self, method):
        deadline = time.time() + TIMEOUT
        while True:
            for i, e in enumerate(self.events):
                if e.get("method") == method:
                    del self.events[:i + 1]
                    return e
            self.events.clear()
            self.handle_event(self.read_message(deadline))

    def open(self, url, scripts):
        target = self.send("Target.createTarget", {"url": "about:blank"},
                           session=False)["targetId"]
        self.session = self.send("Target.attachToTarget",
                                 {"targetId": target, "flatten": True},
                                 session=False)["sessionId"]
        self.send("Page.enable")
        self.send("Runtime.enable")
        # :focus styles apply as in a window that has the focus
        self.send("Emulation.setFocusEmulationEnabled", {"enabled": True})
        if not scripts:
            self.send("Emulation.setScriptExecutionDisabled",
                      {"value": True})
        self.load(url)

    def load(self, url):
        self.events.clear()
        self.send("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired")

    def evaluate(self, expr):
        r = self.send("Runtime.evaluate", {"expression": expr,
                                           "returnByValue": True,
                                           "awaitPromise": True})
        if "exceptionDetails" in r:
            d = r["exceptionDetails"]
            text = d.get("exception", {}).get("description") or d.get("text")
            return "error: " + " ".join(str(text).split())
        v = r.get("result", {}).get("value")
        if isinstance(v, str):
            return v
        return json.dumps(v)


def main(argv):
    scripts = True
    if argv and argv[0] == "--no-script":
        scripts = False
        argv = argv[1:]
    if len(argv) != 1:
        sys.stderr.write("usage: report_check.py [--no-script] FILE "
                         "< EXPRESSIONS\n")
        return 2
    url = "file://" + os.path.abspath(argv[0])
    b = Browser(os.environ.get("CHROMIUM", "chromium"))
    try:
        b.open(url, scripts)
        for line in sys.stdin:
            line = line.rstrip("\n")
            if line == "@reload":
                b.load(url)
                print("reloaded")
            elif line.startswith("@size "):
                w, h = line.split()[1:3]
                b.send("Emulation.setDeviceMetricsOverride",
                       {"width": int(w), "height": int(h),
                        "deviceScaleFactor": 1, "mobile": False})
                print("size")
            elif line.startswith("@shot "):
                shot = b.send("Page.captureScreenshot", {"format": "png"})
                with open(line[6:], "wb") as f:
                    f.write(base64.b64decode(shot["data"]))
                print("shot")
            elif line == "@print":
                b.send("Emulation.setEmulatedMedia", {"media": "print"})
                print("print")
            elif line.strip():
                print(b.evaluate(line).replace("\n", "\\n"))
            sys.stdout.flush()
        print("dialogs: %d" % b.dialogs)
    except (RuntimeError, OSError, ValueError) as e:
        sys.stderr.write("report_check.py: %s\n" % e)
        return 1
    finally:
        b.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
