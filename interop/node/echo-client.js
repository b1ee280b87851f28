// A Node client that behaves as the article's TCP and Unix-socket clients do — send "hello" on an
// interval, print each echo — but stops after COUNT echoes so a test can check its exit. The next
// "hello" waits for the last one's echo as well as for the interval: on a loaded machine a bare
// setInterval sent again before the echo came, and the printed lines then interleaved.
// Usage: node echo-client.js tcp HOST PORT COUNT INTERVAL_MS | unix PATH COUNT INTERVAL_MS
'use strict'
const net = require('net')

const args = process.argv.slice(2)
const kind = args.shift()
const client = kind === 'unix' ? net.connect(args.shift()) : net.connect(Number(args[1]), args.splice(0, 2)[0])
const count = Number(args[0] || 3)
const intervalMs = Number(args[1] || 3000)
const msg = 'hello'
let received = ''
let echoes = 0

function sendLater () {
  setTimeout(() => {
    console.log(`send: ${msg}`)
    client.write(msg)
  }, intervalMs)
}

client.on('connect', () => {
  console.log('connected.')
  sendLater()
})
client.on('data', data => {
  received += data
  while (received.length >= msg.length) {
    console.log(`receive: ${received.slice(0, msg.length)}`)
    received = received.slice(msg.length)
    if (++echoes === count) {
      client.end()
    } else {
      sendLater()
    }
  }
})
client.on('end', () => console.log('disconnected.'))
client.on('close', () => process.exit(echoes === count ? 0 : 1))
client.on('error', err => { console.error(err.message); process.exit(1) })
