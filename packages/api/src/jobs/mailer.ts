import { type Executor, insertOutboxMail, type OutboxMail } from '@prood/db';
import { randomBase62 } from '@prood/validators';
import { createTransport, type Transporter } from 'nodemailer';

export { listAccountMail, listOutboxMail, type OutboxMail } from '@prood/db';

export interface MailMessage {
  /** The tenant the mail is about; account mail (verification, reset) may have none yet. */
  tenantId?: string | undefined;
  /** The account the mail is about, for account mail. One of tenantId / userId is required. */
  userId?: string | undefined;
  kind:
    | 'order_confirmation'
    | 'order_shipped'
    | 'payment_recovery'
    | 'webhook_endpoint_disabled'
    | 'email_verification'
    | 'password_reset'
    | 'member_invitation';
  /** The order the mail is about, when it is about one. */
  orderId?: string | undefined;
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
}

/**
 * Sends platform mail. Every message is rendered by nodemailer and recorded in `mail_outbox`
 * (through `db`, so it commits with the caller's transaction); with an SMTP URL it is also
 * handed to the mail server.
 */
export interface Mailer {
  send(db: Executor, message: MailMessage): Promise<OutboxMail>;
}

/**
 * The mailer: `smtpUrl` unset = the dev outbox only (mail is captured, nothing leaves the
 * machine); set = SMTP through nodemailer, still recorded in the outbox.
 *
 * @example
 * const mailer = createMailer({ from: 'shop@prood.dev' }); // dev outbox
 * const smtp = createMailer({ from: 'shop@example.com', smtpUrl: 'smtps://user:pass@mail.example.com' });
 */
export function createMailer(options: { from: string; smtpUrl?: string | undefined }): Mailer {
  // jsonTransport renders the full message (headers, MIME) without sending it anywhere
  const render: Transporter = createTransport({ jsonTransport: true });
  const smtp: Transporter | undefined = options.smtpUrl
    ? createTransport(options.smtpUrl)
    : undefined;
  return {
    async send(db, message) {
      if (!message.tenantId && !message.userId) {
        throw new Error('a mail needs a tenantId or a userId');
      }
      const mail = {
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
      };
      const rendered = await render.sendMail(mail);
      const sent = smtp ? await smtp.sendMail(mail) : undefined;
      return insertOutboxMail(db, {
        id: `mail_${randomBase62(22)}`,
        tenantId: message.tenantId ?? null,
        userId: message.userId ?? null,
        kind: message.kind,
        orderId: message.orderId ?? null,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html ?? null,
        transport: smtp ? 'smtp' : 'outbox',
        messageId: sent?.messageId ?? rendered.messageId ?? null,
        headers: { from: options.from },
        sentAt: sent ? new Date() : null,
      });
    },
  };
}
