/**
 * Markdown for review comments and quarter narratives, safe to put into the page with {@html}: raw HTML is shown as
 * text, links go only to http(s) and mailto (and open with rel="noopener noreferrer nofollow"), any other link is
 * left as its text, and images never load — an image becomes a link to it (or its alt text). Runs on the server and
 * in the browser alike (the preview uses the same rules as the saved text).
 */
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;
const REL = 'noopener noreferrer nofollow';

/** Whether a link target may be followed from a comment: http, https or mailto only. */
export function isSafeLink(href: string): boolean {
	return SAFE_LINK.test(href.trim());
}

const md = new MarkdownIt('default', { html: false, linkify: true, breaks: true, typographer: false });
md.linkify.set({ fuzzyLink: false, fuzzyEmail: false });
md.validateLink = isSafeLink;

/** Links whose target was refused (markdown-it leaves them with an empty href) become their bare text. */
md.core.ruler.push('drop_unsafe_links', (state) => {
	for (const block of state.tokens) {
		if (!block.children) continue;
		const dropped: boolean[] = [];
		block.children = block.children.filter((token: Token) => {
			if (token.type === 'link_open') {
				const isDropped = !isSafeLink(String(token.attrGet('href') ?? ''));
				dropped.push(isDropped);
				return !isDropped;
			}
			if (token.type === 'link_close') return !dropped.pop();
			return true;
		});
	}
});

md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
	tokens[idx].attrSet('rel', REL);
	return self.renderToken(tokens, idx, options);
};

md.renderer.rules.image = (tokens, idx, options, env, self) => {
	const token = tokens[idx];
	const src = String(token.attrGet('src') ?? '');
	const alt = self.renderInlineAsText(token.children ?? [], options, env) || src;
	if (!isSafeLink(src)) return md.utils.escapeHtml(alt);
	return `<a href="${md.utils.escapeHtml(src)}" rel="${REL}">${md.utils.escapeHtml(alt)}</a>`;
};

/** The HTML of a Markdown text, sanitised as described above. */
export function renderMarkdown(text: string): string {
	return md.render(text);
}
