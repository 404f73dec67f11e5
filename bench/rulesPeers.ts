import { ZenEngine } from '@gorules/zen-engine';
import { seededRandom } from '../rules/seededRandom';
import { compilePolicy } from '../rules/policy/compile';
import type { PolicyDocument } from '../rules/policy/document';
import type { Facts } from '../rules/policy/evaluation';
import type { PolicyEvent } from '../rules/policy/events';
import { createReferenceEvaluator } from '../rules/policy/referenceEngine';
import { report, round } from './report';

/**
 * The compiled evaluator against its peers on one numeric policy: 30 rules of three comparisons
 * each (spam > t AND reputation < r AND links >= l), every engine over the same items, and the
 * rules that fire checked identical across all of them.
 *   - json-rules-engine: the reference semantics, one item at a time;
 *   - GoRules zen-engine (Rust, through N-API): the same rules as one decision table with the
 *     "collect" hit policy, one item at a time, and with BENCH_ZEN_IN_FLIGHT items in flight;
 *   - compiled: compilePolicy(...).evaluate(item).events;
 *   - closures: one hand-written closure per rule pushing the rule's event, the floor for any
 *     evaluator written in JavaScript.
 * BENCH_ITEMS sets the number of items (default 20,000); the two fast engines run BENCH_PASSES
 * passes each, interleaved, each pass going over the items until 400,000 evaluations, and the
 * median pass is reported.
 */
const ITEMS = Number(process.env.BENCH_ITEMS ?? 20_000);
const PASSES = Number(process.env.BENCH_PASSES ?? 7);
const IN_FLIGHT = Number(process.env.BENCH_ZEN_IN_FLIGHT ?? 20_000);
const RULES = 30;
const REPEAT = Math.max(1, Math.round(400_000 / ITEMS));

interface Thresholds {
  spam: number;
  reputation: number;
  links: number;
}

function policy(): { doc: PolicyDocument; thresholds: Thresholds[] } {
  const rnd = seededRandom(11);
  const thresholds = Array.from({ length: RULES }, () => ({
    spam: round(0.37 + rnd.next() * 0.4, 2),
    reputation: rnd.int(40, 80),
    links: rnd.int(1, 6),
  }));
  const doc: PolicyDocument = {
    rules: thresholds.map((t, i) => ({
      name: `r${i}`,
      conditions: {
        all: [
          { fact: 'spamScore', operator: 'greaterThan', value: t.spam },
          { fact: 'authorReputation', operator: 'lessThan', value: t.reputation },
          { fact: 'linkCount', operator: 'greaterThanInclusive', value: t.links },
        ],
      },
      event: { type: 'flag', params: { queue: 'spam', priority: 10 + i, reason: `rule ${i}` } },
    })),
  };
  return { doc, thresholds };
}

function items(): Facts[] {
  const rnd = seededRandom(12);
  return Array.from({ length: ITEMS }, () => ({ spamScore: rnd.next(), authorReputation: rnd.int(0, 100), linkCount: rnd.int(0, 9) }));
}

