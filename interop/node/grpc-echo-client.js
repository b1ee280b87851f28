// Calls duet.v1.Echo (Echo, EchoStream) and grpc.health.v1.Health/Check with npm's @grpc/grpc-js,
// a gRPC stack nobody here wrote, and prints one JSON line per call.
//   NODE_PATH=... node grpc-echo-client.js HOST:PORT [CA.pem]
// With CA.pem: TLS, trusting it; else h2c. Protobuf is encoded by hand (the messages are small).
'use strict'
const fs = require('fs')
const grpc = require('@grpc/grpc-js')

const [address, ca] = process.argv.slice(2)
const credentials = ca ? grpc.credentials.createSsl(fs.readFileSync(ca)) : grpc.credentials.createInsecure()
const client = new grpc.Client(address, credentials)
const same = (b) => b
const deadline = () => Date.now() + 20000

function stringField(number, text) {
  const data = Buffer.from(text, 'utf8')
  return Buffer.concat([Buffer.from([(number << 3) | 2, data.length]), data]); // short fields only
}

// [number, value] pairs: Buffers for length-delimited fields, numbers for varints
function fields(buf) {
  const out = []
  let i = 0
  const varint = () => {
    let shift = 0, value = 0
    for (;;) {
      const b = buf[i++]
      value += (b & 0x7f) * 2 ** shift
      if (!(b & 0x80)) return value
      shift += 7
    }
  }
  while (i < buf.length) {
    const key = varint()
    if ((key & 7) === 0) out.push([key >> 3, varint()])
    else if ((key & 7) === 2) { const n = varint(); out.push([key >> 3, buf.subarray(i, i + n)]); i += n; }
    else throw new Error('unexpected wire type ' + (key & 7))
  }
  return out
}

function reply(buf) {
  const out = { message: '' }
  for (const [n, v] of fields(buf)) {
    if (n === 1) out.message = v.toString('utf8')
    if (n === 2) {
      out.received = { metadata: [] }
      for (const [m, w] of fields(v)) {
        if (m === 1) out.received.method = w.toString()
        if (m === 2) out.received.authority = w.toString()
        if (m === 3) out.received.metadata.push(fields(w).map(([, x]) => x.toString()))
        if (m === 5) out.received.tls = Object.fromEntries(fields(w).map(([k, x]) => [['', 'version', 'cipher', 'alpn', 'sni'][k], x.toString()]))
      }
    }
  }
  return out
}

const print = (o) => console.log(JSON.stringify(o))
const metadata = new grpc.Metadata()
metadata.set('x-from', 'grpc-js')

client.makeUnaryRequest('/duet.v1.Echo/Echo', same, same, stringField(1, 'from node'), metadata, { deadline: deadline() },
  (err, answer) => {
    print(err ? { call: 'echo', code: grpc.status[err.code] } : { call: 'echo', reply: reply(answer) })
    const stream = client.makeBidiStreamRequest('/duet.v1.Echo/EchoStream', same, same, metadata, { deadline: deadline() })
    const replies = []
    stream.on('data', (d) => replies.push(reply(d)))
    stream.on('error', (e) => print({ call: 'stream', code: grpc.status[e.code] }))
    stream.on('end', () => {
      print({ call: 'stream', replies })
      client.makeUnaryRequest('/grpc.health.v1.Health/Check', same, same, Buffer.alloc(0), new grpc.Metadata(),
        { deadline: deadline() }, (e, health) => {
          print(e ? { call: 'health', code: grpc.status[e.code] } : { call: 'health', status: fields(health)[0][1] })
          client.close()
        })
    })
    for (const m of ['one', 'two', 'three']) stream.write(stringField(1, m))
    stream.end()
  })
