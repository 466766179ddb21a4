'use strict'
// Baton's private AT Protocol network: PLC, PDS, AppView (bsky) and Ozone from @atproto/dev-env, on 127.0.0.1,
// seeded with a small deterministic community. Started by atproto.sh; when it is ready it writes
// $ATP_RUN/ready.json (DIDs, handles, passwords, post URIs and CIDs). SIGTERM closes the network and exits 0.
//
// Environment: ATP_HOME (node_modules), ATP_RUN (runtime dir), ATP_{PLC,PDS,APPVIEW,OZONE}_PORT,
// DB_POSTGRES_URL and REDIS_HOST (asserted by dev-env, never connected to), TMPDIR (the PDS data).
const fs = require('node:fs')
const path = require('node:path')
const { createRequire } = require('node:module')

require('./loopback-only')

const env = (name, fallback) => process.env[name] || fallback
const ATP_HOME = env('ATP_HOME', path.resolve(__dirname, '../../../../build/atproto'))
const ATP_RUN = env('ATP_RUN', path.join(ATP_HOME, 'run'))
const PORTS = {
  plc: Number(env('ATP_PLC_PORT', 2582)),
  pds: Number(env('ATP_PDS_PORT', 2583)),
  appview: Number(env('ATP_APPVIEW_PORT', 2584)),
  ozone: Number(env('ATP_OZONE_PORT', 2587)),
}
const PASSWORD = 'hunter2'
const INDEX_TIMEOUT_MS = 10000

const log = (...args) => console.log(new Date().toISOString(), '[baton-atproto]', ...args)

const requireFromHome = createRequire(path.join(ATP_HOME, 'package.json'))
const { TestNetwork } = requireFromHome('@atproto/dev-env')

class XrpcError extends Error {
  constructor(method, status, body) {
    super(`${method}: HTTP ${status} ${JSON.stringify(body)}`)
    this.status = status
    this.body = body
  }
}

// One XRPC call to the PDS. Queries are GET with params; procedures are POST with a JSON body.
async function xrpc(base, method, { token, params, body } = {}) {
  const url = new URL(`/xrpc/${method}`, base)
  for (const [k, v] of Object.entries(params || {})) {
    for (const item of [].concat(v)) url.searchParams.append(k, String(item))
  }
  const headers = {}
  if (token) headers.authorization = `Bearer ${token}`
  if (body !== undefined) headers['content-type'] = 'application/json'
  const res = await fetch(url, {
    method: body !== undefined ? 'POST' : 'GET',
    headers,
    body: body !== undefined ? JSON.stringify(body) : undefined,
  })
  const text = await res.text()
  const json = text ? JSON.parse(text) : {}
  if (!res.ok) throw new XrpcError(method, res.status, json)
  return json
}

// Facet byte ranges are UTF-8 byte offsets into the text, not UTF-16 indexes.
function byteSlice(text, fragment) {
  const at = text.indexOf(fragment)
  if (at < 0) throw new Error(`"${fragment}" is not in "${text}"`)
  const byteStart = Buffer.byteLength(text.slice(0, at), 'utf8')
  return { byteStart, byteEnd: byteStart + Buffer.byteLength(fragment, 'utf8') }
}

const mentionFacet = (text, handle, did) => ({
  index: byteSlice(text, `@${handle}`),
  features: [{ $type: 'app.bsky.richtext.facet#mention', did }],
})

const linkFacet = (text, uri) => ({
  index: byteSlice(text, uri),
  features: [{ $type: 'app.bsky.richtext.facet#link', uri }],
})

