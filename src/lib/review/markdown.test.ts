import { describe, expect, it } from 'vitest';
import { isSafeLink, renderMarkdown } from './markdown';

/** Every tag name in the output. */
const tags = (html: string) => [...html.matchAll(/<([a-z0-9]+)/gi)].map((m) => m[1].toLowerCase());

describe('Markdown of comments and narratives', () => {
	it('renders ordinary Markdown: lists, emphasis, code, links with rel, line breaks', () => {
		const html = renderMarkdown(
			'请核对：\n- **E01** 的 _VOCs_\n- `1200 t`\n\n见 [通知](https://www.mee.gov.cn/a?b=1&c=2)'
		);
		expect(html).toContain('<ul>\n<li><strong>E01</strong> 的 <em>VOCs</em></li>\n<li><code>1200 t</code></li>');
		expect(html).toContain(
			'<a href="https://www.mee.gov.cn/a?b=1&amp;c=2" rel="noopener noreferrer nofollow">通知</a>'
		);
		expect(renderMarkdown('第一行\n第二行')).toBe('<p>第一行<br>\n第二行</p>\n');
		expect(renderMarkdown('[写信](mailto:a@b.cn) https://x.cn/y')).toBe(
			'<p><a href="mailto:a@b.cn" rel="noopener noreferrer nofollow">写信</a> <a href="https://x.cn/y" rel="noopener noreferrer nofollow">https://x.cn/y</a></p>\n'
		);
	});

	it('shows raw HTML as text: script, img onerror, inline handlers, HTML blocks', () => {
		for (const attack of [
			'<script>alert(1)</script>',
			'<img src=x onerror=alert(1)>',
			'<div onclick="alert(1)">\n\n**x**\n\n</div>',
			'<iframe src="https://evil.example"></iframe>',
			'a <b onmouseover=alert(1)>b</b>',
			'<!-- hidden --><style>body{display:none}</style>'
		]) {
			const html = renderMarkdown(attack);
			// only Markdown's own tags survive (linkify may make a link of a bare https address, with its rel)
			expect(tags(html).filter((t) => !['p', 'strong', 'a'].includes(t))).toEqual([]);
			expect(html).not.toMatch(
				/<[a-z]+[^>]*\son\w+=|<a (?!href="https:\/\/[^"]*" rel="noopener noreferrer nofollow">)/
			);
			expect(html).toContain('&lt;');
		}
		expect(renderMarkdown('<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n');
	});

	it('keeps javascript:, data:, vbscript: and relative links as plain text', () => {
		for (const link of [
			'[x](javascript:alert(1))',
			'[x](JaVaScRiPt:alert(1))',
			'[x](data:text/html;base64,PHNjcmlwdD4=)',
			'[x](vbscript:msgbox(1))',
			'[x](/admin)',
			'<javascript:alert(1)>',
			'[x]: javascript:alert(1)\n\n[x]'
		]) {
			const html = renderMarkdown(link);
			expect(new Set(tags(html))).toEqual(new Set(['p']));
			expect(html).not.toContain('href');
		}
		expect(isSafeLink(' https://a.cn')).toBe(true);
		expect(isSafeLink('ftp://a.cn')).toBe(false);
	});

	it('never loads an image: a web image becomes a link to it, a data: image its alt text', () => {
		expect(renderMarkdown('![图](https://evil.example/t.png)')).toBe(
			'<p><a href="https://evil.example/t.png" rel="noopener noreferrer nofollow">图</a></p>\n'
		);
		const inline = renderMarkdown('![图](data:image/png;base64,AAAA)');
		expect(tags(inline)).toEqual(['p']);
		expect(inline).not.toContain('src=');
		expect(renderMarkdown('![<b>](https://a.cn/x.png "t")')).toContain('>&lt;b&gt;</a>');
	});
});
