#!/usr/bin/env python3
"""Measures what sitmon costs a shared server and an SSH link (run by hand; see BENCHMARKS.md).

- bytes written to the terminal per arriving incident, at 200x60, in a pseudo-terminal;
- CPU used while idle (nothing arriving, no keys) over a period, from /proc/PID/stat.

usage: scripts/measure-terminal-output.py [--binary .build/release/sitmon] [--incidents 50] [--idle-seconds 60]
"""
import argparse, fcntl, json, os, pty, select, struct, tempfile, termios, time


def drain(fd, seconds):
    """Reads whatever the program writes for `seconds`; returns the byte count."""
    total, end = 0, time.monotonic() + seconds
    while True:
        left = end - time.monotonic()
        if left <= 0:
            return total
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return total
            if not chunk:
                return total
            total += len(chunk)


def line(i):
    # Each line is newer than the last, so it arrives at the top of the feed: the costly case.
    day, hour = divmod(i, 24)
    return json.dumps({"id": f"m{i}", "time": f"2023-{9 + day // 28:02d}-{1 + day % 28:02d}T{hour:02d}:00:00Z", "place": "Gao",
                       "lat": 16.27 + (i % 7) * 0.05, "lon": -0.04 + (i % 5) * 0.05, "actors": ["JNIM", "FAMA"],
                       "type": "battle", "fatalities": i % 4,
                       "summary": f"Measured incident number {i}: clashes reported on the road north of the town",
                       "source": "measurement"}) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=".build/release/sitmon")
    ap.add_argument("--incidents", type=int, default=50)
    ap.add_argument("--idle-seconds", type=float, default=60)
    ap.add_argument("--cols", type=int, default=200)
    ap.add_argument("--rows", type=int, default=60)
    a = ap.parse_args()
    folder = tempfile.mkdtemp(prefix="sitmon-measure-")
    events = os.path.join(folder, "events.jsonl")
    with open(events, "w") as f:
        for i in range(200):
            f.write(line(i))
    pid, fd = pty.fork()
    if pid == 0:
        env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8")
        env.pop("NO_COLOR", None)
        os.execve(a.binary, [a.binary, events], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", a.rows, a.cols, 0, 0))
    first = drain(fd, 2.0)
    print(f"first full frame at {a.cols}x{a.rows}: {first} bytes")
    per = []
    with open(events, "a") as f:
        for i in range(200, 200 + a.incidents):
            f.write(line(i))
            f.flush()
            per.append(drain(fd, 0.4))
    per.sort()
    print(f"bytes per arriving incident ({a.incidents} incidents, one at a time): "
          f"median {per[len(per) // 2]}, max {per[-1]}, mean {sum(per) / len(per):.0f}")
    stat = lambda: sum(int(x) for x in open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[11:13])
    ticks = os.sysconf("SC_CLK_TCK")
    before, start = stat(), time.monotonic()
    quiet = drain(fd, a.idle_seconds)
    used = (stat() - before) / ticks
    elapsed = time.monotonic() - start
    print(f"idle for {elapsed:.0f} s: {used:.2f} s of CPU ({100 * used / elapsed:.3f}% of one core), "
          f"{quiet} bytes written")
    os.kill(pid, 15)
    os.waitpid(pid, 0)


if __name__ == "__main__":
    main()