async function seed(pdsUrl) {
  const users = {}
  for (const [name, displayName] of [
    ['alice', 'Alice (Baton brand)'],
    ['bob', 'Bob'],
    ['carla', 'Carla'],
  ]) {
    const handle = `${name}.test`
    const session = await xrpc(pdsUrl, 'com.atproto.server.createAccount', {
      body: { handle, email: `${name}@baton.test`, password: PASSWORD },
    })
    users[name] = { did: session.did, handle, password: PASSWORD, accessJwt: session.accessJwt }
    await xrpc(pdsUrl, 'com.atproto.repo.putRecord', {
      token: session.accessJwt,
      body: {
        repo: session.did,
        collection: 'app.bsky.actor.profile',
        rkey: 'self',
        record: { $type: 'app.bsky.actor.profile', displayName },
      },
    })
  }

  const appPassword = await xrpc(pdsUrl, 'com.atproto.server.createAppPassword', {
    token: users.alice.accessJwt,
    body: { name: 'baton' },
  })
  users.alice.appPassword = appPassword.password

  // Strictly increasing createdAt values a few seconds in the past, so the seeds sort in a fixed order and fall
  // inside any "recent activity" window.
  let clock = Date.now() - 60000
  const createRecord = async (who, collection, record) => {
    clock += 1000
    const res = await xrpc(pdsUrl, 'com.atproto.repo.createRecord', {
      token: users[who].accessJwt,
      body: {
        repo: users[who].did,
        collection,
        record: { $type: collection, createdAt: new Date(clock).toISOString(), ...record },
      },
    })
    return { uri: res.uri, cid: res.cid }
  }
  const post = (who, record) => createRecord(who, 'app.bsky.feed.post', { langs: ['en'], ...record })

  const posts = {}
  posts.root = await post('alice', { text: 'Welcome to the Baton test community' })
  const replyTo = { root: posts.root, parent: posts.root }

  const bobReplyText = '@alice.test thanks for the welcome, happy to be here!'
  posts.bobReply = await post('bob', {
    text: bobReplyText,
    reply: replyTo,
    facets: [mentionFacet(bobReplyText, 'alice.test', users.alice.did)],
  })

  const link = 'https://example.com/baton/schedule'
  const bobMentionText = `👋 Hey @alice.test, is the meetup still on? Schedule: ${link}`
  posts.bobMention = await post('bob', {
    text: bobMentionText,
    facets: [mentionFacet(bobMentionText, 'alice.test', users.alice.did), linkFacet(bobMentionText, link)],
  })

  posts.carlaReply = await post('carla', { text: 'Glad to join, thanks for setting this up.', reply: replyTo })

  posts.carlaQuote = await post('carla', {
    text: 'Everyone should follow this community',
    embed: { $type: 'app.bsky.embed.record', record: posts.root },
  })

  await createRecord('bob', 'app.bsky.feed.like', { subject: posts.root })
  await createRecord('bob', 'app.bsky.graph.follow', { subject: users.alice.did })

  for (const user of Object.values(users)) delete user.accessJwt
  return { users, posts }
}

// The AppView indexes the PDS firehose asynchronously: ready only once alice's notifications show the seeds.
async function waitForIndexing(network, pdsUrl, users, posts) {
  await network.processAll(INDEX_TIMEOUT_MS)
  const session = await xrpc(pdsUrl, 'com.atproto.server.createSession', {
    body: { identifier: users.alice.handle, password: users.alice.password },
  })
  const expected = new Map([
    [posts.bobReply.uri, 'mention'],
    [posts.bobMention.uri, 'mention'],
    [posts.carlaReply.uri, 'reply'],
    [posts.carlaQuote.uri, 'quote'],
  ])
  const deadline = Date.now() + INDEX_TIMEOUT_MS
  for (;;) {
    const res = await xrpc(pdsUrl, 'app.bsky.notification.listNotifications', {
      token: session.accessJwt,
      params: { limit: 50 },
    })
    const seen = new Map(res.notifications.map((n) => [n.uri, n.reason]))
    const missing = [...expected].filter(([uri, reason]) => seen.get(uri) !== reason)
    if (missing.length === 0) return
    if (Date.now() > deadline) {
      throw new Error(`the AppView did not index ${missing.map(([u, r]) => `${r} ${u}`).join(', ')}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

function writeReadyFile(ready) {
  const file = path.join(ATP_RUN, 'ready.json')
  const tmp = `${file}.${process.pid}.tmp`
  fs.writeFileSync(tmp, JSON.stringify(ready, null, 2) + '\n')
  fs.renameSync(tmp, file)
  return file
}

async function main() {
  const started = Date.now()
  let network
  let closing = false
  const shutdown = async (signal) => {
    if (closing) return
    closing = true
    log(`${signal}: closing the network`)
    try {
      if (network) await network.close()
      process.exit(0)
    } catch (err) {
      console.error(err)
      process.exit(1)
    }
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))

  network = await TestNetwork.create({
    plc: { port: PORTS.plc },
    pds: { port: PORTS.pds, hostname: 'localhost', enableDidDocWithSession: true },
    bsky: { port: PORTS.appview, dbPostgresSchema: 'bsky', publicUrl: `http://localhost:${PORTS.appview}` },
    ozone: {
      port: PORTS.ozone,
      chatUrl: 'http://localhost:2590', // no chat service runs; Ozone only needs a URL
      chatDid: 'did:example:chat',
      dbMaterializedViewRefreshIntervalMs: 30000,
    },
  })
  if (closing) return
  log(`network up in ${Date.now() - started} ms`)

  const pdsUrl = `http://127.0.0.1:${PORTS.pds}`
  const { users, posts } = await seed(pdsUrl)
  await waitForIndexing(network, pdsUrl, users, posts)

  const file = writeReadyFile({
    pds: pdsUrl,
    appview: `http://127.0.0.1:${PORTS.appview}`,
    plc: `http://127.0.0.1:${PORTS.plc}`,
    ozone: `http://127.0.0.1:${PORTS.ozone}`,
    appviewDid: network.bsky.serverDid,
    ozoneDid: network.ozone.ctx.cfg.service.did,
    users,
    posts,
  })
  log(`ready in ${Date.now() - started} ms: ${file}`)
}

main().catch((err) => {
  console.error('[baton-atproto] start failed:', err)
  process.exit(1)
})
