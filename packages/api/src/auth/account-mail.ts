import type { MailMessage } from '../jobs/mailer';

interface AccountUser {
  id: string;
  email: string;
  name: string;
}

/**
 * The account mails better-auth asks for, as outbox messages: bound to the user (no tenant
 * yet at sign-up), plain text with the one link, which better-auth signs and expires.
 */
export const accountMail = {
  verification({ user, url }: { user: AccountUser; url: string }): MailMessage {
    return {
      userId: user.id,
      kind: 'email_verification',
      to: user.email,
      subject: 'Confirm your email address for prood',
      text: [
        `Hello ${user.name},`,
        '',
        'Confirm your email address to take live payments with prood:',
        url,
        '',
        'The link works for 24 hours. If you did not sign up, ignore this mail.',
      ].join('\n'),
    };
  },
  passwordReset({ user, url }: { user: AccountUser; url: string }): MailMessage {
    return {
      userId: user.id,
      kind: 'password_reset',
      to: user.email,
      subject: 'Reset your prood password',
      text: [
        `Hello ${user.name},`,
        '',
        'Choose a new password here:',
        url,
        '',
        'The link works for one hour. If you did not ask for it, ignore this mail; your password stays as it is.',
      ].join('\n'),
    };
  },
  invitation(input: {
    organizationId: string;
    email: string;
    organizationName: string;
    inviterName: string;
    role: string;
    url: string;
  }): MailMessage {
    const as =
      input.role === 'admin' ? 'an admin' : input.role === 'owner' ? 'an owner' : 'a member';
    return {
      tenantId: input.organizationId,
      kind: 'member_invitation',
      to: input.email,
      subject: `${input.inviterName} invited you to ${input.organizationName} on prood`,
      text: [
        'Hello,',
        '',
        `${input.inviterName} invited you to join ${input.organizationName} on prood as ${as}.`,
        'Accept the invitation here (sign in or create an account with this email address):',
        input.url,
        '',
        'The invitation works for 7 days. If you did not expect it, ignore this mail.',
      ].join('\n'),
    };
  },
};
