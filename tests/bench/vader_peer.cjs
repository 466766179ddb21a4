// Speed and score peer for SentimentEval: the npm vader-sentiment port, run on the same texts.
//   node vader_peer.cjs PACKAGE_DIR TEXTS_FILE MIN_SECONDS
// Prints one JSON object: texts/s (best pass) and the compound score of each text, in order.
'use strict';
const fs = require('fs');
const path = require('path');
const [pkg, textsFile, minSeconds] = process.argv.slice(2);
const vader = require(path.join(pkg, require(path.join(pkg, 'package.json')).main));
const texts = fs.readFileSync(textsFile, 'utf8').split('\n').filter((t) => t.length > 0);
const scores = texts.map((t) => vader.SentimentIntensityAnalyzer.polarity_scores(t).compound);
let best = 0;
const until = Date.now() + 1000 * Number(minSeconds || 2);
do {
  const start = process.hrtime.bigint();
  let sink = 0;
  for (const t of texts) sink += vader.SentimentIntensityAnalyzer.polarity_scores(t).compound;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (sink === 12345.678) console.error('');
  best = Math.max(best, texts.length / seconds);
} while (Date.now() < until);
process.stdout.write(JSON.stringify({ texts_per_s: best, scores }) + '\n');
