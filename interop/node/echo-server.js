// A Node echo server that behaves as the article's TCP and Unix-socket servers do, for Duet's
// interoperability tests. Usage: node echo-server.js tcp PORT | node echo-server.js unix PATH
// Prints "listening" once it accepts connections, so a test can wait for it.
'use strict'
const net = require('net')
const fs = require('fs')

const [kind, where] = process.argv.slice(2)
if (!['tcp', 'unix'].includes(kind) || !where) {
  console.error('usage: node echo-server.js tcp PORT | unix PATH')
  process.exit(2)
}

const server = net.createServer(socket => {
  console.log('socket connected')
  socket.on('close', () => console.log('socket disconnected'))
  socket.on('error', err => console.error(err.message))
  socket.on('data', chunk => {
    console.log(`receive: ${chunk}`)
    socket.write(chunk)
    console.log(`send: ${chunk}`)
  })
})

if (kind === 'unix') {
  try { fs.unlinkSync(where) } catch (ignored) {}
  server.listen(where, () => console.log(`listening ${where}`))
} else {
  server.listen(Number(where), '127.0.0.1', () => console.log(`listening ${server.address().port}`))
}
process.on('SIGTERM', () => server.close(() => process.exit(0)))
