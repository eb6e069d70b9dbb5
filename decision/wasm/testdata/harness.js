// Node test harness for the decision WebAssembly, run by TestNodeHarness:
//
//   node harness.js <wasm_exec.js> <decision.wasm> <tree.json>
//
// It loads the program the way a page does (wasm_exec.js, new Go(),
// WebAssembly.instantiate, go.run) with no Node extras visible to Go,
// then drives guidepostDecision as the decision tool's script would.
// It prints one line per failed check and exits 1 if any failed.
"use strict";

const fs = require("fs");
const [wasmExec, wasmFile, treeFile] = process.argv.slice(2);
require(wasmExec);

let failed = 0;
let passed = 0;
function check(ok, what, got) {
  if (ok) {
    passed++;
    return;
  }
  failed++;
  console.log("FAIL: " + what + (got === undefined ? "" : "; got " + JSON.stringify(got)));
}

async function main() {
  const go = new Go();
  const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasmFile), go.importObject);
  const exited = go.run(instance); // resolves only if the program ends
  let hasExited = false;
  exited.then(() => { hasExited = true; });

  const api = globalThis.guidepostDecision;
  check(typeof api === "object" && api !== null, "guidepostDecision is defined once the program runs", typeof api);
  for (const fn of ["load", "view", "answer", "back", "change"]) {
    check(typeof api[fn] === "function", "guidepostDecision." + fn + " is a function", typeof api[fn]);
  }

  let r = api.load(JSON.parse(fs.readFileSync(treeFile, "utf8")));
  check(r.ok === true, "load(tree) succeeds", r);

  // Walk from the start, always taking the first option.
  let fragment = "";
  let v = api.view(fragment);
  const seen = [];
  while (v.ok && !v.outcome && seen.length < 20) {
    seen.push(v.node.id);
    check(v.answered + v.remaining >= seen.length, "progress counts answered and remaining questions", v);
    r = api.answer(fragment, v.node.options[0].index);
    check(r.ok && typeof r.fragment === "string", "answer returns a fragment", r);
    fragment = r.fragment;
    v = api.view(fragment);
  }
  check(v.ok && v.outcome, "the walk reaches an outcome", v);
  check(fragment === "a=1.1.1.1", "first options give a=1.1.1.1", fragment);
  check(v.node.id === "us-baa-platform" && v.node.verdict === "allowed", "the outcome is us-baa-platform, allowed", v.node);
  check(Array.isArray(v.node.sources) && v.node.sources[0].url.startsWith("https://"), "the outcome lists its sources", v.node.sources);
  check(v.remaining === 0 && v.answered === 4, "4 answered, 0 remaining at the outcome", [v.answered, v.remaining]);
  check(v.trail.length === 4 && v.trail[2].fragment === "a=1.1" && v.trail[2].question === "Will the messages contain health information?",
    "the trail names each question and the fragment that reopens it", v.trail[2]);
  check(JSON.stringify(v).includes('"questionId":"us-phi"'), "results are plain objects JSON.stringify can print", null);

  r = api.back(fragment);
  check(r.ok && r.fragment === "a=1.1.1", "back drops the last answer", r);
  r = api.change(fragment, 0, 1);
  check(r.ok && r.fragment === "a=2", "change re-answers a step and drops the later ones", r);
  r = api.view("#" + r.fragment);
  check(r.ok && r.node.id === "uk-approved" && r.node.options.length === 2, "view accepts location.hash", r.node);

  r = api.view("a=7");
  check(r.ok === false && /has only 4 options/.test(r.error), "a link that does not fit gives a readable error", r);
  r = api.answer("", "first");
  check(r.ok === false && /must be a number/.test(r.error), "a wrong argument gives an error", r);
  r = api.view("");
  check(r.ok && r.node.id === "jurisdiction", "the program keeps serving after errors", r);

  await new Promise((resolve) => setTimeout(resolve, 10));
  check(!hasExited, "the Go program keeps running", hasExited);

  console.log("harness: " + passed + " checks passed, " + failed + " failed");
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((err) => {
  console.log("FAIL: " + (err && err.stack ? err.stack : err));
  process.exit(1);
});
