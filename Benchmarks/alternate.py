#!/usr/bin/env python3
"""Runs commands in alternation (A B C A B C …) and prints, per command, the median and minimum wall-clock time,
the median CPU time (user + system) and the largest peak RSS of its runs, as one JSON object per line. On a shared
machine the load changes from minute to minute; alternating puts every command through the same conditions, so
their ratios hold even when the absolute times do not.

    python3 Benchmarks/alternate.py --runs 5 --name check -- policycheck check DIR --name parse -- python3 parse.py DIR

Each command's stdout goes to /dev/null and its stderr to a log; a command's exit status is ignored (policycheck
exits 1 when it finds violations).
"""
import json, os, statistics, sys, time


def parse(argv):
    runs, commands, index = 5, [], 0
    while index < len(argv):
        if argv[index] == "--runs":
            runs = int(argv[index + 1])
            index += 2
        elif argv[index] == "--name":
            name, index = argv[index + 1], index + 2
            assert argv[index] == "--", "expected -- after --name NAME"
            end = index + 1
            while end < len(argv) and argv[end] != "--name":
                end += 1
            commands.append((name, argv[index + 1:end]))
            index = end
        else:
            raise SystemExit(f"unexpected argument {argv[index]!r}")
    return runs, commands


def run(command, log):
    """Wall-clock seconds, CPU seconds and peak RSS (KB) of one whole process."""
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(log, 2)
        try:
            os.execvp(command[0], command)
        finally:
            os._exit(127)
    _, _, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - started
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def main():
    runs, commands = parse(sys.argv[1:])
    log = os.open(os.environ.get("ALTERNATE_LOG", os.devnull), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    results = {name: [] for name, _ in commands}
    for _ in range(runs):
        for name, command in commands:
            results[name].append(run(command, log))
    for name, _ in commands:
        walls = [r[0] for r in results[name]]
        print(json.dumps({"name": name, "median": statistics.median(walls), "min": min(walls),
                          "cpu": statistics.median(r[1] for r in results[name]),
                          "rss_kb": max(r[2] for r in results[name]), "runs": len(walls)}))


if __name__ == "__main__":
    main()
