import { describe, expect, it } from 'vitest';
import { redirectUrlProblem, safeReturnPath } from './redirects';

const allowed = ['https://shop.example', 'http://localhost:3000'];

describe('redirectUrlProblem', () => {
  it.each([
    ['//evil.example/x', 'must be an absolute URL'],
    ['/relative', 'must be an absolute URL'],
    ['javascript:alert(1)', 'must use https'],
    ['data:text/html,hi', 'must use https'],
    ['http://shop.example/x', 'must use https'],
    ['https://evil.example/x', "is not on one of this account's allowed origins"],
    ['https://shop.example.evil.example/', "is not on one of this account's allowed origins"],
    ['https://user:pw@shop.example/', 'must not contain credentials'],
    ['http://localhost:3001/', "is not on one of this account's allowed origins"],
  ])('refuses %s', (url, reason) => {
    expect(redirectUrlProblem(url, allowed)).toBe(reason);
  });

  it.each([
    'https://shop.example/thanks?o=1',
    'http://localhost:3000/done',
    'https://SHOP.example/x',
  ])('accepts %s', (url) => {
    expect(redirectUrlProblem(url, allowed)).toBeNull();
  });
});

describe('safeReturnPath', () => {
  it.each([
    ['/invitations/inv_abc', '/invitations/inv_abc'],
    ['/orders?status=paid#top', '/orders?status=paid#top'],
    ['/a/../b', '/b'],
  ])('keeps the same-site path %s', (value, expected) => {
    expect(safeReturnPath(value)).toBe(expected);
  });

  it.each([
    '//evil.example/x',
    '/\\evil.example',
    '/\tevil',
    'https://evil.example',
    'javascript:alert(1)',
    'invitations/inv_abc',
    '',
    null,
    undefined,
    `/${'a'.repeat(600)}`,
  ])('refuses %s', (value) => {
    expect(safeReturnPath(value)).toBeNull();
  });
});
