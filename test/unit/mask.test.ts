import { describe, expect, it } from 'vitest';
import { maskDeep, maskPersonalData } from '../../rules/privacy/mask';

describe('masking personal data', () => {
  it.each([
    ['加我微信 abc_12345 私聊', 'abc_12345'],
    ['打我电话 138 1234 5678', '1234'],
    ['mail seller.bob@mail.example now', 'seller.bob@mail.example'],
    ['扣扣 12345678 备注', '12345678'],
    ['卡号 6222 0212 3456 7890 123', '3456'],
    ['支付宝账号 payme_2024 转我', 'payme_2024'],
    ['WhatsApp +1 415 555 0199', '555'],
  ])('hides the identifier in "%s"', (text, secret) => {
    const masked = maskPersonalData(text);
    expect(masked).not.toContain(secret);
    expect(masked).toContain('*');
    expect(masked.length).toBe(text.length);
  });

  it('leaves everything else as written', () => {
    expect(maskPersonalData('这个耳机音质怎么样？599元')).toBe('这个耳机音质怎么样？599元');
    expect(maskPersonalData('加我微信 abc_12345 私聊')).toMatch(/^加我微信 .+ 私聊$/);
  });

  it('masks strings deep inside explanations', () => {
    const masked = maskDeep({
      all: [
        { fact: 'contactHandles', factValue: [{ kind: 'wechat', value: 'abc_12345' }] },
        { fact: 'text', factValue: '加我微信 abc_12345' },
      ],
    });
    expect(JSON.stringify(masked)).not.toContain('abc_12345');
  });
});
