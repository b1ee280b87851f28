// Round trips over Node's child_process.fork channel, for the benchmark: send 'hi', wait for the
// child's echo, again, for SECONDS. Usage: node fork-parent.js SECONDS
'use strict'
const { fork } = require('child_process')
const path = require('path')

const seconds = Number(process.argv[2] || 5)
const child = fork(path.join(__dirname, 'fork-child.js'))
const end = Date.now() + seconds * 1000
let trips = 0
child.on('message', () => {
  trips++
  if (Date.now() < end) {
    child.send('hi')
  } else {
    console.log(`round trips: ${trips} (${Math.round(trips / seconds)}/s)`)
    child.disconnect()
  }
})
child.send('hi')
