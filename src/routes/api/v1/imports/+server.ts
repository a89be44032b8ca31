import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import * as tokens from '$lib/server/auth/tokens';
import { MAX_BYTES } from '$lib/server/intake';
import { runIntake } from '$lib/server/intake/run';
import { bodyPieces, discardUpload, receiveUpload } from '$lib/server/intake/store';
import { QueueFullError, queueFullMessage } from '$lib/server/intake/queue';
import { logLimited, rateLimitedResponse, takeUpload } from '$lib/server/ops/rate-limit';
import type { RequestHandler } from './$types';

const refuse = (status: number, code: string, zh: string, en: string) => json({ error: { code, zh, en } }, { status });
const tooLarge = () =>
	refuse(
		413,
		'E_FILE_TOO_LARGE',
		`文件超过 ${MAX_BYTES / 1048576} MB 上限`,
		`The file exceeds ${MAX_BYTES / 1048576} MB`
	);

/**
 * POST /api/v1/imports[?dryRun=1][&fileName=x.csv][&sheet=NAME] with `Authorization: Bearer <token>` and the CSV or
 * .xlsx bytes as the body (Content-Type text/csv, or the workbook's type: the file is told by its bytes; `sheet` names
 * a workbook's sheet, default the first), written to disk as they arrive (never held whole). Answers the same summary as the web page and the CLI:
 * 200 accepted (or identical, or a clean dry run), 422 refused with its problems, 429 (with Retry-After)
 * past the per-token request limit or the per-user upload limit (src/lib/server/rate-limit.ts).
 */
export const POST: RequestHandler = async ({ request, url, getClientAddress }) => {
	const bearer = request.headers.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
	const user = bearer ? tokens.authenticate(getDb(), bearer) : null;
	if (!user) return refuse(401, 'UNAUTHORISED', '缺少或无效的访问令牌', 'Missing or invalid bearer token');
	if (!tokens.canImport(user.role))
		return refuse(403, 'FORBIDDEN', '此角色不能报送数据', 'This role cannot report values');
	const declared = Number(request.headers.get('content-length') ?? 0);
	if (declared > MAX_BYTES) return tooLarge();
	// uploads per user per hour, web and API together; dry runs count too (both parse the whole file)
	const verdict = takeUpload(user.id);
	if (!verdict.ok) {
		logLimited('uploads', verdict, { user: user.username, path: url.pathname, ip: getClientAddress() });
		return rateLimitedResponse('uploads', verdict);
	}
	// written to disk as it arrives, hashed on the way: never held whole in memory (no body: an empty file, refused as such)
	const received = await receiveUpload(bodyPieces(request.body), { maxBytes: MAX_BYTES });
	if ('tooLarge' in received) return tooLarge();
	let summary;
	try {
		summary = await runIntake(getDb(), received, {
			user,
			dryRun: ['1', 'true', 'yes'].includes(url.searchParams.get('dryRun') ?? ''),
			fileName: url.searchParams.get('fileName') ?? 'api-upload.csv',
			channel: 'api',
			sheet: url.searchParams.get('sheet')?.trim() || null,
			ip: getClientAddress()
		});
	} catch (e) {
		if (!(e instanceof QueueFullError)) throw e;
		return json(
			{ error: { code: 'QUEUE_FULL', waiting: e.waiting, ...queueFullMessage(e) } },
			{ status: 503, headers: { 'Retry-After': String(e.retryAfterSeconds) } }
		);
	} finally {
		discardUpload(received);
	}
	const headers: Record<string, string> = summary.queue
		? { 'X-Intake-Queue-Position': String(summary.queue.position) }
		: {};
	return json(summary, { status: summary.errorCount > 0 ? 422 : 200, headers });
};
