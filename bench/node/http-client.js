// The article's HTTP client, for the benchmark: one GET, prints the status code and the body.
// Usage: node http-client.js http://HOST:PORT/PATH
'use strict'
const http = require('http')
const req = http.get(process.argv[2], res => {
  console.log(`statusCode: ${res.statusCode}`)
  res.on('data', d => process.stdout.write(d))
})
req.on('error', error => { console.error(error.message); process.exit(7) })
