import type { FieldIssue } from './errors';

/**
 * Postgres `text` and `jsonb` cannot hold U+0000, and a lone UTF-16 surrogate cannot be encoded
 * as UTF-8 at all: either one reaching the database becomes a 500. They are refused at the edge.
 */
function unstorableReason(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain a NUL character';
  if (!text.isWellFormed()) return 'must not contain a lone UTF-16 surrogate';
  return null;
}

/**
 * Every string (and object key) in a parsed JSON value that Postgres could not store, with the
 * dotted path of its field.
 *
 * @example
 * findUnstorableText({ customer: { name: 'A\u0000' } }) // → [{ field: 'customer.name', … }]
 */
export function findUnstorableText(value: unknown, prefix = ''): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const visit = (node: unknown, path: string) => {
    if (typeof node === 'string') {
      const reason = unstorableReason(node);
      if (reason) issues.push({ field: path || '(root)', message: reason });
    } else if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) visit(item, path ? `${path}.${i}` : String(i));
    } else if (node && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        const childPath = path ? `${path}.${key}` : key;
        const reason = unstorableReason(key);
        if (reason) issues.push({ field: childPath, message: `field name ${reason}` });
        visit(child, childPath);
      }
    }
  };
  visit(value, prefix);
  return issues;
}
