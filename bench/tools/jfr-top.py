#!/usr/bin/env python3
"""Top self-time frames of a JFR recording's jdk.ExecutionSample events (bench/results/profile.md).

    jfr print --stack-depth 64 --events jdk.ExecutionSample rec.jfr \\
        | bench/tools/jfr-top.py [N] [--last SECONDS | --between HH:MM:SS HH:MM:SS] [--thread PREFIX] [--package]
                                 [--inclusive REGEX ...]

Counts the top (first) frame of every sample ("self time"). --last keeps the samples of the recording's last SECONDS
(the measured round, not start-up and warm-up), --between the samples of that time window (UTC, as jfr prints);
--thread keeps threads whose name starts with PREFIX; --package
aggregates by package; every --inclusive REGEX also counts the samples with a matching frame anywhere in the stack.
"""
import re
import sys
from collections import Counter


def seconds(clock):
    h, m, s = clock.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


args = sys.argv[1:]
top = next((int(a) for a in args if a.isdigit()), 10)
by_package = "--package" in args
option = lambda name: args[args.index(name) + 1] if name in args else None
thread_prefix = option("--thread")
last = float(option("--last")) if option("--last") else None
inclusive = [re.compile(args[i + 1]) for i, a in enumerate(args) if a == "--inclusive"]

samples = []  # (time, thread, [frames])
current = None
in_stack = False
for line in sys.stdin:
    text = line.strip()
    if line.startswith("jdk.ExecutionSample"):
        current = {"time": 0.0, "thread": "", "frames": []}
        samples.append(current)
        in_stack = False
    elif current is None:
        continue
    elif text.startswith("startTime = "):
        current["time"] = seconds(text.split("= ")[1])
    elif text.startswith("sampledThread = "):
        current["thread"] = text.split('"')[1]
    elif text.startswith("stackTrace = ["):
        in_stack = True
    elif in_stack and text in ("]", "}"):
        in_stack = False
    elif in_stack and text != "...":
        current["frames"].append(re.sub(r"\s+line: \d+.*$", "", text))

samples = [s for s in samples if s["frames"]]
if last is not None and samples:
    end = max(s["time"] for s in samples)
    samples = [s for s in samples if s["time"] >= end - last]
if "--between" in args:
    i = args.index("--between")
    low, high = seconds(args[i + 1]), seconds(args[i + 2])
    samples = [s for s in samples if low <= s["time"] <= high]
if thread_prefix:
    samples = [s for s in samples if s["thread"].startswith(thread_prefix)]

counts = Counter()
for s in samples:
    frame = s["frames"][0]
    if by_package:
        name = frame.split("(")[0]
        frame = name.rsplit(".", 2)[0] if name.count(".") >= 2 else name
    counts[frame] += 1

total = max(len(samples), 1)
print(f"{len(samples)} samples")
print()
print("| # | self samples | share | frame |")
print("|---:|---:|---:|---|")
for i, (frame, n) in enumerate(counts.most_common(top), 1):
    print(f"| {i} | {n} | {100.0 * n / total:.1f} % | `{frame}` |")
if inclusive:
    print()
    print("| stack contains | samples | share |")
    print("|---|---:|---:|")
    for pattern in inclusive:
        n = sum(1 for s in samples if any(pattern.search(f) for f in s["frames"]))
        print(f"| `{pattern.pattern}` | {n} | {100.0 * n / total:.1f} % |")
