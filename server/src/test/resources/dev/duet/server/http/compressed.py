"""Compressed answers and bodies as Python programs meet them (CompressionTest runs this).

Usage: python3 compressed.py http://127.0.0.1:PORT
Prints one line per check; the test compares them with what it expects.
"""
import gzip
import json
import sys
import urllib.request

import brotli
import requests
import zstandard

base = sys.argv[1]
target = "/py?duet-size=4KiB"
expected = (target * 300)[:4096]
decode = {
    "gzip": gzip.decompress,
    "br": brotli.decompress,
    # an answer sent as it is made has no content size in its frame: read it as a stream
    "zstd": lambda raw: zstandard.ZstdDecompressor().decompressobj().decompress(raw),
}
encode = {"gzip": gzip.compress, "br": brotli.compress, "zstd": zstandard.ZstdCompressor().compress}

for coding in ("gzip", "br", "zstd"):
    # an answer in the coding: urllib hands over the bytes as they came
    asked = urllib.request.Request(base + target, headers={"Accept-Encoding": coding})
    with urllib.request.urlopen(asked, timeout=30) as answer:
        raw = answer.read()
        print(coding, "answer", answer.headers["Content-Encoding"], len(raw) < 4096,
              decode[coding](raw).decode() == expected)
    # a body in the coding, decoded by the JSON echo
    sent = ("hello " * 100).encode()
    upload = urllib.request.Request(base + "/up", data=encode[coding](sent), method="POST", headers={
        "Content-Encoding": coding, "Content-Type": "text/plain", "Accept": "application/json"})
    with urllib.request.urlopen(upload, timeout=30) as answer:
        doc = json.load(answer)
        print(coding, "body", doc["contentEncoding"], doc["body"] == sent.decode(),
              doc["encodedBodyBytes"] < len(sent), doc["headers"]["Content-Encoding"])

# requests decodes gzip, and br where the brotli module is, on its own
for coding in ("gzip", "br"):
    answer = requests.get(base + target, headers={"Accept-Encoding": coding}, timeout=30)
    print("requests", answer.headers["Content-Encoding"], answer.text == expected)
