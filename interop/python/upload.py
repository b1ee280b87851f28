"""Uploads a file with Python's http.client and with urllib, as Python programs do, and prints
the status and body of each answer; a BrokenPipeError or any other error ends it with exit 1.

Usage: python3 upload.py URL FILE
"""
import http.client
import sys
import urllib.parse
import urllib.request


def main():
    if len(sys.argv) != 3:
        print("usage: python3 upload.py URL FILE", file=sys.stderr)
        return 2
    url, path = sys.argv[1], sys.argv[2]
    with open(path, "rb") as f:
        body = f.read()

    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request("POST", parts.path, body=body)
    answer = connection.getresponse()
    print("http.client", answer.status, answer.read().decode())
    # the same connection again: the server kept it
    connection.request("PUT", parts.path + "/again", body=body)
    answer = connection.getresponse()
    print("http.client again", answer.status, answer.read().decode())
    connection.close()

    with urllib.request.urlopen(urllib.request.Request(url, data=body, method="POST"), timeout=30) as answer:
        print("urllib", answer.status, answer.read().decode())
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as e:  # one line, as the other peers report
        print(f"upload failed: {type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(1)
