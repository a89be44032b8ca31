/**
 * The upload page's form, read as it arrives: the multipart body is parsed by @fastify/busboy and its `file` part
 * streamed to disk (store.ts receiveUpload), so that a 50 MB file is never held whole in memory — unlike
 * `request.formData()`, which would buffer all of it.
 */
import { Readable } from 'node:stream';
import Busboy from '@fastify/busboy';
import { bodyPieces, discardUpload, receiveUpload, type StoredUpload, type TooLarge } from './store';

export type FormUpload = { upload: StoredUpload; fileName: string; sheet: string | null } | TooLarge | { noFile: true };

/** The longest sheet name Excel allows. */
const MAX_SHEET_NAME = 31;

/**
 * Receives the form's `file` field and its `sheet` field (a workbook's sheet to read, by name; empty: the first);
 * other fields and files are skipped. `onBytes` hears the bytes received so far.
 * A body that is not multipart, or holds no file or an empty one, answers noFile; past `maxBytes`, TooLarge (the
 * rest of the body is not read).
 */
export function receiveFormFile(
	request: Request,
	options: { maxBytes: number; dir?: string; onBytes?: (size: number) => void }
): Promise<FormUpload> {
	return new Promise((resolve, reject) => {
		let parser: ReturnType<typeof Busboy>;
		try {
			parser = Busboy({
				headers: { 'content-type': request.headers.get('content-type') ?? '' },
				limits: { files: 1, fields: 20, parts: 21 }
			});
		} catch {
			resolve({ noFile: true }); // not a multipart body
			return;
		}
		const body = Readable.from(bodyPieces(request.body));
		let receiving: Promise<{ upload: StoredUpload; fileName: string } | TooLarge> | null = null;
		let sheet: string | null = null;
		parser.on('field', (field, value) => {
			if (field === 'sheet' && value.trim()) sheet = value.trim().slice(0, MAX_SHEET_NAME);
		});
		parser.on('file', (field, stream, fileName) => {
			if (field !== 'file' || receiving) {
				stream.resume();
				return;
			}
			receiving = receiveUpload(stream, options).then((received) => {
				if ('tooLarge' in received) {
					body.destroy(); // nothing more of it is read
					resolve(received);
					return received;
				}
				return { upload: received, fileName };
			});
			receiving.catch(reject);
		});
		parser.on('finish', () => {
			if (!receiving) return resolve({ noFile: true });
			receiving.then((received) => {
				if ('tooLarge' in received) return;
				if (received.upload.size === 0) {
					discardUpload(received.upload);
					resolve({ noFile: true });
				} else resolve({ ...received, sheet });
			}, reject);
		});
		parser.on('error', reject);
		body.on('error', reject);
		body.pipe(parser);
	});
}
