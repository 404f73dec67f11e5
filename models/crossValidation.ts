import { createHash } from 'node:crypto';
import { logit, type LinearHead } from './logistic';
import { rocAuc as rankAuc } from './metrics';
import type { HeadRow } from './trainingRows';

/** A stable fold from an example's group, so a commerce template never straddles two folds. */
export function foldOf(group: string, folds: number): number {
  return createHash('sha1').update(group).digest().readUInt32BE(0) % folds;
}

export interface CrossValidated {
  /** Mean over folds of the held-out F1 at that fold's own best threshold. */
  f1: number;
  rocAuc: number;
}

/**
 * The best F1 over every cut between distinct scores. Exact on raw logits: metrics.ts's
 * threshold search rounds probabilities to 0.001, which cannot tell apart the saturated
 * probabilities of an uncalibrated, lightly regularised head.
 */
export function bestF1(scores: number[], labels: Array<0 | 1>): number {
  const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  const positives = labels.filter((y) => y === 1).length;
  let tp = 0;
  let fp = 0;
  let best = 0;
  for (let i = 0; i < order.length; i++) {
    if (labels[order[i]!] === 1) tp++;
    else fp++;
    // Cut only between distinct scores: tied texts are all flagged or none.
    if (i + 1 < order.length && scores[order[i + 1]!] === scores[order[i]!]) continue;
    best = Math.max(best, (2 * tp) / (tp + fp + positives));
  }
  return best;
}

/**
 * K-fold cross-validation of one head. Each fold's threshold is its own best, so the figure
 * measures how well the head ranks and separates, not how well one threshold travels; choosing a
 * threshold is done afterwards, on validation data, as training does.
 */
export function crossValidate(rows: HeadRow[], folds: number, fit: (training: HeadRow[], fold: number) => LinearHead): CrossValidated {
  let f1 = 0;
  let rocAuc = 0;
  const foldOfRow = rows.map((r) => foldOf(r.example.group, folds));
  for (let k = 0; k < folds; k++) {
    const head = fit(rows.filter((_, i) => foldOfRow[i] !== k), k);
    const held = rows.filter((r, i) => foldOfRow[i] === k && r.labelled);
    const scores = held.map((r) => logit(head, r.x));
    const labels = held.map((r) => r.y);
    f1 += bestF1(scores, labels) / folds;
    rocAuc += rankAuc(scores, labels) / folds;
  }
  return { f1, rocAuc };
}
