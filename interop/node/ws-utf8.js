// Sends text messages that are not UTF-8 to a WebSocket echo with the `ws` package from npm, as a
// careless Node program could (ws sends a Buffer as text unchecked): an encoded surrogate, an
// overlong '/', a lone 0xFF, and a sequence split across two fragments. Each must close the socket
// with 1007 (RFC 6455 §8.1), with permessage-deflate on as ws offers it; prints
// "SCHEME 4 invalid texts closed with 1007". Exits 1 on an echo, any other close, an error, or 10 s.
// Usage: node ws-utf8.js [--ca CERT.pem] URL      (`ws` found through NODE_PATH)
'use strict'
const fs = require('fs')
const WebSocket = require('ws')

const args = process.argv.slice(2)
const ca = args[0] === '--ca' ? fs.readFileSync(args[1]) : undefined
const url = ca ? args[2] : args[0]
if (!url) {
  console.error('usage: node ws-utf8.js [--ca CERT.pem] URL')
  process.exit(2)
}
const fail = why => {
  console.error(`${url}: ${why}`)
  process.exit(1)
}
const hex = h => Buffer.from(h, 'hex')
const cases = [
  { name: 'an encoded surrogate', fragments: [hex('eda080')] },
  { name: 'an overlong /', fragments: [hex('c0af')] },
  { name: 'a lone 0xFF', fragments: [hex('ff')] },
  { name: 'a sequence split across fragments', fragments: [hex('61e282'), hex('28')] }
]
const timer = setTimeout(() => fail('not finished within 10 s'), 10000)

const run = (i) => {
  if (i === cases.length) {
    clearTimeout(timer)
    console.log(`${new URL(url).protocol.slice(0, -1)} ${cases.length} invalid texts closed with 1007`)
    return
  }
  const c = cases[i]
  const socket = new WebSocket(url, { ca })
  socket.on('open', () => {
    if (!socket.extensions.includes('permessage-deflate')) fail(`no permessage-deflate: '${socket.extensions}'`)
    c.fragments.forEach((f, n) => socket.send(f, { binary: false, fin: n === c.fragments.length - 1 }))
  })
  socket.on('message', data => fail(`${c.name}: echoed (${data.length} bytes) instead of a 1007 close`))
  socket.on('error', err => fail(`${c.name}: ${err.message}`))
  socket.on('close', code => {
    if (code !== 1007) fail(`${c.name}: closed with ${code}, not 1007`)
    run(i + 1)
  })
}
run(0)
