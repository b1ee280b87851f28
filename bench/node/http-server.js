// The article's HTTP server, for the benchmark: answers every request with req.url.
// Usage: node http-server.js PORT
'use strict'
const http = require('http')
const port = Number(process.argv[2] || 8888)
http.createServer((req, res) => res.end(req.url)).listen(port, '127.0.0.1', () => console.log(`listening ${port}`))
process.on('SIGTERM', () => process.exit(0))
