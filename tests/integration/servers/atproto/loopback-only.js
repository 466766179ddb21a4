'use strict'
// Preloaded into the test network's node process (NODE_OPTIONS=--require <this file>). The AT Protocol services
// call listen(port) with no host, which would accept connections on every interface; here every TCP listen is
// forced onto 127.0.0.1. Unix sockets and inherited handles are left alone.
const net = require('node:net')

const LOOPBACK = '127.0.0.1'
const PATCHED = Symbol.for('baton.atproto.loopbackOnly')

const isPort = (v) => typeof v === 'number' || (typeof v === 'string' && /^[0-9]+$/.test(v))
const isHandle = (v) => v !== null && typeof v === 'object' && ('_handle' in v || 'fd' in v || 'handle' in v)

if (!net.Server.prototype[PATCHED]) {
  const listen = net.Server.prototype.listen
  net.Server.prototype.listen = function loopbackListen(...args) {
    const first = args[0]
    if (args.length === 0 || typeof first === 'function') {
      // listen([callback]): a random port on every interface by default.
      return listen.call(this, 0, LOOPBACK, ...args)
    }
    if (first === undefined || first === null || isPort(first)) {
      // listen(port[, host][, backlog][, callback])
      const rest = args.slice(1)
      if (typeof rest[0] === 'string' || rest[0] === undefined || rest[0] === null) rest[0] = LOOPBACK
      else rest.unshift(LOOPBACK)
      return listen.call(this, first ?? 0, ...rest)
    }
    if (typeof first === 'object' && !isHandle(first) && first.path === undefined) {
      // listen(options[, callback])
      const options = { ...first, host: LOOPBACK }
      delete options.ipv6Only
      return listen.call(this, options, ...args.slice(1))
    }
    return listen.apply(this, args) // a Unix socket path or an existing handle
  }
  Object.defineProperty(net.Server.prototype, PATCHED, { value: true })
}

module.exports = { LOOPBACK, PATCHED }
