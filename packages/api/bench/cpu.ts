import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time spent, read from Linux's /proc: this process (`process.cpuUsage`, so in the in-process
 * benches the load generator and every server in it) and the machine's PostgreSQL (every process
 * named `postgres`, plus what its exited children left on the postmaster's account), and the
 * process groups of servers started detached (a server and the workers it forks). On two
 * shared cores, CPU per request is what bounds throughput; it says where a gap to the raw floor
 * is spent. Elsewhere than Linux the Postgres figure is null.
 */
export interface CpuSnapshot {
  /** This process, user + system, milliseconds. */
  node: number;
  /** All postgres processes, user + system, milliseconds; null without /proc. */
  postgres: number | null;
  /** Process groups asked for by id (a server started detached), milliseconds; null if none. */
  groups: Record<number, number | null>;
}

/** Clock ticks per second as /proc counts them: USER_HZ, 100 on every Linux port in use. */
const USER_HZ = 100;

/** utime + stime, cutime + cstime and the process group of /proc/<pid>/stat; null if unreadable. */
function readTicks(
  pid: number | string,
): { own: number; children: number; name: string; group: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the name is in parentheses and may hold spaces: the fields follow the last ')'
    const close = stat.lastIndexOf(')');
    const name = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    // fields[0] is the state (field 3), fields[2] the process group (field 5); utime is field 14,
    // so fields[11], then stime, cutime, cstime
    const group = Number(fields[2]);
    const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number) as [
      number,
      number,
      number,
      number,
    ];
    return { own: utime + stime, children: cutime + cstime, name, group };
  } catch {
    return null;
  }
}

/** Ticks of every postgres process, and of every process in each of `groups`. */
function scan(groups: readonly number[]): { postgres: number | null; groups: Map<number, number> } {
  const byGroup = new Map<number, number>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return { postgres: null, groups: byGroup };
  }
  let postgres = 0;
  let seen = false;
  for (const pid of pids) {
    const t = readTicks(pid);
    if (!t) continue;
    // a process's account of its exited children holds, for the postmaster, the backends that
    // ended meanwhile, and for a server, the workers it forked and reaped
    if (t.name === 'postgres') {
      seen = true;
      postgres += t.own + t.children;
    }
    if (groups.includes(t.group))
      byGroup.set(t.group, (byGroup.get(t.group) ?? 0) + t.own + t.children);
  }
  return { postgres: seen ? postgres : null, groups: byGroup };
}

const millis = (ticks: number) => (ticks * 1000) / USER_HZ;

/** Reads the counters now (and those of the process `groups`); compare two with `cpuSpent`. */
export function cpuSnapshot(groups: readonly number[] = []): CpuSnapshot {
  const usage = process.cpuUsage();
  const seen = scan(groups);
  return {
    node: (usage.user + usage.system) / 1000,
    postgres: seen.postgres === null ? null : millis(seen.postgres),
    groups: Object.fromEntries(
      groups.map((group) => {
        const ticks = seen.groups.get(group);
        return [group, ticks === undefined ? null : millis(ticks)];
      }),
    ),
  };
}

/** Milliseconds of CPU spent between two snapshots, per unit of work (`per`, e.g. requests). */
export function cpuSpent(
  before: CpuSnapshot,
  after: CpuSnapshot,
  per = 1,
): { node: number; postgres: number | null; groups: Record<number, number | null> } {
  const diff = (a: number | null | undefined, b: number | null | undefined) =>
    a == null || b == null || per <= 0 ? null : (b - a) / per;
  return {
    node: (after.node - before.node) / Math.max(per, 1),
    postgres: diff(before.postgres, after.postgres),
    groups: Object.fromEntries(
      Object.keys(after.groups).map((group) => [
        Number(group),
        diff(before.groups[Number(group)], after.groups[Number(group)]),
      ]),
    ),
  };
}
