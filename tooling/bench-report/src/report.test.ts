import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readBenchResults } from './report';
import type { SectionResults } from './results';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-report-'));
  dirs.push(dir);
  return dir;
}

const full: SectionResults = {
  section: 'webhooks',
  series: [
    {
      id: 'ingest',
      title: 'B1',
      xLabel: 'concurrency',
      unit: 'events/s',
      rawLabel: 'raw SQL',
      points: [
        {
          x: 16,
          prood: { throughput: 150, p50: 90, p99: Number.NaN },
          raw: { throughput: 1100, p50: 12, p99: 30 },
          check: 'ok',
          checkOk: true,
        },
      ],
    },
  ],
  goals: [{ id: 'B1', goal: '≥ 0.5×', measured: '0.14×', met: false }],
  notes: { pool: '8' },
};

describe('reading bench-results/', () => {
  it('gives back every field a bench wrote, a NaN figure (null in JSON) as NaN', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'webhooks.json'), JSON.stringify({ ...full, writtenAt: 'now' }));
    writeFileSync(join(dir, 'webhooks.md'), 'the table');
    writeFileSync(join(dir, 'report.md'), 'not a section');
    const { sections, markdown } = readBenchResults(dir);
    expect(sections).toEqual([full]);
    expect([...markdown.entries()]).toEqual([['webhooks', 'the table']]);
  });

  it('names the file that is not a SectionResults', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'growth.json'), JSON.stringify({ section: 'growth', series: [{}] }));
    expect(() => readBenchResults(dir)).toThrow(/growth\.json/);
  });
});
