// Starts COUNT TLS handshakes with a server at once (TLS 1.3 or 1.2 as the server picks, no
// certificate check), holds every connection open until all have finished their handshake, then
// prints "handshakes: COUNT in MS ms" and closes them all. For bench/tls-flood.sh.
// Usage: node tls-flood.js PORT COUNT
'use strict'
const tls = require('tls')

const [port, count] = process.argv.slice(2).map(Number)
if (!port || !count) {
  console.error('usage: node tls-flood.js PORT COUNT')
  process.exit(2)
}
const timer = setTimeout(() => {
  console.error(`tls-flood: ${done} of ${count} handshakes within 60 s`)
  process.exit(1)
}, 60000)

const started = process.hrtime.bigint()
const sockets = []
let done = 0
for (let i = 0; i < count; i++) {
  const socket = tls.connect({ port, host: '127.0.0.1', servername: 'localhost', rejectUnauthorized: false }, () => {
    if (++done < count) return
    const ms = Number(process.hrtime.bigint() - started) / 1e6
    console.log(`handshakes: ${count} in ${ms.toFixed(0)} ms`)
    clearTimeout(timer)
    for (const s of sockets) s.destroy()
  })
  socket.on('error', err => {
    console.error(`connection ${i}: ${err.message}`)
    process.exit(1)
  })
  sockets.push(socket)
}
