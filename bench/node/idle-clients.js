// Opens COUNT connections to a TCP echo server, has each one echo a word, prints "ready" once
// all have, then holds them open until its stdin ends. For bench/connections.sh.
// Usage: node idle-clients.js PORT COUNT
'use strict'
const net = require('net')

const [port, count] = process.argv.slice(2).map(Number)
if (!port || !count) {
  console.error('usage: node idle-clients.js PORT COUNT')
  process.exit(2)
}

const sockets = []
let echoed = 0
function open (i) {
  if (i === count) return
  const socket = net.connect(port, '127.0.0.1', () => socket.write('hi'))
  socket.once('data', () => {
    if (++echoed === count) console.log('ready')
  })
  socket.on('error', err => {
    console.error(`connection ${i}: ${err.message}`)
    process.exit(1)
  })
  sockets.push(socket)
  // one at a time, so the server's listen queue never overflows
  socket.once('connect', () => open(i + 1))
}
open(0)
process.stdin.on('end', () => process.exit(0))
process.stdin.resume()
