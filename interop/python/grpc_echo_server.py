#!/usr/bin/python3
"""A duet.v1.Echo server in Python's grpcio, for the Duet client to call: Echo and EchoStream echo
the message (with no "received"), over h2c on 127.0.0.1. Prints "listening on PORT", then serves
until its standard input closes.

  grpc_echo_server.py [PORT]   (0, the default, picks a free port)
"""
import sys
from concurrent import futures

import grpc

import duet_pb


def echo(request, context):
    context.send_initial_metadata([("x-served-by", "grpcio")])
    return request  # an EchoRequest's field 1 is an EchoReply's field 1: the same bytes


def echo_stream(requests, context):
    for request in requests:
        yield request


def main():
    same = lambda b: b
    handler = grpc.method_handlers_generic_handler("duet.v1.Echo", {
        "Echo": grpc.unary_unary_rpc_method_handler(echo, same, same),
        "EchoStream": grpc.stream_stream_rpc_method_handler(echo_stream, same, same),
    })
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
    server.add_generic_rpc_handlers((handler,))
    port = server.add_insecure_port("127.0.0.1:%d" % int(sys.argv[1] if len(sys.argv) > 1 else 0))
    server.start()
    print("listening on %d" % port, flush=True)
    sys.stdin.read()
    server.stop(grace=1)


if __name__ == "__main__":
    main()
