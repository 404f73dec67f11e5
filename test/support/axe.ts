import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

// axe-core injected as a script tag (the page bypasses the console's CSP for it), read once per test file.
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

type Violation = { id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> };

/**
 * Critical and serious WCAG 2.0/2.1 A violations on the page, as "rule: help at targets". By default the one
 * upstream fault accessibility.test.ts documents (react-admin's row checkbox label) is set aside node by node;
 * `strict` keeps it.
 */
export async function seriousViolations(page: Page, options: { strict?: boolean } = {}): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Violation[] }> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag21a'] } });
  });
  const setAside = (v: Violation, n: { target: string[] }) =>
    !options.strict && (v.id === 'label' || v.id === 'aria-prohibited-attr') && n.target.join(' ').includes('.RaDataTable-checkbox');
  return result.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !setAside(v, n)) }))
    .filter((v) => v.nodes.length > 0)
    .map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
