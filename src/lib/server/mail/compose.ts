/**
 * The mails themselves: a notice's own mail, a person's daily digest and an address verification, each in plain text
 * and HTML, Chinese first and English second. Everything that comes from data is escaped in the HTML; links point at
 * the app's public origin (ORIGIN).
 */
import { noticePath } from '../../notices/links';

export type Letter = { subject: string; text: string; html: string };

/** A notice as a mail shows it. */
export type MailNotice = {
	titleZh: string;
	titleEn: string;
	pilotCode: string;
	period: string;
	link: string | null;
	createdAt: number;
};

/** The app's address for links in mails: ORIGIN, else the local default scripts/serve.mjs uses. */
export function mailOrigin(env: Record<string, string | undefined> = process.env): string {
	return (env.ORIGIN || `http://localhost:${env.PORT || 3000}`).replace(/\/$/, '');
}

const escape = (s: string) =>
	s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** An instant as China time, `YYYY-MM-DD HH:MM` (mails carry no locale; both languages read it). */
export function chinaTime(ms: number): string {
	return new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

const UNSUBSCRIBE = { zh: '不再接收这类邮件（一键退订）：', en: 'No more of these mails (unsubscribe in one step):' };

const SETTINGS = {
	zh: '您可在账户页更改邮件设置（每日汇总、每条通知或不发送）：',
	en: 'Change how mail reaches you (daily digest, each notice, or none) on your account page:'
};

/** The shared frame: a heading, the body's blocks, and the settings footer (with the unsubscribe link, if any). */
function frame(heading: { zh: string; en: string }, blocks: string[], origin: string, unsubscribe?: string): string {
	const settings = `${origin}/account#mail`;
	return [
		'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>',
		escape(heading.zh),
		'</title></head><body style="font-family: sans-serif; line-height: 1.5; color: #1a1a1a; max-width: 40rem">',
		`<h1 style="font-size: 1.2rem">${escape(heading.zh)}<br><span lang="en" style="font-weight: normal">${escape(heading.en)}</span></h1>`,
		...blocks,
		'<hr style="border: 0; border-top: 1px solid #ccc">',
		`<p style="font-size: 0.85rem; color: #555">${escape(SETTINGS.zh)}<br><span lang="en">${escape(SETTINGS.en)}</span><br>`,
		`<a href="${escape(settings)}">${escape(settings)}</a></p>`,
		unsubscribe
			? `<p style="font-size: 0.85rem; color: #555">${escape(UNSUBSCRIBE.zh)}<br><span lang="en">${escape(UNSUBSCRIBE.en)}</span><br><a href="${escape(unsubscribe)}">${escape(unsubscribe)}</a></p>`
			: '',
		'</body></html>'
	].join('');
}

const footer = (origin: string, unsubscribe?: string) =>
	[
		'',
		'--',
		SETTINGS.zh,
		SETTINGS.en,
		`${origin}/account#mail`,
		...(unsubscribe ? ['', UNSUBSCRIBE.zh, UNSUBSCRIBE.en, unsubscribe] : [])
	].join('\n');

/** One notice's own mail: it opens where the notice leads (a value's thread, a quarter's review, a summary). */
export function noticeLetter(n: MailNotice, origin: string, unsubscribe?: string): Letter {
	const link = `${origin}${noticePath(n)}`;
	const text = [
		n.titleZh,
		n.titleEn,
		'',
		`${n.pilotCode} · ${n.period} · ${chinaTime(n.createdAt)}`,
		'',
		`打开 / Open: ${link}`,
		`全部通知 / All notices: ${origin}/notices`,
		footer(origin, unsubscribe)
	].join('\n');
	const html = frame(
		{ zh: n.titleZh, en: n.titleEn },
		[
			`<p>${escape(n.pilotCode)} · ${escape(n.period)} · ${escape(chinaTime(n.createdAt))}</p>`,
			`<p><a href="${escape(link)}">打开 / Open</a> · <a href="${escape(`${origin}/notices`)}">全部通知 / All notices</a></p>`
		],
		origin,
		unsubscribe
	);
	return { subject: `${n.titleZh} / ${n.titleEn}`, text, html };
}

/** A person's notices of the day in one mail, each a link to where it leads. */
export function digestLetter(notices: MailNotice[], day: string, origin: string, unsubscribe?: string): Letter {
	const heading = {
		zh: `试点跟踪：${day} 的 ${notices.length} 条通知`,
		en: `Pilot tracker: ${notices.length} notice(s) for ${day}`
	};
	const link = `${origin}/notices`;
	const lines = notices.map(
		(n) =>
			`- ${n.titleZh}\n  ${n.titleEn}\n  (${n.pilotCode} · ${n.period} · ${chinaTime(n.createdAt)})\n  ${origin}${noticePath(n)}`
	);
	const text = [
		heading.zh,
		heading.en,
		'',
		...lines,
		'',
		`查看通知 / View notices: ${link}`,
		footer(origin, unsubscribe)
	].join('\n');
	const items = notices
		.map(
			(n) =>
				`<li style="margin-bottom: 0.5rem"><a href="${escape(origin + noticePath(n))}">${escape(n.titleZh)}<br>` +
				`<span lang="en">${escape(n.titleEn)}</span></a><br>` +
				`<small>${escape(n.pilotCode)} · ${escape(n.period)} · ${escape(chinaTime(n.createdAt))}</small></li>`
		)
		.join('');
	const html = frame(
		heading,
		[`<ul>${items}</ul>`, `<p><a href="${escape(link)}">查看通知 / View notices</a></p>`],
		origin,
		unsubscribe
	);
	return { subject: `${heading.zh} / ${heading.en}`, text, html };
}

/** The link that confirms an address. */
export function verifyLetter(name: string, link: string, origin: string, hours: number): Letter {
	const heading = { zh: '请确认您的电子邮件地址', en: 'Please confirm your e-mail address' };
	const zh = `${name}，您好：请打开下面的链接，确认以此地址接收试点跟踪的通知。链接 ${hours} 小时内有效；如非本人操作，请忽略本邮件。`;
	const en = `Hello ${name}: open the link below to confirm that the pilot tracker's notices may come to this address. The link works for ${hours} hours; if you did not ask for it, ignore this mail.`;
	const text = [heading.zh, heading.en, '', zh, '', en, '', link, footer(origin)].join('\n');
	const html = frame(
		heading,
		[`<p>${escape(zh)}</p>`, `<p lang="en">${escape(en)}</p>`, `<p><a href="${escape(link)}">${escape(link)}</a></p>`],
		origin
	);
	return { subject: `${heading.zh} / ${heading.en}`, text, html };
}
