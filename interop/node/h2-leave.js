// Sends a request over HTTP/2 with Node's own http2 module, then goes away before it is answered,
// as an impatient client or a proxy that gave up does. The request is sent on stream 1 (with any
// extra headers given), then a plain GET of /answered on stream 3; once that one is answered the
// server has surely read the first. Then, as asked:
//   reset   cancels stream 1 (RST_STREAM) and keeps the connection open until stdin closes
//   leave   closes the connection at once and exits
// It prints "reset" or "left" when done; exits 1 on any error or 10 seconds without getting there.
// Usage: node h2-leave.js [--ca CERT.pem] URL reset|leave [NAME:VALUE ...]
'use strict'
const fs = require('fs')
const http2 = require('http2')

const args = process.argv.slice(2)
const ca = args[0] === '--ca' ? fs.readFileSync(args[1]) : undefined
const [url, how, ...extra] = ca ? args.slice(2) : args
if (!url || !['reset', 'leave'].includes(how)) {
  console.error('usage: node h2-leave.js [--ca CERT.pem] URL reset|leave [NAME:VALUE ...]')
  process.exit(2)
}
const fail = why => {
  console.error(`${url}: ${why}`)
  process.exit(1)
}
const timer = setTimeout(() => fail('not gone within 10 s'), 10000)
const target = new URL(url)
const headers = { ':path': target.pathname + target.search }
for (const header of extra) {
  const colon = header.indexOf(':')
  headers[header.slice(0, colon).trim().toLowerCase()] = header.slice(colon + 1).trim()
}

const session = http2.connect(target.origin, { ca })
session.on('error', err => fail(err.message))
const waiting = session.request(headers)
waiting.on('error', () => {}) // its reset is ours
waiting.on('response', response => fail(`stream 1 was answered: ${response[':status']}`))
const marker = session.request({ ':path': '/answered' })
marker.resume()
marker.on('error', err => fail(err.message))
marker.on('end', () => {
  clearTimeout(timer)
  if (how === 'reset') {
    waiting.close(http2.constants.NGHTTP2_CANCEL, () => {
      console.log('reset')
      process.stdin.resume()
      process.stdin.on('end', () => session.destroy())
    })
  } else {
    session.destroy()
    console.log('left')
  }
})
