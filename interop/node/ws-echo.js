// Talks to a WebSocket echo with the `ws` package from npm, as a Node program would: sends a text
// message, a binary message of random bytes and a 200 KiB text message, checks that each comes back
// byte for byte and of the same kind, closes, and prints "SCHEME 3 messages echoed". Exits 1 on an
// altered or missing echo, an early close, any error, or 10 seconds without finishing.
// Usage: node ws-echo.js [--ca CERT.pem] URL      (`ws` found through NODE_PATH)
'use strict'
const crypto = require('crypto')
const fs = require('fs')
const WebSocket = require('ws')

const args = process.argv.slice(2)
const ca = args[0] === '--ca' ? fs.readFileSync(args[1]) : undefined
const url = ca ? args[2] : args[0]
if (!url) {
  console.error('usage: node ws-echo.js [--ca CERT.pem] URL')
  process.exit(2)
}
const fail = why => {
  console.error(`${url}: ${why}`)
  process.exit(1)
}

const messages = [
  { data: Buffer.from('hello, Duet ✓'), binary: false },
  { data: crypto.randomBytes(4096), binary: true },
  { data: Buffer.from('é✓abc'.repeat(25600)), binary: false } // 8 bytes of UTF-8 each: 200 KiB
]
const kind = binary => (binary ? 'binary' : 'text')
const timer = setTimeout(() => fail('not finished within 10 s'), 10000)
const socket = new WebSocket(url, { ca })
let echoed = 0
socket.on('open', () => {
  for (const m of messages) socket.send(m.data, { binary: m.binary })
})
socket.on('message', (data, isBinary) => {
  const want = messages[echoed]
  if (!want) fail(`an echo nobody sent (${data.length} bytes)`)
  if (isBinary !== want.binary || !want.data.equals(data)) {
    fail(`message ${echoed + 1}, ${want.data.length} bytes of ${kind(want.binary)}, came back altered: ` +
      `${data.length} bytes of ${kind(isBinary)}`)
  }
  if (++echoed === messages.length) socket.close(1000)
})
socket.on('unexpected-response', (request, response) => fail(`upgrade refused: ${response.statusCode}`))
socket.on('error', err => fail(err.message))
socket.on('close', (code, reason) => {
  clearTimeout(timer)
  if (echoed < messages.length) fail(`closed (${code} ${reason}) after ${echoed} of ${messages.length} echoes`)
  if (code !== 1000) fail(`closed with ${code} ${reason}, not 1000`)
  console.log(`${new URL(url).protocol.slice(0, -1)} ${echoed} messages echoed`)
})
