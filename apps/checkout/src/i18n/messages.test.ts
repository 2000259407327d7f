import { readdirSync, readFileSync } from 'node:fs';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { LOCALES, negotiateLocale } from './locales';

type Tree = { [key: string]: string | Tree };
const dir = new URL('../../messages/', import.meta.url);
const load = (locale: string): Tree =>
  JSON.parse(readFileSync(new URL(`${locale}.json`, dir), 'utf8'));

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keys(value, `${prefix}${key}.`),
  );
}
function leaf(tree: Tree, path: string): string {
  return path
    .split('.')
    .reduce<Tree | string>((node, key) => (node as Tree)[key] ?? '', tree) as string;
}

const english = keys(load('en')).sort();

describe('message files', () => {
  it('exist for every locale and no other', () => {
    expect(
      readdirSync(dir)
        .map((f) => f.replace('.json', ''))
        .sort(),
    ).toEqual([...LOCALES].sort());
  });

  it.each(LOCALES)('%s has exactly the English keys, each a valid ICU message', (locale) => {
    const messages = load(locale);
    expect(keys(messages).sort()).toEqual(english);
    for (const key of english) {
      const text = leaf(messages, key);
      expect(text.trim(), `${locale}:${key}`).not.toBe('');
      expect(() => new IntlMessageFormat(text, locale), `${locale}:${key}`).not.toThrow();
    }
  });

  it('every card-decline code the sandbox sends has a message', () => {
    for (const code of [
      'card_declined',
      'insufficient_funds',
      'payment_intent_authentication_failure',
    ]) {
      expect(english).toContain(`errors.${code}`);
    }
  });
});

describe('negotiateLocale', () => {
  it('prefers ?locale=, then Accept-Language, then the tenant default', () => {
    expect(negotiateLocale({ override: 'fr', acceptLanguage: 'de-DE' })).toBe('fr');
    expect(negotiateLocale({ acceptLanguage: 'de-DE,de;q=0.9,en;q=0.5' })).toBe('de');
    expect(negotiateLocale({ acceptLanguage: 'pt-BR' })).toBe('pt');
    expect(negotiateLocale({ acceptLanguage: 'ja-JP', tenantDefault: () => 'nl' })).toBe('nl');
    expect(negotiateLocale({ acceptLanguage: '' })).toBe('en');
  });

  it('ignores values it does not speak and malformed headers', () => {
    expect(negotiateLocale({ override: '<script>', acceptLanguage: 'es' })).toBe('es');
    expect(negotiateLocale({ acceptLanguage: ';;;,q=x', tenantDefault: () => 'xx' })).toBe('en');
  });
});
