import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addEvent,
  align,
  DEFAULT_SETTINGS,
  emptyState,
  recompute,
  reputation,
  retractEvent,
  type ReputationEvent,
} from '../../rules/reputation/beta';

const day = (d: number) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000);

describe('Beta reputation', () => {
  it('starts a new account at its prior, with no confidence', () => {
    const r = reputation({ discussion: emptyState(day(0)), commerce: emptyState(day(0)) }, 'member', day(0));
    expect(r.score).toBe(50);
    expect(r.confidence).toBe(0);
  });

  it('rises with good evidence, falls with bad, and gains confidence with either', () => {
    let d = emptyState(day(0));
    for (let i = 0; i < 20; i++) d = addEvent(d, { component: 'discussion', weight: 1, at: day(i) }, DEFAULT_SETTINGS);
    const good = reputation({ discussion: d, commerce: emptyState(day(0)) }, 'member', day(20));
    expect(good.score).toBeGreaterThan(80);
    expect(good.confidence).toBeGreaterThan(0.6);
    const bad = reputation(
      { discussion: d, commerce: addEvent(emptyState(day(0)), { component: 'commerce', weight: -5, at: day(20) }, DEFAULT_SETTINGS) },
      'member',
      day(20),
    );
    expect(bad.components.commerce.score).toBeLessThan(0.3);
    expect(bad.components.discussion.score).toBe(good.components.discussion.score);
  });

  it('forgets: evidence a half-life old counts half', () => {
    const s = addEvent(emptyState(day(0)), { component: 'commerce', weight: -4, at: day(0) }, DEFAULT_SETTINGS);
    const later = reputation({ discussion: emptyState(day(0)), commerce: s }, 'member', day(90));
    expect(later.components.commerce.negative).toBeCloseTo(2, 10);
  });

  it('keeps incrementally, in any arrival order, what a full recomputation gives', () => {
    const event = fc.record({
      component: fc.constantFrom('discussion' as const, 'commerce' as const),
      weight: fc.double({ min: -5, max: 5, noNaN: true }).filter((w) => w !== 0),
      at: fc.integer({ min: 0, max: 400 }).map(day),
    });
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 60 }), (events: ReputationEvent[]) => {
        const incremental = { discussion: emptyState(new Date(0)), commerce: emptyState(new Date(0)) };
        for (const e of events) incremental[e.component] = addEvent(incremental[e.component], e, DEFAULT_SETTINGS);
        const full = recompute(events);
        const at = day(500);
        const a = reputation(incremental, 'vendor', at);
        const b = reputation(full, 'vendor', at);
        // Floating-point sums in another order: equal to 1e-9, not bit for bit.
        expect(Math.abs(a.score - b.score)).toBeLessThan(1e-9);
        for (const c of ['discussion', 'commerce'] as const) {
          expect(Math.abs(a.components[c].positive - b.components[c].positive)).toBeLessThan(1e-9);
          expect(Math.abs(a.components[c].negative - b.components[c].negative)).toBeLessThan(1e-9);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('retracting an event leaves what recomputing without it gives', () => {
    const event = fc.record({
      component: fc.constantFrom('discussion' as const, 'commerce' as const),
      weight: fc.double({ min: -5, max: 5, noNaN: true }).filter((w) => Math.abs(w) > 1e-6),
      at: fc.integer({ min: 0, max: 400 }).map(day),
    });
    fc.assert(
      fc.property(fc.array(event, { minLength: 2, maxLength: 40 }), fc.nat(), (events: ReputationEvent[], pick) => {
        const gone = events[pick % events.length]!;
        let states = recompute(events);
        states = align(states, DEFAULT_SETTINGS);
        states[gone.component] = retractEvent(states[gone.component], gone, DEFAULT_SETTINGS);
        const without = recompute(events.filter((e) => e !== gone));
        const at = day(600);
        expect(Math.abs(reputation(states, 'member', at).score - reputation(without, 'member', at).score)).toBeLessThan(1e-9);
      }),
      { numRuns: 300 },
    );
  });
});
