/**
 * The words of mail and scheduled work: the account page's mail section, the address confirmation page and the admin
 * page, both languages side by side (filled by say()/speaker()).
 */
// Repeated blocks here are data of one shape (bilingual pairs), not logic to share.
import type { Bilingual } from '../domain/taxonomy';

export const MAIL_TEXT = {
	title: { zh: '电子邮件', en: 'E-mail' },
	lead: {
		zh: '提醒、审核结果等通知除在系统内显示外，也可发送到您的邮箱。新地址须通过邮件中的链接确认后才会收到邮件。',
		en: 'Reminders, review decisions and other notices show in the app and can also come to your mailbox. A new address receives mail only once you confirm it with the link we send to it.'
	},
	address: { zh: '邮箱地址', en: 'E-mail address' },
	none: { zh: '尚未填写邮箱地址：通知只在系统内显示。', en: 'No address yet: notices show only in the app.' },
	verified: { zh: '已确认', en: 'Confirmed' },
	unverified: {
		zh: '待确认：确认链接已于 {at} 发送到此地址',
		en: 'Awaiting confirmation: a link was sent to this address on {at}'
	},
	unverifiedNoLink: { zh: '待确认', en: 'Awaiting confirmation' },
	save: { zh: '保存并发送确认链接', en: 'Save and send a confirmation link' },
	resend: { zh: '重新发送确认链接', en: 'Send the link again' },
	remove: { zh: '删除地址', en: 'Remove the address' },
	sent: {
		zh: '确认链接已发送到 {email}，24 小时内有效。',
		en: 'A confirmation link went to {email}; it works for 24 hours.'
	},
	removed: { zh: '邮箱地址已删除。', en: 'The address was removed.' },
	modeTitle: { zh: '邮件接收方式', en: 'How notices come by mail' },
	'mode.digest': {
		zh: '每日汇总：每天一封，列出当天的全部通知',
		en: 'Daily digest: one mail a day with all of its notices'
	},
	'mode.each': { zh: '逐条发送：每条通知一封邮件', en: 'Each notice: one mail per notice' },
	'mode.off': {
		zh: '不发送邮件（退订）：通知只在系统内显示',
		en: 'No mail (unsubscribe): notices show only in the app'
	},
	'short.digest': { zh: '每日汇总', en: 'daily digest' },
	'short.each': { zh: '逐条发送', en: 'each notice' },
	'short.off': { zh: '不发送', en: 'no mail' },
	modeSave: { zh: '保存接收方式', en: 'Save' },
	modeSaved: { zh: '已保存。', en: 'Saved.' },
	digestAt: { zh: '每日汇总于北京时间 {at} 发送。', en: 'Daily digests go out at {at} China time.' },
	// the confirmation page (/verify-email)
	verifyTitle: { zh: '确认邮箱地址', en: 'Confirm your e-mail address' },
	verifyAsk: {
		zh: '确认以 {email} 接收试点跟踪的通知？',
		en: 'Confirm that the pilot tracker’s notices may come to {email}?'
	},
	verifyButton: { zh: '确认', en: 'Confirm' },
	'outcome.verified': { zh: '已确认：通知将发送到 {email}。', en: 'Confirmed: notices will come to {email}.' },
	'outcome.already': {
		zh: '此链接已使用过，地址 {email} 已确认。',
		en: 'This link was already used; {email} is confirmed.'
	},
	'outcome.expired': {
		zh: '此链接已过期（24 小时）。请在账户页重新发送确认链接。',
		en: 'This link has expired (24 hours). Send a new one from your account page.'
	},
	'outcome.superseded': {
		zh: '此链接对应的地址已被更换，请使用发送到新地址的链接。',
		en: 'The address this link was for has since been replaced: use the link sent to the new one.'
	},
	'outcome.unknown': {
		zh: '无法识别此链接。请检查是否完整复制。',
		en: 'This link is not known. Check that it was copied whole.'
	},
	toAccount: { zh: '前往账户页', en: 'Go to your account' },
	// the unsubscribe page (/unsubscribe)
	unsubscribeTitle: { zh: '退订邮件通知', en: 'Unsubscribe from notice mails' },
	unsubscribeAsk: {
		zh: '不再向 {email} 发送试点跟踪的通知邮件？通知仍会在系统内显示，您可随时在账户页恢复。',
		en: 'Stop sending the pilot tracker’s notice mails to {email}? Notices still show in the app, and you can turn mail back on from your account page.'
	},
	unsubscribeAskAny: {
		zh: '不再发送试点跟踪的通知邮件？通知仍会在系统内显示，您可随时在账户页恢复。',
		en: 'Stop sending the pilot tracker’s notice mails? Notices still show in the app, and you can turn mail back on from your account page.'
	},
	unsubscribeButton: { zh: '退订', en: 'Unsubscribe' },
	unsubscribed: {
		zh: '已退订：不再发送通知邮件。可在账户页恢复。',
		en: 'Unsubscribed: no more notice mails. Turn them back on from your account page.'
	},
	unsubscribeInvalid: {
		zh: '此退订链接无效（可能已因修改密码而失效）。请登录后在账户页更改邮件设置。',
		en: 'This unsubscribe link is not valid (a password change ends old links). Sign in and change your mail settings on your account page.'
	}
} satisfies Record<string, Bilingual>;

