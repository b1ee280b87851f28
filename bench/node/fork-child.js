// The child for fork-parent.js: answers every message with itself.
'use strict'
process.on('message', message => process.send(message))