/** The same rules as one zen decision table: a column per fact, a row per rule, every matching row collected. */
function zenGraph(thresholds: Thresholds[]) {
  const inputs = [
    { id: 'spam', type: 'expression', field: 'spamScore', name: 'spam' },
    { id: 'rep', type: 'expression', field: 'authorReputation', name: 'reputation' },
    { id: 'links', type: 'expression', field: 'linkCount', name: 'links' },
  ];
  return {
    contentType: 'application/vnd.gorules.decision',
    nodes: [
      { id: 'in', type: 'inputNode', name: 'Request', position: { x: 0, y: 0 } },
      {
        id: 'table',
        type: 'decisionTableNode',
        name: 'Rules',
        position: { x: 200, y: 0 },
        content: {
          hitPolicy: 'collect',
          inputs,
          outputs: [{ id: 'rule', type: 'expression', field: 'rule', name: 'rule' }],
          rules: thresholds.map((t, i) => ({
            _id: `r${i}`,
            spam: `> ${t.spam}`,
            rep: `< ${t.reputation}`,
            links: `>= ${t.links}`,
            rule: `"r${i}"`,
          })),
        },
      },
      { id: 'out', type: 'outputNode', name: 'Response', position: { x: 400, y: 0 } },
    ],
    edges: [
      { id: 'e1', sourceId: 'in', targetId: 'table', type: 'edge' },
      { id: 'e2', sourceId: 'table', targetId: 'out', type: 'edge' },
    ],
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const { doc, thresholds } = policy();
  const facts = items();
  const eventName = new Map<PolicyEvent, string>();
  doc.rules.forEach((r) => eventName.set(r.event, r.name));

  // Which rules fire on each item, as a string per engine: all must agree.
  const fired: Record<string, string[]> = {};

  // json-rules-engine
  const reference = createReferenceEvaluator(doc, {});
  for (let i = 0; i < 500; i++) await reference.evaluate(facts[i % facts.length]!);
  let t = performance.now();
  fired.jre = [];
  for (const f of facts) fired.jre.push((await reference.evaluate(f)).hits.map((h) => h.rule).join(','));
  const jreSeconds = (performance.now() - t) / 1000;

  // zen-engine
  const engine = new ZenEngine();
  const decision = engine.createDecision(zenGraph(thresholds));
  const zenRules = (r: { result: unknown }) => (r.result as Array<{ rule: string }>).map((x) => x.rule).join(',');
  for (let i = 0; i < 500; i++) await decision.evaluate(facts[i % facts.length]!);
  t = performance.now();
  fired.zen = [];
  for (const f of facts) fired.zen.push(zenRules(await decision.evaluate(f)));
  const zenSeqSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  fired.zenConcurrent = [];
  for (let i = 0; i < facts.length; i += IN_FLIGHT) {
    const results = await Promise.all(facts.slice(i, i + IN_FLIGHT).map((f) => decision.evaluate(f)));
    for (const r of results) fired.zenConcurrent.push(zenRules(r));
  }
  const zenConcurrentSeconds = (performance.now() - t) / 1000;
  engine.dispose?.();

  // compiled and hand-written closures, interleaved passes
  const compiled = compilePolicy(doc, {});
  const events = doc.rules.map((r) => r.event);
  const closures: Array<(f: Facts) => boolean> = thresholds.map(
    (th) => (f) =>
      (f.spamScore as number) > th.spam && (f.authorReputation as number) < th.reputation && (f.linkCount as number) >= th.links,
  );
  const byClosures = (f: Facts): PolicyEvent[] | undefined => {
    let out: PolicyEvent[] | undefined;
    for (let i = 0; i < closures.length; i++) if (closures[i]!(f)) (out ??= []).push(events[i]!);
    return out;
  };
  // A pass goes over the items REPEAT times, so that it lasts long enough to time.
  const compiledPass = () => {
    let n = 0;
    for (let r = 0; r < REPEAT; r++) for (let i = 0; i < facts.length; i++) n += compiled.evaluate(facts[i]!).events.length;
    return n / REPEAT;
  };
  const closurePass = () => {
    let n = 0;
    for (let r = 0; r < REPEAT; r++) for (let i = 0; i < facts.length; i++) n += byClosures(facts[i]!)?.length ?? 0;
    return n / REPEAT;
  };
  const compiledTimes: number[] = [];
  const closureTimes: number[] = [];
  let compiledEvents = 0;
  let closureEvents = 0;
  for (let pass = 0; pass < PASSES + 1; pass++) {
    t = performance.now();
    closureEvents = closurePass();
    if (pass > 0) closureTimes.push((performance.now() - t) / 1000);
    t = performance.now();
    compiledEvents = compiledPass();
    if (pass > 0) compiledTimes.push((performance.now() - t) / 1000);
  }
  fired.compiled = facts.map((f) =>
    compiled
      .evaluate(f)
      .hits.map((h) => h.rule)
      .join(','),
  );
  fired.closures = facts.map((f) => (byClosures(f) ?? []).map((e) => doc.rules[events.indexOf(e)]!.name).join(','));

  const hitCounts = Object.fromEntries(
    Object.entries(fired).map(([k, v]) => [k, v.reduce((s, x) => s + (x === '' ? 0 : x.split(',').length), 0)]),
  );
  const identical = Object.values(fired).every((v) => v.every((x, i) => x === fired.jre![i]));
  if (compiledEvents !== hitCounts.jre || closureEvents !== hitCounts.jre) throw new Error('event counts differ between passes');

  const perS = {
    jre: facts.length / jreSeconds,
    zen: facts.length / zenSeqSeconds,
    zenConcurrent: facts.length / zenConcurrentSeconds,
    compiled: (REPEAT * facts.length) / median(compiledTimes),
    closures: (REPEAT * facts.length) / median(closureTimes),
  };
  const ratio = {
    compiled_over_jre: round(perS.compiled / perS.jre, 1),
    compiled_over_zen_concurrent: round(perS.compiled / perS.zenConcurrent, 1),
    closures_over_compiled: round(perS.closures / perS.compiled, 2),
  };
  report(
    [
      `policy: ${RULES} rules of 3 numeric conditions; ${facts.length} items, ${round(hitCounts.jre / facts.length, 2)} events per item`,
      `json-rules-engine:            ${Math.round(perS.jre)} items/s`,
      `zen-engine, one at a time:    ${Math.round(perS.zen)} items/s`,
      `zen-engine, ${IN_FLIGHT} in flight: ${Math.round(perS.zenConcurrent)} items/s`,
      `compiled (median of ${PASSES}):     ${Math.round(perS.compiled)} items/s (range ${Math.round((REPEAT * facts.length) / Math.max(...compiledTimes))}–${Math.round((REPEAT * facts.length) / Math.min(...compiledTimes))})`,
      `hand-written closures:        ${Math.round(perS.closures)} items/s (range ${Math.round((REPEAT * facts.length) / Math.max(...closureTimes))}–${Math.round((REPEAT * facts.length) / Math.min(...closureTimes))})`,
      `compiled / json-rules-engine ${ratio.compiled_over_jre}x; compiled / zen concurrent ${ratio.compiled_over_zen_concurrent}x; closures / compiled ${ratio.closures_over_compiled}x`,
      `rules fired identical across engines: ${identical} (hits: ${JSON.stringify(hitCounts)})`,
    ],
    {
      bench: 'rules-peers',
      rules: RULES,
      items: facts.length,
      events_per_item: round(hitCounts.jre / facts.length, 2),
      per_s: Object.fromEntries(Object.entries(perS).map(([k, v]) => [k, Math.round(v)])),
      ...ratio,
      identical,
    },
  );
  if (!identical) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
