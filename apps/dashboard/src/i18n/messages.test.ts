import { readdirSync } from 'node:fs';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { DASHBOARD_LOCALES } from './locales';
import { en } from './messages';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value]] : leaves(value, `${prefix}${key}.`),
  );
}

describe('dashboard message files', () => {
  it('are loaded, every file of messages/en by its name', () => {
    const files = readdirSync(new URL('../../messages/en/', import.meta.url))
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.replace(/\.json$/, ''))
      .sort();
    expect(Object.keys(en).sort()).toEqual(files);
  });

  it('hold only non-empty texts that parse as ICU messages', () => {
    for (const [key, text] of leaves(en as unknown as Tree)) {
      expect(text.trim(), key).not.toBe('');
      expect(() => new IntlMessageFormat(text, 'en'), key).not.toThrow();
    }
  });

  it('name no key with a dot (next-intl reads a dot as one level down, so the text is never found)', () => {
    const dotted = (tree: Tree, prefix = ''): string[] =>
      Object.entries(tree).flatMap(([key, value]) => [
        ...(key.includes('.') ? [`${prefix}${key}`] : []),
        ...(typeof value === 'string' ? [] : dotted(value, `${prefix}${key}/`)),
      ]);
    expect(dotted(en as unknown as Tree)).toEqual([]);
  });

  it('exist for every locale the dashboard speaks', () => {
    const folders = readdirSync(new URL('../../messages/', import.meta.url)).sort();
    expect(folders).toEqual([...DASHBOARD_LOCALES].sort());
  });
});
