#!/usr/bin/python3
"""Calls duet.v1.Echo (Echo, EchoStream, Status) and grpc.health.v1.Health with Python's grpcio,
a gRPC stack nobody here wrote, and prints one JSON line per call for the tests to check.

  grpc_echo_client.py HOST:PORT [--ca FILE] [--server-name NAME] CALL...
  CALL: echo:MESSAGE  stream:A,B,C  status:CODE:DELAY_MS  health[:SERVICE]  watch[:SERVICE]
        list:v1|v1alpha (the services server reflection names)
"""
import argparse
import json
import sys

import grpc

import duet_pb


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("address")
    parser.add_argument("--ca", help="TLS, trusting this PEM certificate")
    parser.add_argument("--server-name", help="the TLS name to check (and send as SNI)")
    parser.add_argument("calls", nargs="+")
    args = parser.parse_args()
    if args.ca:
        with open(args.ca, "rb") as f:
            credentials = grpc.ssl_channel_credentials(root_certificates=f.read())
        options = [("grpc.ssl_target_name_override", args.server_name)] if args.server_name else []
        channel = grpc.secure_channel(args.address, credentials, options=options)
    else:
        channel = grpc.insecure_channel(args.address)
    same = lambda b: b
    metadata = [("x-from", "grpcio")]
    for call in args.calls:
        kind, _, rest = call.partition(":")
        try:
            if kind == "echo":
                method = channel.unary_unary("/duet.v1.Echo/Echo", same, same)
                print(json.dumps({"call": call, "reply": duet_pb.echo_reply(
                    method(duet_pb.echo_request(rest), metadata=metadata, timeout=20))}))
            elif kind == "stream":
                method = channel.stream_stream("/duet.v1.Echo/EchoStream", same, same)
                replies = method(iter([duet_pb.echo_request(m) for m in rest.split(",")]),
                                 metadata=metadata, timeout=20)
                print(json.dumps({"call": call, "replies": [duet_pb.echo_reply(r) for r in replies]}))
            elif kind == "status":
                code, _, delay = rest.partition(":")
                method = channel.unary_unary("/duet.v1.Echo/Status", same, same)
                method(duet_pb.status_request(int(code), "asked for", int(delay or 0)), timeout=20)
                print(json.dumps({"call": call, "code": "OK"}))
            elif kind == "health":
                method = channel.unary_unary("/grpc.health.v1.Health/Check", same, same)
                answer = method(duet_pb.string_field(1, rest), timeout=20)
                print(json.dumps({"call": call, "status": duet_pb.health_status(answer)}))
            elif kind == "watch":  # the first two statuses a watch sees (the second after a change)
                method = channel.unary_stream("/grpc.health.v1.Health/Watch", same, same)
                seen = []
                for answer in method(duet_pb.string_field(1, rest), timeout=20):
                    seen.append(duet_pb.health_status(answer))
                    print(json.dumps({"call": call, "status": seen[-1]}), flush=True)
                    if len(seen) == 2:
                        break
            elif kind == "list":
                method = channel.stream_stream(
                    "/grpc.reflection.%s.ServerReflection/ServerReflectionInfo" % rest, same, same)
                answers = list(method(iter([duet_pb.string_field(7, "")]), timeout=20))
                listed = dict(duet_pb.fields(answers[0]))[6]  # list_services_response
                names = [dict(duet_pb.fields(service))[1].decode() for _, service in duet_pb.fields(listed)]
                print(json.dumps({"call": call, "services": sorted(names)}))
            else:
                sys.exit("unknown call " + call)
        except grpc.RpcError as e:
            print(json.dumps({"call": call, "code": e.code().name, "details": e.details()}))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
