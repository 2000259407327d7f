import { describe, expect, it } from 'vitest';
import { csvField, decimalAmount } from './csv';

describe('orders CSV cells', () => {
  it.each([
    ['plain', 'plain'],
    ['Doe, Jane', '"Doe, Jane"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    [' padded', '" padded"'],
    ['=1+1', "'=1+1"],
    ['+49 30 123', "'+49 30 123"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['=HYPERLINK("x","y")', `"'=HYPERLINK(""x"",""y"")"`],
    ['a=b', 'a=b'],
  ])('%j is written as %j', (value, written) => {
    expect(csvField(value)).toBe(written);
  });

  it('writes empty cells for missing values and plain text for numbers and booleans', () => {
    expect([csvField(null), csvField(undefined), csvField(12), csvField(true)]).toEqual([
      '',
      '',
      '12',
      'true',
    ]);
  });

  it.each([
    [123456, 'EUR', '1234.56'],
    [5, 'EUR', '0.05'],
    [0, 'EUR', '0.00'],
    [500, 'JPY', '500'],
    [1005, 'KWD', '1.005'],
    [7, 'KWD', '0.007'],
  ])('%i minor units of %s are %s', (minor, currency, decimal) => {
    expect(decimalAmount(minor, currency)).toBe(decimal);
  });
});
