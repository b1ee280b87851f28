"""The few protobuf messages of duet/v1/echo.proto, encoded and decoded by hand: Debian's grpcio
comes without protoc's Python plugin, and with identity serializers grpcio carries any bytes."""


def varint(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def string_field(number, text):
    data = text.encode("utf-8")
    return varint(number << 3 | 2) + varint(len(data)) + data


def uint_field(number, value):
    return varint(number << 3) + varint(value) if value else b""


def fields(data):
    """(number, value) pairs in order: bytes for length-delimited fields, ints for varints."""
    i = 0
    while i < len(data):
        key, i = read_varint(data, i)
        number, kind = key >> 3, key & 7
        if kind == 0:
            value, i = read_varint(data, i)
        elif kind == 2:
            length, i = read_varint(data, i)
            value, i = data[i:i + length], i + length
        else:
            raise ValueError("unexpected wire type %d" % kind)
        yield number, value


def read_varint(data, i):
    shift = result = 0
    while True:
        byte = data[i]
        i += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, i
        shift += 7


def echo_request(message):
    return string_field(1, message)


def status_request(code, message="", delay_ms=0):
    return uint_field(1, code) + string_field(2, message) + uint_field(3, delay_ms)


def echo_reply(data):
    """{"message": str, "received": {...}} as the Java client's --json names them."""
    reply = {"message": ""}
    for number, value in fields(data):
        if number == 1:
            reply["message"] = value.decode("utf-8")
        elif number == 2:
            reply["received"] = received(value)
    return reply


def received(data):
    out = {"metadata": []}
    for number, value in fields(data):
        if number == 1:
            out["method"] = value.decode()
        elif number == 2:
            out["authority"] = value.decode()
        elif number == 3:
            pair = dict(fields(value))
            out["metadata"].append([pair.get(1, b"").decode(), pair.get(2, b"").decode()])
        elif number == 4:
            peer = dict(fields(value))
            out["client"] = {"address": peer.get(1, b"").decode(), "port": peer.get(2, 0)}
        elif number == 5:
            tls = dict(fields(value))
            out["tls"] = {"version": tls.get(1, b"").decode(), "cipher": tls.get(2, b"").decode(),
                          "alpn": tls.get(3, b"").decode(), "sni": tls.get(4, b"").decode()}
        elif number == 6:
            server = dict(fields(value))
            out["server"] = {"name": server.get(1, b"").decode()}
        elif number == 7:
            out["protocol"] = value.decode()
    return out


def health_status(data):
    """grpc.health.v1.HealthCheckResponse's status: 1 SERVING, 2 NOT_SERVING."""
    return dict(fields(data)).get(1, 0)