export const MAIL_ADMIN_TEXT = {
	title: { zh: '邮件与定时任务', en: 'Mail and scheduled jobs' },
	nav: { zh: '邮件', en: 'Mail' },
	jobsTitle: { zh: '定时任务', en: 'Scheduled jobs' },
	schedulerOn: {
		zh: '本服务进程按计划运行定时任务（北京时间）。',
		en: 'This server process runs the jobs on schedule (China time).'
	},
	schedulerOff: {
		zh: '本服务进程未运行定时任务（SCHEDULER=off）：可手动运行，或由其他进程运行。',
		en: 'This server process does not run the schedule (SCHEDULER=off): run jobs by hand here, or let another process run them.'
	},
	'job.reminders': { zh: '季度报告与期末总结提醒', en: 'Quarterly and term-end reminders' },
	'job.digest': { zh: '每日邮件汇总', en: 'Daily mail digest' },
	'job.mail': { zh: '发送邮件与重试', en: 'Send mail and retries' },
	'col.job': { zh: '任务', en: 'Job' },
	'col.when': { zh: '计划', en: 'Schedule' },
	'col.last': { zh: '上次运行', en: 'Last run' },
	'col.outcome': { zh: '结果', en: 'Outcome' },
	'col.lastOk': { zh: '上次成功', en: 'Last success' },
	daily: { zh: '每天 {at}', en: 'daily at {at}' },
	everyMinute: { zh: '每分钟', en: 'every minute' },
	never: { zh: '从未运行', en: 'never' },
	ok: { zh: '成功', en: 'ok' },
	failed: { zh: '失败', en: 'failed' },
	running: { zh: '运行中', en: 'running' },
	runNow: { zh: '立即运行', en: 'Run now' },
	ran: { zh: '已运行：{job}', en: 'Ran: {job}' },
	busy: { zh: '该任务正在运行，请稍后再试。', en: 'That job is running now: try again shortly.' },
	mailTitle: { zh: '邮件', en: 'Mail' },
	smtpOn: { zh: '发件服务器：{host}:{port}，发件人 {from}', en: 'Mail server: {host}:{port}, sender {from}' },
	smtpOff: {
		zh: '未配置发件服务器（SMTP_HOST）：邮件会保留在队列中，配置后发送。',
		en: 'No mail server configured (SMTP_HOST): mails stay queued and go out once it is set.'
	},
	'state.pending': { zh: '待发送', en: 'Pending' },
	'state.sent': { zh: '已发送', en: 'Sent' },
	'state.dead': { zh: '发送失败（已停止重试）', en: 'Dead (no more tries)' },
	'state.cancelled': { zh: '已取消（账户已停用）', en: 'Cancelled (account disabled)' },
	waiting: { zh: '等待汇总或下一轮发送的通知', en: 'Notices waiting for the digest or the next round' },
	'skipped.disabled': { zh: '未发送：账户已停用', en: 'Not mailed: account disabled' },
	'skipped.no_address': { zh: '未发送：无已确认的邮箱', en: 'Not mailed: no confirmed address' },
	'skipped.unsubscribed': { zh: '未发送：已退订', en: 'Not mailed: unsubscribed' },
	deadTitle: { zh: '发送失败的邮件', en: 'Dead mails' },
	deadNone: { zh: '没有发送失败的邮件。', en: 'No dead mails.' },
	recentTitle: { zh: '最近的邮件', en: 'Recent mails' },
	'col.to': { zh: '收件人', en: 'To' },
	'col.subject': { zh: '主题', en: 'Subject' },
	'col.kind': { zh: '类型', en: 'Kind' },
	'col.state': { zh: '状态', en: 'State' },
	'col.attempts': { zh: '尝试次数', en: 'Tries' },
	'col.error': { zh: '最后的错误', en: 'Last error' },
	'col.created': { zh: '创建', en: 'Created' },
	'kind.notice': { zh: '通知', en: 'Notice' },
	'kind.digest': { zh: '汇总', en: 'Digest' },
	'kind.verify': { zh: '地址确认', en: 'Confirmation' },
	retry: { zh: '重新发送', en: 'Send again' },
	retried: { zh: '已重新排队。', en: 'Queued again.' }
} satisfies Record<string, Bilingual>;
