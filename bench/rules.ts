import { compilePolicy } from '../rules/policy/compile';
import { createReferenceEvaluator } from '../rules/policy/referenceEngine';
import { validatePolicy } from '../rules/policy/validate';
import { benchmarkLists, benchmarkPolicy } from './benchPolicy';
import { generatePostFacts } from './generatedItems';
import { handWrittenPolicy } from './handWrittenRules';
import { report, round } from './report';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);

async function main() {
  const doc = benchmarkPolicy();
  const lists = benchmarkLists();
  const problems = validatePolicy(doc, { subject: 'post', listNames: new Set(Object.keys(lists)) });
  if (problems.length) throw new Error(`benchmark policy is invalid: ${JSON.stringify(problems)}`);
  const items = generatePostFacts(ITEMS, lists);

  const reference = createReferenceEvaluator(doc, lists);
  const compiled = compilePolicy(doc, lists);
  const handWritten = handWrittenPolicy(doc, lists);

  // Warm both, then time each over the same items, one at a time as ingestion would.
  for (let i = 0; i < 2000; i++) {
    await reference.evaluate(items[i % items.length]!);
    compiled.evaluate(items[i % items.length]!);
    handWritten(items[i % items.length]!);
  }
  // json-rules-engine runs in five chunks of the items; each chunk is followed by a full pass of
  // the compiled evaluator and one of the hand-written closures (one per rule, the floor), so the
  // three are timed in the same stretches of a machine whose speed varies. The fast passes report
  // their median.
  let t: number;
  const referenceResults: unknown[] = new Array(items.length);
  const compiledResults: unknown[] = new Array(items.length);
  const handResults: unknown[] = new Array(items.length);
  const passes: number[] = [];
  const handPasses: number[] = [];
  let jreSeconds = 0;
  const chunk = Math.ceil(items.length / 5);
  for (let pass = 0; pass < 5; pass++) {
    t = performance.now();
    for (let i = pass * chunk; i < Math.min(items.length, (pass + 1) * chunk); i++)
      referenceResults[i] = (await reference.evaluate(items[i]!)).events;
    jreSeconds += (performance.now() - t) / 1000;
    t = performance.now();
    for (let i = 0; i < items.length; i++) compiledResults[i] = compiled.evaluate(items[i]!).events;
    passes.push((performance.now() - t) / 1000);
    t = performance.now();
    for (let i = 0; i < items.length; i++) handResults[i] = handWritten(items[i]!) ?? [];
    handPasses.push((performance.now() - t) / 1000);
  }
  passes.sort((a, b) => a - b);
  handPasses.sort((a, b) => a - b);
  const compiledSeconds = passes[2]!;
  const handSeconds = handPasses[2]!;
  const referenceEvents = referenceResults.map((e) => JSON.stringify(e));
  const compiledEvents = compiledResults.map((e) => JSON.stringify(e));
  const handEvents = handResults.map((e) => JSON.stringify(e));

  // The same, with every hit's explanation built, as ingestion does when it stores the hits.
  t = performance.now();
  let traced = 0;
  for (let i = 0; i < items.length; i++) for (const hit of compiled.evaluate(items[i]!).hits) traced += hit.explanation ? 1 : 0;
  const explainedSeconds = (performance.now() - t) / 1000;

  t = performance.now();
  let matched = 0;
  for (const item of items) matched += compiled.matchedRules(item).length;
  const matchOnlySeconds = (performance.now() - t) / 1000;

  let mismatches = 0;
  let itemsWithEvents = 0;
  for (let i = 0; i < items.length; i++) {
    if (referenceEvents[i] !== compiledEvents[i] || referenceEvents[i] !== handEvents[i]) mismatches++;
    if (compiledEvents[i] !== '[]') itemsWithEvents++;
  }
  const jrePerS = items.length / jreSeconds;
  const compiledPerS = items.length / compiledSeconds;
  report(
    [
      `policy: ${doc.rules.length} rules; items: ${items.length} generated posts (${itemsWithEvents} with at least one event, ${matched} rule matches)`,
      `json-rules-engine: ${round(jreSeconds, 2)} s, ${Math.round(jrePerS)} items/s`,
      `compiled (events; explanations built when read): median of 5 passes ${round(compiledSeconds, 3)} s (range ${round(passes[0]!, 3)}–${round(passes[4]!, 3)} s), ${Math.round(compiledPerS)} items/s`,
      `hand-written closures, one per rule (events): median of 5 passes ${round(handSeconds, 3)} s (range ${round(handPasses[0]!, 3)}–${round(handPasses[4]!, 3)} s), ${Math.round(items.length / handSeconds)} items/s; hand-written / compiled ${round(compiledSeconds / handSeconds, 2)}x`,
      `compiled (events and every explanation built): ${round(explainedSeconds, 2)} s, ${Math.round(items.length / explainedSeconds)} items/s (${traced} explanations)`,
      `compiled (which rules match, the backtest path): ${round(matchOnlySeconds, 2)} s, ${Math.round(items.length / matchOnlySeconds)} items/s`,
      `ratio compiled / json-rules-engine: ${round(compiledPerS / jrePerS, 1)}x; events identical (json-rules-engine, compiled, hand-written) on ${items.length - mismatches} of ${items.length} items`,
    ],
    {
      bench: 'rules',
      rules: doc.rules.length,
      items: items.length,
      jre_per_s: Math.round(jrePerS),
      compiled_per_s: Math.round(compiledPerS),
      hand_written_per_s: Math.round(items.length / handSeconds),
      hand_written_over_compiled: round(compiledSeconds / handSeconds, 2),
      explained_per_s: Math.round(items.length / explainedSeconds),
      match_only_per_s: Math.round(items.length / matchOnlySeconds),
      ratio: round(compiledPerS / jrePerS, 1),
      ratio_range: [round(items.length / passes[4]! / jrePerS, 1), round(items.length / passes[0]! / jrePerS, 1)],
      identical: mismatches === 0,
    },
  );
  if (mismatches) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
