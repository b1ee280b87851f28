// A Node UDP client in the article's style, with Node's dgram module: sends "hello" on an
// interval and prints each echo; exits 0 after COUNT echoes, 1 if they are not all back in 10 s.
// Usage: node udp-echo-client.js HOST PORT COUNT INTERVAL_MS
'use strict'
const dgram = require('dgram')

const [host, port, count = 3, intervalMs = 3000] = process.argv.slice(2)
const msg = 'hello'
const client = dgram.createSocket('udp4')
let echoes = 0

client.on('message', data => {
  console.log(`receive: ${data}`)
  if (++echoes === Number(count)) {
    clearInterval(timer)
    client.close()
  }
})
client.on('error', err => { console.error(err.message); process.exit(1) })
client.on('close', () => process.exit(0))
let sent = 0
const timer = setInterval(() => {
  if (sent++ === Number(count)) return
  console.log(`send: ${msg}`)
  client.send(msg, Number(port), host)
}, Number(intervalMs))
setTimeout(() => { console.error(`${echoes} of ${count} echoes in 10 s`); process.exit(1) }, 10000).unref()
