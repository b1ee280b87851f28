#!/usr/bin/env python3
"""Checks a run merged by `duet-client merge` against the runs it was made of, with no code of the
client's: its total is the runs' sum, and its p99 is the union's p99, read from the runs' own
latency histograms (HdrHistogram's compressed base64, decoded here) rather than from their
percentiles. Used by scripts/e2e-swarm.sh; runnable on any saved runs.

Usage: scripts/check-merge.py RUNS.jsonl MERGED.json   (RUNS: one bench --json run a line)
Prints one line and exits 0 when both hold, 1 otherwise."""
import base64
import json
import math
import struct
import sys
import zlib


def counts(encoded):
    """The counts array of a histogram `HistogramCodec` wrote, and its significant digits."""
    raw = base64.b64decode(encoded)
    cookie, length = struct.unpack(">ii", raw[:8])
    if cookie & ~0xF0 != 0x1C849304:
        raise ValueError("not HdrHistogram's V2 compressed encoding")
    body = zlib.decompress(raw[8:8 + length])
    _, payload, offset, digits, lowest, _, _ = struct.unpack(">iiiiqqd", body[:40])
    if offset != 0 or lowest != 1:
        raise ValueError("a histogram this check does not read (offset %d, lowest %d)" % (offset, lowest))
    out, pos, data = [], 40, body[40:40 + payload]
    pos = 0
    while pos < len(data):  # ZigZag LEB128; a negative value is that many empty buckets
        shift = value = 0
        while True:
            byte = data[pos]
            pos += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80 or shift == 63:
                if shift == 63 and byte >= 0x80:
                    value |= data[pos] << 63
                    pos += 1
                break
        value = (value >> 1) ^ -(value & 1)
        out.extend([0] * -value if value < 0 else [value])
    return out, digits


class Layout:
    """HdrHistogram's bucket arithmetic for a lowest trackable value of 1."""

    def __init__(self, digits):
        largest_single_unit = 2 * 10 ** digits
        self.sub_count_magnitude = math.ceil(math.log2(largest_single_unit))
        self.half_magnitude = self.sub_count_magnitude - 1
        self.sub_count = 1 << self.sub_count_magnitude
        self.half = self.sub_count >> 1
        self.mask = self.sub_count - 1

    def value_from_index(self, i):
        bucket = (i >> self.half_magnitude) - 1
        sub = (i & (self.half - 1)) + self.half
        if bucket < 0:
            sub -= self.half
            bucket = 0
        return sub << bucket

    def highest_equivalent(self, v):
        bucket = 64 - self.half_magnitude - 1 - (64 - (v | self.mask).bit_length())
        sub = v >> bucket
        size = 1 << (bucket + 1 if sub >= self.sub_count else bucket)
        return (sub << bucket) + size - 1


def value_at(all_counts, layout, percentile):
    total = sum(all_counts)
    wanted = max(1, math.ceil(math.nextafter(percentile, -math.inf) * total / 100))
    running = 0
    for i, n in enumerate(all_counts):
        running += n
        if running >= wanted:
            return layout.highest_equivalent(layout.value_from_index(i))
    return 0


def main(runs_file, merged_file):
    with open(runs_file) as f:
        runs = [json.loads(line) for line in f if line.strip()]
    with open(merged_file) as f:
        merged = json.load(f)
    union, digits = [], 3
    for run in runs:
        c, digits = counts(run["histograms"]["latency"])
        union.extend([0] * (len(c) - len(union)))
        for i, n in enumerate(c):
            union[i] += n
    total = sum(r["answered"] for r in runs)
    p99 = value_at(union, Layout(digits), 99.0) / 1000.0
    problems = []
    if merged["answered"] != total or sum(union) != total:
        problems.append("merged %d answers, the runs %d (their histograms %d)" % (merged["answered"], total, sum(union)))
    if abs(merged["latency"]["p99"] - p99) > 1e-9:
        problems.append("merged p99 %.3f ms, the union's histogram says %.3f ms" % (merged["latency"]["p99"], p99))
    shown = ", ".join("%d answers, p99 %.3f ms" % (r["answered"], r["latency"]["p99"]) for r in runs)
    if problems:
        print("check-merge: FAIL: " + "; ".join(problems) + " (runs: " + shown + ")")
        return 1
    print("check-merge: %d runs (%s) merged: %d answers = their sum, p99 %.3f ms = the union histogram's"
          % (len(runs), shown, total, p99))
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
