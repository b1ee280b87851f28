// Node's own http2 module doing what the article's HTTP server does, for bench/h2.sh: answers every
// request with its :path (req.url), 200, text/plain.
// Usage: node http2-server.js PORT              h2c (prior knowledge), http2.createServer
//        node http2-server.js PORT CERT KEY     TLS, h2 by ALPN (HTTP/1.1 too), http2.createSecureServer
// CERT and KEY are PEM files. Port 0 picks a free one; either way it prints "listening PORT" once
// it listens, on 127.0.0.1.
'use strict'
const fs = require('fs')
const http2 = require('http2')
const [port = 8888, cert, key] = process.argv.slice(2)
const echo = (req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
  res.end(req.url)
}
const server = cert
  ? http2.createSecureServer({ cert: fs.readFileSync(cert), key: fs.readFileSync(key), allowHTTP1: true }, echo)
  : http2.createServer(echo)
server.listen(Number(port), '127.0.0.1', () => console.log(`listening ${server.address().port}`))
process.on('SIGTERM', () => process.exit(0))
