import { expect, test } from '@playwright/test';
import { dashboardUrl, lookAt, signUpMerchant } from '../../checkout/e2e/merchant';

/*
 * An owner invites a teammate by email; the teammate follows the mailed link with no account,
 * signs up with the invited address, confirms it, joins, and lands in the owner's organization
 * as an admin. Someone signed in with another address cannot take the invitation.
 */
test('an owner invites a teammate who signs up from the link, confirms the address and joins', async ({
  page,
  browser,
}) => {
  await signUpMerchant(page, 'Nora');
  await page.getByRole('link', { name: 'Team' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Team' })).toBeVisible();
  await expect(page.getByText('No pending invitations')).toBeVisible();

  // a malformed address is refused next to the field, and the form keeps it
  await page.getByLabel('Email address').fill('not-an-address');
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(
    page.getByTestId('toast').filter({ hasText: 'Some fields need a fix.' }),
  ).toBeVisible();
  await expect(page.getByLabel('Email address')).toHaveValue('not-an-address');

  const invited = `ivy-${Date.now()}@example.com`;
  await page.getByLabel('Email address').fill(invited);
  await page.getByLabel('Role').selectOption('admin');
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(
    page.getByTestId('toast').filter({ hasText: `Invitation sent to ${invited}` }),
  ).toBeVisible();
  const pending = page.getByRole('list', { name: 'Pending invitations' });
  await expect(pending).toContainText(invited);
  await expect(pending).toContainText('Admin');
  await lookAt(page, 'team');

  // the invitation mail is in the organization's outbox (captured: no SMTP in tests)
  await page.getByRole('link', { name: 'Mail outbox' }).click();
  const mail = page.getByTestId('mail').filter({ hasText: 'invited you to' });
  await expect(mail).toContainText(invited);
  const link = /https?:\/\/\S+\/invitations\/inv_[0-9A-Za-z]+/.exec(
    (await mail.textContent()) ?? '',
  )?.[0];
  expect(link).toBeDefined();

  // someone else, signed in, cannot take it
  const strangerContext = await browser.newContext();
  const stranger = await strangerContext.newPage();
  await signUpMerchant(stranger, 'Sam');
  await stranger.goto(link as string);
  await expect(
    stranger.getByText('This invitation was sent to another email address'),
  ).toBeVisible();
  await strangerContext.close();

  // the invitee, in a browser of their own, with no account yet
  const inviteeContext = await browser.newContext();
  const invitee = await inviteeContext.newPage();
  await invitee.goto(link as string);
  await expect(
    invitee.getByRole('heading', { name: 'You have been invited to prood' }),
  ).toBeVisible();
  await lookAt(invitee, 'invitation-signed-out');
  await invitee.getByRole('link', { name: 'Create an account' }).click();
  await expect(invitee).toHaveURL(/\/sign-up\?next=%2Finvitations%2Finv_/);
  await invitee.getByLabel('Your name').fill('Ivy');
  await invitee.getByLabel('Email').fill(invited);
  await invitee.getByLabel('Password').fill('a-long-enough-password');
  await invitee.getByRole('button', { name: 'Create account' }).click();
  // back on the invitation, which waits for the confirmed address
  await expect(invitee).toHaveURL(/\/invitations\/inv_/);
  await expect(invitee.getByText('Confirm your email address first')).toBeVisible();

  await invitee.goto(`${dashboardUrl}/outbox`);
  const verification = invitee
    .getByTestId('mail')
    .filter({ hasText: 'Confirm your email address' });
  const verify = /https?:\/\/\S+verify-email\S+/.exec(
    (await verification.textContent()) ?? '',
  )?.[0];
  expect(verify).toBeDefined();
  await invitee.goto(verify as string);
  // the confirmation link brings them back to the invitation
  await expect(invitee.getByRole('heading', { name: "Join Nora's organization" })).toBeVisible();
  await expect(invitee.getByText('to join as an admin')).toBeVisible();
  await lookAt(invitee, 'invitation');
  await invitee.getByRole('button', { name: "Join Nora's organization" }).click();
  await expect(
    invitee.getByRole('heading', { level: 1, name: "Nora's organization" }),
  ).toBeVisible();
  await invitee.getByRole('link', { name: 'Team' }).click();
  await expect(invitee.getByRole('list', { name: 'Members' })).toContainText(invited);
  await inviteeContext.close();

  // the owner sees the new admin and no pending invitation; and can make them a member
  await page.getByRole('link', { name: 'Team' }).click();
  await expect(page.getByText('No pending invitations')).toBeVisible();
  await page.getByLabel('Role of Ivy').selectOption('member');
  await expect(page.getByTestId('toast').filter({ hasText: 'Ivy is now a member.' })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Role of Ivy')).toHaveValue('member');
});
