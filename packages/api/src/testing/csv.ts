/**
 * Reads CSV as RFC 4180 writes it (quoted fields, doubled quotes, CRLF line ends) into rows of
 * cells, header included: what the tests of the orders export compare against.
 *
 * @example
 * const [header, ...rows] = parseCsv('id,name\r\nord_1,"Doe, Jane"\r\n');
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += c;
  }
  return rows;
}
