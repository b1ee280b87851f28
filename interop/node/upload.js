// Uploads a file with Node's own http.request, as a Node program would, and prints the status and
// the body of the answer; exits 1 on any error (an EPIPE while sending, say).
// Usage: node upload.js URL FILE
'use strict'
const fs = require('fs')
const http = require('http')

const [url, file] = process.argv.slice(2)
if (!url || !file) {
  console.error('usage: node upload.js URL FILE')
  process.exit(2)
}
const body = fs.readFileSync(file)
const request = http.request(url, { method: 'POST', headers: { 'Content-Length': body.length } }, response => {
  let answer = ''
  response.setEncoding('utf8')
  response.on('data', chunk => { answer += chunk })
  response.on('end', () => {
    console.log(`${response.statusCode} ${answer}`)
  })
})
request.on('error', err => {
  console.error(`upload failed: ${err.message}`)
  process.exit(1)
})
request.end(body)
