// A Node UDP echo server in the article's style, with Node's dgram module: every datagram goes back
// to its sender. For Duet's interoperability tests and bench/udp.sh.
// Usage: node udp-echo-server.js PORT [quiet]    (0 picks a free port)
// Prints "listening PORT" once it is bound, so a test can wait for it.
'use strict'
const dgram = require('dgram')

const [port, quiet] = process.argv.slice(2)
if (port === undefined) {
  console.error('usage: node udp-echo-server.js PORT [quiet]')
  process.exit(2)
}

const server = dgram.createSocket('udp4')
server.on('message', (msg, rinfo) => {
  if (!quiet) console.log(`receive: ${msg}`)
  server.send(msg, rinfo.port, rinfo.address)
  if (!quiet) console.log(`send: ${msg}`)
})
server.on('error', err => { console.error(err.message); process.exit(1) })
server.bind(Number(port), '127.0.0.1', () => console.log(`listening ${server.address().port}`))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
