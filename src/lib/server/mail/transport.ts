/**
 * The SMTP transport: nodemailer over the configured server (SMTP_*), one pooled connection, short timeouts. nodemailer
 * is loaded at the first mail, not at the server's start: a server that sends nothing does not hold it.
 */
import type { Transporter } from 'nodemailer';
import type { Config } from '../ops/config';
import type { Send } from './deliver';

export type Transport = { send: Send; close: () => void };

/** A transport for the configured server; `from` is SMTP_FROM. */
export function smtpTransport(smtp: NonNullable<Config['smtp']>): Transport {
	let transporter: Promise<Transporter> | null = null;
	const open = () =>
		(transporter ??= import('nodemailer').then(({ default: nodemailer }) =>
			nodemailer.createTransport({
				host: smtp.host,
				port: smtp.port,
				secure: smtp.secure,
				auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
				pool: true,
				maxConnections: 1,
				// a server that does not answer must not hold the mail job for minutes (nodemailer waits 2 minutes by default)
				connectionTimeout: 10_000,
				greetingTimeout: 10_000,
				socketTimeout: 30_000
			})
		));
	return {
		send: async (mail) => {
			const info = await (await open()).sendMail({ from: smtp.from, ...mail });
			return { messageId: info.messageId };
		},
		close: () => void transporter?.then((t) => t.close())
	};
}
