import { describe, expect, it } from 'vitest';
import { dateFormat, numberFormat } from '../../console/src/common/formatters';

describe('Intl formatters kept per locale and options', () => {
  it('format as toLocaleString does, in either language', () => {
    const at = new Date('2026-11-02T09:30:00Z');
    for (const locale of ['en-GB', 'zh-CN']) {
      expect(dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(at)).toBe(
        at.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' }),
      );
      expect(dateFormat(locale, { month: 'short', day: 'numeric' }).format(at.getTime())).toBe(
        at.toLocaleDateString(locale, { month: 'short', day: 'numeric' }),
      );
    }
    const unit = { style: 'unit', unit: 'hour', unitDisplay: 'long', maximumFractionDigits: 0 } as const;
    expect(numberFormat('en-GB', unit).format(3)).toBe('3 hours');
    expect(numberFormat('zh-CN', unit).format(3)).toBe((3).toLocaleString('zh-CN', unit));
  });

  it('build each formatter once, and a different one for other options or another locale', () => {
    expect(dateFormat('en-GB', { dateStyle: 'medium' })).toBe(dateFormat('en-GB', { dateStyle: 'medium' }));
    expect(dateFormat('en-GB', { dateStyle: 'medium' })).not.toBe(dateFormat('zh-CN', { dateStyle: 'medium' }));
    expect(numberFormat('en-GB', { style: 'unit', unit: 'day' })).toBe(numberFormat('en-GB', { style: 'unit', unit: 'day' }));
    expect(numberFormat('en-GB', { style: 'unit', unit: 'day' })).not.toBe(numberFormat('en-GB', { style: 'unit', unit: 'hour' }));
  });
});
