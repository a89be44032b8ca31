/** The SMTP transport: nodemailer over the configured server (SMTP_*), one pooled connection, short timeouts. */
import nodemailer from 'nodemailer';
import type { Config } from '../ops/config';
import type { Send } from './deliver';

export type Transport = { send: Send; close: () => void };

/** A transport for the configured server; `from` is SMTP_FROM. */
export function smtpTransport(smtp: NonNullable<Config['smtp']>): Transport {
	const transporter = nodemailer.createTransport({
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
	});
	return {
		send: async (mail) => {
			const info = await transporter.sendMail({ from: smtp.from, ...mail });
			return { messageId: info.messageId };
		},
		close: () => transporter.close()
	};
}
