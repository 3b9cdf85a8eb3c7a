#!/usr/bin/env bash
# Regenerates vader_reference.tsv: VADER compound scores of vader_cases.txt by the reference
# implementation vader-sentiment 1.1.3 (npm, Apache-2.0, a port of C.J. Hutto's VADER), and the
# lexicon TSV files shipped in src/main/resources/io/virage/sentiment/lexicon/.
# Needs node and npm. Run from this folder.
set -euo pipefail
here=$(pwd)
work=$(mktemp -d)
cd "$work"
npm pack vader-sentiment@1.1.3 sentiment-fr@1.0.0 >/dev/null
mkdir vader fr && tar xzf vader-sentiment-1.1.3.tgz -C vader && tar xzf sentiment-fr-1.0.0.tgz -C fr
cd vader/package/src
# The package ships ES modules; make them loadable with require().
sed -i 's/^export const /const /; s/^export class /class /; s/^export default .*//; s/^import .*//' vaderSentiment.js vader_lexicon.js index.js
echo 'module.exports.SIA = SentimentIntensityAnalyzer;' >> vaderSentiment.js
echo 'module.exports.lexicon = lexicon;' >> vader_lexicon.js
node -e "
const {SIA} = require('./vaderSentiment.js');
const fs = require('fs');
const lines = fs.readFileSync('$here/vader_cases.txt', 'utf8').split('\n').filter(l => l.length > 0);
let out = '';
for (const l of lines) out += l + '\t' + SIA.polarity_scores(l).compound + '\n';
fs.writeFileSync('$here/vader_reference.tsv', out);
const L = require('./vader_lexicon.js').lexicon;
const lex = '$here/../../../main/resources/io/virage/sentiment/lexicon/';
let en = ''; for (const k of Object.keys(L)) { if (!/[\t\n]/.test(k)) en += k + '\t' + L[k] + '\n'; }
fs.writeFileSync(lex + 'en-vader.tsv', en);
const F = require('$work/fr/package/index.js');
let fr = ''; for (const k of Object.keys(F)) fr += k + '\t' + F[k] + '\n';
fs.writeFileSync(lex + 'fr-afinn.tsv', fr);
"
rm -rf "$work"
