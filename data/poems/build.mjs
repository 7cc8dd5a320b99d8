// Builds data/poems/tang.txt from the npm packages chinese-poetry (the poems) and opencc-js
// (traditional -> simplified characters). Run by hand, never by tests or CI:
//
//   mkdir -p /tmp/poetry && cd /tmp/poetry
//   npm install chinese-poetry@2.0.1 opencc-js@1.4.2
//   node /path/to/repo/data/poems/build.mjs /tmp/poetry/node_modules
//
// The output is deterministic: the same package versions give the same file, byte for byte.

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const modules = path.resolve(process.argv[2] ?? "/tmp/poetry/node_modules");
const poetryDir = path.join(modules, "chinese-poetry", "dist");
const require = createRequire(path.join(modules, "build.cjs"));
const OpenCC = require("opencc-js");
const outFile = path.join(path.dirname(fileURLToPath(import.meta.url)), "tang.txt");

// 't' = OpenCC's standard traditional characters, 'cn' = simplified as used in mainland China.
const toSimplified = OpenCC.Converter({ from: "t", to: "cn" });

// A poem line is a run of CJK ideographs; these marks end a line. Anything else in a poem
// (□ for a lost character, brackets around editors' notes, variant readings) disqualifies it.
const lineEnd = /[，。？！；：、]/u;
const ideograph = /^[\u4e00-\u9fff]+$/u;

// A character seen in fewer poems than this is treated as rare: a tiny model cannot learn it,
// and dropping the few poems that use one shrinks the vocabulary a lot.
const minPoemsPerCharacter = 3;

// Returns the four lines of a quatrain (4 lines, all 5 or all 7 characters), or null.
function quatrainLines(paragraphs) {
  const text = paragraphs.join("");
  const lines = text.split(lineEnd);
  if (lines.at(-1) === "") lines.pop();
  if (lines.length !== 4) return null;
  if (!lines.every((l) => ideograph.test(l))) return null;
  const n = lines[0].length;
  if ((n !== 5 && n !== 7) || !lines.every((l) => l.length === n)) return null;
  return lines;
}

// Punctuation in these texts was added by editors, so every poem gets the same pattern:
// a comma after lines 1 and 3, a full stop after lines 2 and 4.
const format = (lines) => `${lines[0]}，${lines[1]}。${lines[2]}，${lines[3]}。`;

function* threeHundred() {
  const book = JSON.parse(fs.readFileSync(path.join(poetryDir, "mengxue", "tangshisanbaishou.json"), "utf8"));
  for (const section of book.content) for (const poem of section.content) yield poem.paragraphs;
}

function* quanTangShi() {
  const dir = path.join(poetryDir, "quantangshi");
  const files = fs.readdirSync(dir).filter((f) => /^poet\.tang\.\d+\.json$/.test(f));
  files.sort((a, b) => Number(a.split(".")[2]) - Number(b.split(".")[2]));
  for (const f of files) for (const poem of JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"))) yield poem.paragraphs;
}

// The 300 Tang poems come first so that their well-known versions win over variants in the
// complete collection (e.g. 静夜思 "床前明月光" rather than "床前看月光").
const candidates = [];
const seenLines = new Set();
let read = 0;
let fromThreeHundred = 0;
for (const [famous, source] of [[true, threeHundred()], [false, quanTangShi()]]) {
  for (const paragraphs of source) {
    read++;
    const traditional = quatrainLines(paragraphs);
    if (!traditional) continue;
    const lines = traditional.map((l) => toSimplified(l));
    if (!lines.every((l) => ideograph.test(l) && l.length === traditional[0].length)) continue;
    // A poem sharing two lines with an earlier one is a duplicate or a variant reading of it
    // (the same poem under two authors, or one character read differently).
    const shared = lines.filter((l) => seenLines.has(l)).length;
    if (shared >= 2) continue;
    for (const l of lines) seenLines.add(l);
    candidates.push(lines);
    if (famous) fromThreeHundred++;
  }
}

const poemsWith = new Map();
for (const lines of candidates) {
  for (const ch of new Set(lines.join(""))) poemsWith.set(ch, (poemsWith.get(ch) ?? 0) + 1);
}
// The 300 Tang poems are the ones learners know, so they stay even with a rare character.
const kept = candidates.filter(
  (lines, i) => i < fromThreeHundred || [...lines.join("")].every((ch) => poemsWith.get(ch) >= minPoemsPerCharacter),
);

// Fisher–Yates with a fixed seed (mulberry32), so neighbouring lines are unrelated poems
// and any contiguous slice of the file is a fair sample.
function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(20240601);
for (let i = kept.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [kept[i], kept[j]] = [kept[j], kept[i]];
}

const text = kept.map(format).join("\n") + "\n";
fs.writeFileSync(outFile, text, "utf8");

const body = kept.map((l) => l.join("")).join("");
const distinct = new Set(text.replace(/\n/g, ""));
console.log(`read ${read} poems, ${candidates.length} distinct quatrains (${fromThreeHundred} from the 300), kept ${kept.length}`);
console.log(`five-character: ${kept.filter((l) => l[0].length === 5).length}, seven-character: ${kept.filter((l) => l[0].length === 7).length}`);
console.log(`characters (no newlines): ${[...text.replace(/\n/g, "")].length}, ideographs: ${[...body].length}, distinct: ${distinct.size}`);
console.log(`bytes: ${Buffer.byteLength(text, "utf8")} -> ${outFile}`);
