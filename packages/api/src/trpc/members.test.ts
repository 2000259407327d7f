import { randomUUID } from 'node:crypto';
import { createDatabase, type Database } from '@prood/db';
import { mailOutbox } from '@prood/db/schema';
import { createRateLimiter } from '@prood/http/rate-limit';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { and, eq } from 'drizzle-orm';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serveDashboardApi } from '../testing/dashboard-api';
import type { serveFetchHandler } from '../testing/http';
import type { AppRouter } from './router';

let db: Database;
let server: Awaited<ReturnType<typeof serveFetchHandler>>;

beforeAll(async () => {
  db = createDatabase(inject('databaseUrl'), { max: 10 });
  server = await serveDashboardApi(
    db,
    createRateLimiter({
      prefix: `test:${randomUUID()}`,
      policies: { signUp: { limit: 10_000, window: '1 h' } },
    }),
  );
});

afterAll(async () => {
  await server.close();
  await db.$client.end();
});

function clientWith(cookie: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({ url: `${server.url}/api/trpc`, transformer: superjson, headers: { cookie } }),
    ],
  });
}

/** Signs up over HTTP as the dashboard's form does: each person gets their own organization. */
async function signUp(name: string, { verified = true } = {}) {
  const email = `${name}-${randomUUID()}@example.com`;
  const res = await fetch(`${server.url}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1' },
    body: JSON.stringify({ email, password: 'correct-horse-battery', name, callbackURL: '/' }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const client = clientWith(cookie);
  if (verified) await verifyFromOutbox(client);
  const me = await client.account.me.query();
  return { email, client, organizationId: me.activeOrganization?.id ?? '' };
}

/** Follows the verification mail's link, as the person clicking it would. */
async function verifyFromOutbox(client: ReturnType<typeof clientWith>) {
  const [mail] = await client.account.mail.query({});
  const link = new URL(/https?:\/\/\S+/.exec(mail?.text ?? '')?.[0] ?? 'http://missing');
  const res = await fetch(`${server.url}${link.pathname}${link.search}`, { redirect: 'manual' });
  expect([200, 302]).toContain(res.status);
}

async function refusal(call: Promise<unknown>) {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCClientError);
  const data = (error as TRPCClientError<AppRouter>).data;
  return { code: data?.code, appCode: data?.appCode, message: (error as Error).message };
}

/** The link the invitation mail carries, read from the outbox as a person's inbox would be. */
async function invitationLinkFor(email: string) {
  const [mail] = await db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.to, email), eq(mailOutbox.kind, 'member_invitation')));
  const url = mail?.text.match(/https?:\/\/\S+\/invitations\/(inv_[0-9A-Za-z]+)/);
  expect(url, mail?.text).toBeTruthy();
  return { mail, invitationId: url?.[1] ?? '' };
}

describe('members and invitations', () => {
  it('an owner invites by email, the mail carries a link, only that address can accept it, and then they are a member there', async () => {
    const owner = await signUp('owner');
    const invitee = await signUp('invitee', { verified: false });
    const stranger = await signUp('stranger');

    const invited = await owner.client.members.invite.mutate({
      email: invitee.email.toUpperCase(),
      role: 'admin',
    });
    expect(invited.email).toBe(invitee.email);
    const { mail, invitationId } = await invitationLinkFor(invitee.email);
    expect(invitationId).toBe(invited.id);
    expect(mail?.tenantId).toBe(owner.organizationId);
    expect(mail?.subject).toContain('invited you');

    const listed = await owner.client.members.list.query();
    expect(listed.invitations.map((i) => i.email)).toEqual([invitee.email]);
    expect(listed.members.map((m) => m.role)).toEqual(['owner']);

    // someone else who got hold of the link cannot read or take it
    const wrongReader = await refusal(stranger.client.members.invitation.query({ invitationId }));
    expect(wrongReader).toMatchObject({ code: 'FORBIDDEN', appCode: 'forbidden' });
    const wrongTaker = await refusal(stranger.client.members.accept.mutate({ invitationId }));
    expect(wrongTaker.code).toBe('FORBIDDEN');

    // an unconfirmed address cannot take an invitation: the mail proves who owns it
    const unverified = await refusal(invitee.client.members.accept.mutate({ invitationId }));
    expect(unverified).toMatchObject({ code: 'FORBIDDEN', appCode: 'email_not_verified' });
    await verifyFromOutbox(invitee.client);

    const shown = await invitee.client.members.invitation.query({ invitationId });
    expect(shown).toMatchObject({ role: 'admin', email: invitee.email });
    const accepted = await invitee.client.members.accept.mutate({ invitationId });
    expect(accepted.organizationId).toBe(owner.organizationId);
    // accepting switched the invitee into the organization
    const me = await invitee.client.account.me.query();
    expect(me.activeOrganization).toMatchObject({ id: owner.organizationId, role: 'admin' });

    const after = await owner.client.members.list.query();
    expect(after.invitations).toEqual([]);
    expect(after.members.map((m) => [m.email, m.role])).toEqual([
      [owner.email, 'owner'],
      [invitee.email, 'admin'],
    ]);
    // a link works once
    const again = await refusal(invitee.client.members.accept.mutate({ invitationId }));
    expect(again).toMatchObject({ code: 'NOT_FOUND', appCode: 'not_found' });
  });

  it('refuses inviting a member twice, members managing people, and leaving an organization without an owner', async () => {
    const owner = await signUp('owner2');
    const person = await signUp('person');
    await owner.client.members.invite.mutate({ email: person.email, role: 'member' });
    const { invitationId } = await invitationLinkFor(person.email);
    await person.client.members.accept.mutate({ invitationId });

    const twice = await refusal(
      owner.client.members.invite.mutate({ email: person.email, role: 'member' }),
    );
    expect(twice).toMatchObject({ code: 'CONFLICT', appCode: 'conflict' });

    // a plain member sees the team, not the invitations, and cannot invite or remove
    const seen = await person.client.members.list.query();
    expect(seen.canManage).toBe(false);
    expect(seen.invitations).toEqual([]);
    expect(
      (
        await refusal(
          person.client.members.invite.mutate({ email: 'x@example.com', role: 'admin' }),
        )
      ).code,
    ).toBe('FORBIDDEN');
    const ownerRow = seen.members.find((m) => m.role === 'owner');
    expect(
      (await refusal(person.client.members.remove.mutate({ memberId: ownerRow?.id ?? '' }))).code,
    ).toBe('FORBIDDEN');

    // the only owner cannot step down
    const demote = await refusal(
      owner.client.members.changeRole.mutate({ memberId: ownerRow?.id ?? '', role: 'admin' }),
    );
    expect(demote).toMatchObject({ code: 'CONFLICT', appCode: 'conflict' });

    // promote, then the old owner may step down; then remove the member
    const personRow = seen.members.find((m) => m.email === person.email);
    await owner.client.members.changeRole.mutate({ memberId: personRow?.id ?? '', role: 'owner' });
    await owner.client.members.changeRole.mutate({ memberId: ownerRow?.id ?? '', role: 'admin' });
    const roles = await person.client.members.list.query();
    expect(roles.members.map((m) => [m.email, m.role])).toEqual([
      [owner.email, 'admin'],
      [person.email, 'owner'],
    ]);
    await person.client.members.remove.mutate({ memberId: ownerRow?.id ?? '' });
    expect((await person.client.members.list.query()).members.map((m) => m.email)).toEqual([
      person.email,
    ]);
  });

  it("another organization's members and invitations answer like ones that do not exist", async () => {
    const a = await signUp('tenant-a');
    const b = await signUp('tenant-b');
    const invitation = await a.client.members.invite.mutate({
      email: `someone-${randomUUID()}@example.com`,
      role: 'member',
    });
    const aOwner = (await a.client.members.list.query()).members[0];

    const revoke = await refusal(
      b.client.members.revokeInvitation.mutate({ invitationId: invitation.id }),
    );
    expect(revoke).toMatchObject({ code: 'NOT_FOUND', appCode: 'not_found' });
    const remove = await refusal(b.client.members.remove.mutate({ memberId: aOwner?.id ?? '' }));
    expect(remove.code).toBe('NOT_FOUND');
    const role = await refusal(
      b.client.members.changeRole.mutate({ memberId: aOwner?.id ?? '', role: 'member' }),
    );
    expect(['NOT_FOUND', 'FORBIDDEN']).toContain(role.code);
    // A's invitation is still there and A can revoke it
    await a.client.members.revokeInvitation.mutate({ invitationId: invitation.id });
    expect((await a.client.members.list.query()).invitations).toEqual([]);
    // malformed ids are refused before anything runs
    const bad = await refusal(b.client.members.remove.mutate({ memberId: "mem_'; drop" }));
    expect(bad.code).toBe('BAD_REQUEST');
  });
});
