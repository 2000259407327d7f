/** What the sandbox keeps: one kind per record type, all scoped to a tenant. */
export type SandboxKind =
  | 'session'
  | 'payment'
  | 'refund'
  | 'customer'
  | 'subscription'
  | 'delivery';

export interface SandboxRecord<T> {
  id: string;
  tenantId: string;
  kind: SandboxKind;
  data: T;
  /** Bumped on every update; updates are compare-and-swap on it. */
  rev: number;
  createdAt: Date;
}

export type SandboxMatch = Record<string, string | number | boolean>;

/**
 * The sandbox provider's persistence: a few generic operations over `sandbox_objects`, so its
 * state survives restarts and every app instance sees the same payments.
 */
export interface SandboxStore {
  /** `tenantId` omitted: look up by the unguessable id alone (the shopper's payment page). */
  get<T>(kind: SandboxKind, id: string, tenantId?: string): Promise<SandboxRecord<T> | undefined>;
  /** Inserts a record at rev 1; false when the id exists already (idempotent creates). */
  insert<T>(record: { id: string; tenantId: string; kind: SandboxKind; data: T }): Promise<boolean>;
  /** Replaces `data` if the record is still at `expectedRev`; false when someone got there first. */
  update<T>(
    kind: SandboxKind,
    record: { id: string; tenantId: string; rev: number },
    data: T,
  ): Promise<boolean>;
  /** Records of one kind whose data contains every `match` pair, oldest first. */
  find<T>(
    kind: SandboxKind,
    query?: { tenantId?: string; match?: SandboxMatch; limit?: number },
  ): Promise<Array<SandboxRecord<T>>>;
}

/**
 * A process-local store for unit tests and throwaway scripts; production and `pnpm dev` use the
 * drizzle store so that two instances agree.
 *
 * @example
 * const store = createMemorySandboxStore();
 * await store.insert({ id: 'sbx_cs_1', tenantId: 'org_1', kind: 'session', data: {} });
 */
export function createMemorySandboxStore(): SandboxStore {
  const records = new Map<string, SandboxRecord<unknown>>();
  let sequence = 0;
  const copy = <T>(record: SandboxRecord<T>): SandboxRecord<T> => structuredClone(record);

  return {
    async get<T>(kind: SandboxKind, id: string, tenantId?: string) {
      const record = records.get(id);
      if (!record || record.kind !== kind) return undefined;
      if (tenantId !== undefined && record.tenantId !== tenantId) return undefined;
      return copy(record) as SandboxRecord<T>;
    },
    async insert(record) {
      if (records.has(record.id)) return false;
      // a strictly increasing createdAt keeps `find` ordering stable within one millisecond
      sequence += 1;
      records.set(record.id, {
        ...structuredClone(record),
        rev: 1,
        createdAt: new Date(Date.now() + sequence / 1000),
      });
      return true;
    },
    async update(kind, target, data) {
      const record = records.get(target.id);
      if (!record || record.kind !== kind || record.tenantId !== target.tenantId) return false;
      if (record.rev !== target.rev) return false;
      records.set(target.id, { ...record, data: structuredClone(data), rev: record.rev + 1 });
      return true;
    },
    async find<T>(
      kind: SandboxKind,
      query: { tenantId?: string; match?: SandboxMatch; limit?: number } = {},
    ) {
      const matches = [...records.values()].filter((record) => {
        if (record.kind !== kind) return false;
        if (query.tenantId !== undefined && record.tenantId !== query.tenantId) return false;
        const data = record.data as Record<string, unknown>;
        return Object.entries(query.match ?? {}).every(([key, value]) => data[key] === value);
      });
      matches.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
      return matches.slice(0, query.limit ?? 100).map((record) => copy(record) as SandboxRecord<T>);
    },
  };
}
