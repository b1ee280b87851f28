// A duet.v1.Echo server on npm's @grpc/grpc-js: Echo and EchoStream answer each message with its
// bytes (an EchoRequest's field 1 is an EchoReply's field 1), with nothing about what arrived.
// Prints "listening on PORT"; h2c on 127.0.0.1.
//   NODE_PATH=... node grpc-echo-server.js [PORT]     (0, the default, picks a free one)
'use strict'
const grpc = require('@grpc/grpc-js')

const same = (b) => b
const server = new grpc.Server()
server.addService({
  Echo: {
    path: '/duet.v1.Echo/Echo', requestStream: false, responseStream: false,
    requestSerialize: same, requestDeserialize: same, responseSerialize: same, responseDeserialize: same
  },
  EchoStream: {
    path: '/duet.v1.Echo/EchoStream', requestStream: true, responseStream: true,
    requestSerialize: same, requestDeserialize: same, responseSerialize: same, responseDeserialize: same
  }
}, {
  Echo: (call, callback) => callback(null, call.request),
  EchoStream: (call) => {
    call.on('data', (m) => call.write(m))
    call.on('end', () => call.end())
  }
})
server.bindAsync(`127.0.0.1:${process.argv[2] || 0}`, grpc.ServerCredentials.createInsecure(), (err, port) => {
  if (err) throw err
  console.log(`listening on ${port}`)
})
