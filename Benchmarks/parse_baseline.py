#!/usr/bin/env python3
"""Parse-only baseline: read every JSON file under the given paths and json.loads it (what any checker must at least
do). Run as a whole process, as the benchmark times it: `python3 Benchmarks/parse_baseline.py DIR...`."""
import json, os, sys

count = 0
for root in sys.argv[1:]:
    for directory, subdirectories, files in os.walk(root):
        subdirectories.sort()
        for name in sorted(files):
            if name.endswith(".json"):
                with open(os.path.join(directory, name), "rb") as handle:
                    json.loads(handle.read())
                count += 1
print(f"parsed {count} files", file=sys.stderr)
