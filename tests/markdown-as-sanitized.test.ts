/**
 * A body without raw HTML skips the sanitizer (markdown.ts writes what it
 * would give back): for such bodies, sanitizing the rendered HTML must change
 * nothing. Checked on random mixes of Markdown that exercise every rule the
 * renderer overrides: text escaping, links and images through the URL policy,
 * code classes, void tags, figures, tables.
 */
import { describe, expect, it } from 'vitest';
import { NESTING_LIMIT, cleanHtml, htmlDepth } from '../src/content/html.js';
import { renderMarkdown, type RenderedMarkdown } from '../src/content/markdown.js';
import { renderBody } from '../src/content/render.js';
import { cleanText } from '../src/util/xml-chars.js';
import { seeded } from './support/random.js';

const BASE = 'https://example.com/blog/post/';

const whole = (r: RenderedMarkdown) => r.segments.map((s) => s.html).join('');
const hasHtml = (r: RenderedMarkdown) => r.segments.some((s) => s.hasHtml);

const URLS = [
  'https://example.org/a?b=1&c=2#d', 'HTTP://EXAMPLE.org/Caps', 'relative/page', '../up/one', '/root', '#frag', '?q=1', '',
  '//protocol.relative/x', 'mailto:a@example.com', 'MAILTO:b@example.com', 'tel:+123', 'ftp://files.example.com/x',
  'javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'vbscript:x', 'file:///etc/passwd', 'data:image/png;base64,iVBORw0KGgo=',
  'data:image/svg+xml;base64,PHN2Zz4=', 'data:text/html,<b>x</b>', 'data:image/gif,rawgif', 'https://bücher.example/ü',
  'a%20b', 'with space', 'https://example.org/(paren)', 'x\\y', 'https://example.org/"quote"', 'https://user:pw@example.org/',
  'http://[::1]:8080/', 'http://exa mple.org/', 'https://example.org/&amp;x',
];
const TEXTS = [
  'plain words', 'say "hi" & <bye>', "it's 5 > 3", '&quot;entity&quot; &amp; &copy; &nbsp; &#0; &#x1F600; &#65;', 'R&D',
  '**bold** and _em_ and ~~gone~~', '`code "q" <x> &`', 'emoji 🎉 and 日本語', 'a\\*b', 'line  \nbreak', 'back\\\nslash',
  'trailing & ampersand &', '&unknown; &amp', '<not a tag', 'x < y > z',
];
const INFOS = ['', 'js', 'c++', 'objective-c', 'foo.bar', '"x"', 'a&b', 'ünï', 'py {.class}', 'sh title="x"', '`tick', 'x<y'];

function markdownPiece(pick: <T>(list: readonly T[]) => T, chance: (p: number) => boolean): string {
  const url = () => (chance(0.8) ? pick(URLS) : `<${pick(URLS)}>`);
  const title = () => (chance(0.5) ? ` "${pick(TEXTS).replace(/"/g, '')}"` : '');
  switch (Math.floor(chance(1) ? pick([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) : 0)) {
    case 0: return pick(TEXTS);
    case 1: return `[${pick(TEXTS)}](${url()}${title()})`;
    case 2: return `![${pick(TEXTS)}](${url()}${title()})`;
    case 3: return `\n\n![alone](${pick(URLS)} "A caption & \\"more\\"")\n\n`;
    case 4: return `\n\n\`\`\`${pick(INFOS)}\n${pick(TEXTS)}\n<script>x</script>\n\`\`\`\n\n`;
    case 5: return `\n\n    indented ${pick(TEXTS)}\n\n`;
    case 6: return `\n\n| a | b | c |\n|:--|:-:|--:|\n| ${pick(TEXTS)} | [x](${pick(URLS)}) | 3 |\n\n`;
    case 7: return `\n\n3. three\n4. ${pick(TEXTS)}\n\n- a\n  - b\n\n`;
    case 8: return `\n\n> quoted ${pick(TEXTS)}\n>> deeper\n\n---\n\n`;
    case 9: return `<${pick(['https://example.org/auto?a=1&b=2', 'mailto:x@example.com', 'x@example.com', 'ftp://x.example', 'javascript:alert(1)'])}>`;
    case 10: return `\n\n${pick(['#', '##', '######'])} ${pick(TEXTS)}\n\n`;
    default: return `[ref][r${pick([1, 2])}]\n\n[r1]: ${pick(URLS) || 'x'}\n[r2]: ${pick(URLS) || 'y'} "T"\n`;
  }
}

describe('Markdown without raw HTML', () => {
  it('renders exactly what the sanitizer would give back', () => {
    const { next, pick, chance } = seeded(7);
    let checked = 0;
    for (let n = 0; n < 3000; n++) {
      const body = Array.from({ length: 2 + Math.floor(next() * 6) }, () => markdownPiece(pick, chance)).join(pick([' ', '\n', '\n\n']));
      const rendered = renderMarkdown(body, false, BASE);
      if (hasHtml(rendered)) continue;
      expect(cleanHtml(whole(rendered), BASE), body).toBe(whole(rendered));
      checked++;
    }
    expect(checked).toBeGreaterThan(2000);
  });

  it("stays within the sanitizer's nesting limit however deep the Markdown goes", () => {
    // markdown-it stops nesting at 100 levels, under the sanitizer's 200: deep bodies stay as they are.
    const inline = (n: number) => `${'*_'.repeat(n)}x${'_*'.repeat(n)}`;
    for (const body of [`${'> '.repeat(98)}${inline(60)}`, `${'- '.repeat(200)}x`, `${'> '.repeat(60)}${'- '.repeat(60)}**${'['.repeat(30)}x${'](https://e.example/)'.repeat(30)}**`]) {
      const html = whole(renderMarkdown(body, false, BASE));
      expect(hasHtml(renderMarkdown(body, false, BASE))).toBe(false);
      expect(htmlDepth(html)).toBeGreaterThan(90);
      expect(htmlDepth(html)).toBeLessThanOrEqual(NESTING_LIMIT);
      expect(cleanHtml(html, BASE)).toBe(html);
    }
  });

  it('keeps the URL policy: only http(s) and mailto links, only http(s) and raster data: images', () => {
    const html = whole(renderMarkdown(
      '[a](javascript:alert(1)) [b](ftp://x.example/) [c](../sib/) ![d](data:image/svg+xml;base64,PHN2Zz4=) ![e](data:image/png;base64,iVBORw0KGgo=) ![f](//cdn.example/x.png)',
      false,
      BASE,
    ));
    expect(html).toBe(
      // markdown-it itself leaves script and SVG URLs as text; the policy takes the other hrefs.
      '<p>[a](javascript:alert(1)) <a>b</a> <a href="https://example.com/blog/sib/">c</a> ![d](data:image/svg+xml;base64,PHN2Zz4=) ' +
        '<img src="data:image/png;base64,iVBORw0KGgo=" alt="e" /> <img src="https://cdn.example/x.png" alt="f" /></p>\n',
    );
  });

  it('still goes through the sanitizer when the body holds raw HTML', () => {
    const rendered = renderBody({
      body: 'Text <span onclick="x()">span</span> [link](ftp://x.example/)\n\n<script>alert(1)</script>\n',
      titleFromHeading: false,
      url: BASE,
      options: { iframeHosts: [], maxHtmlDepth: 100 },
    });
    expect('html' in rendered && rendered.html).toBe('<p>Text <span>span</span> <a>link</a></p>\n\n');
  });
});

/** Raw HTML as articles hold it, and as hostile or careless ones do. */
const RAW_HTML = [
  '<kbd>Ctrl</kbd>+<kbd>R</kbd>', '<abbr title="Really Simple Syndication">RSS</abbr>', '<span>open span', 'close</span>', '<b>bold <i>both</b> i</i>',
  '<br>', '<br/>', '</br>', '</p>', '<div/>', '<img src="x.png" alt="a > b">', '<SPAN CLASS="X">caps</SPAN>', '<a href="javascript:x()">js</a>',
  '<em onclick="x()">on</em>', '<!-- a comment <div> -->', '<svg><circle r="1"/></svg>', '<script>var a = "<div>";</script>', '<q cite="../src">q</q>',
  '<!--more-->', '<<!-- x -->b>not a tag', '</<!--x-->span>', '<span><!-- note -->', '<!-->', '<!--->',
  // Plain phrasing tags, which a block may pass on without the sanitizer, and near misses.
  'x<sup>2</sup>', '<span lang="fr">oui</span>', '<span dir="rtl" lang="ar">r</span>', '<mark>**strong <em>in</em>**</mark>', '<sub>[link](rel/)</sub>',
  '<q>quote</q>', '*a <kbd>b* c</kbd>', '<kbd>*a</kbd> b*', '<kbd>unclosed', '</kbd>', '<abbr title="a &amp; b">ab</abbr>', "<abbr title='x'>x</abbr>",
  '<abbr  title="x">x</abbr>', '<abbr title="a" title="b">d</abbr>', '<abbr title="">e</abbr>', '<abbr title="x\ny">multi</abbr>', '<S>caps</S>',
  '<code>raw code</code>', '<ruby>x<rt>y</rt></ruby>', '<span class="x">c</span>', '<del cite="../why">d</del>', '<kbd>a</kbd >', '<b><i>x</b></i>',
];
const RAW_BLOCKS = [
  '<figure>\n  <img src="../img/a.jpg" srcset="../img/a.jpg 1x, ../img/a@2x.jpg 2x" alt="A">\n  <figcaption>Caption</figcaption>\n</figure>',
  '<video controls poster="/media/v.jpg">\n  <source src="/media/v.mp4" type="video/mp4">\n</video>',
  '<details>\n<summary>More</summary>\n\nInside **details** with [a link](rel/).\n\n</details>',
  '<details>\n<summary>Never closed</summary>', '</details>', '<div>', '</div>', '<div class="x">\n\n*markdown inside*\n\n</div>',
  '<p class="note">A note <a href="/about/">About</a></p>', '<iframe src="https://www.youtube-nocookie.com/embed/x" width="560"></iframe>',
  '<blockquote class="social-post"><p>Post</p></blockquote>\n<script async src="https://social.example.com/embed.js"></script>',
  '<style>p { color: red }</style>', '<table><tr><td>cell', '</td></tr></table>', '<ul>\n<li>one\n<li>two\n</ul>', '<pre>\n  <b>pre</b>\n</pre>',
  '<!DOCTYPE html>', '<textarea><b>t</b></textarea>', '<p>unclosed paragraph', '<math><mi>x</mi></math>', '<!-- </div> -->',
  '<script>document.write("</div><div>")</script>', '<xmp><div></xmp>', '<?php echo 1; ?>',
  '<!--more-->', '<!-- more -->', '<div>\n<!-- note -->\n</div>', '<!-- a -->\n<!-- b --> <div>', '<!--x--!>', '<!-- a -- b -->',
];

describe('Markdown with raw HTML', () => {
  it('passes blocks whose raw HTML is only plain phrasing tags, closed in order, without the sanitizer', () => {
    const passed = (body: string) => !hasHtml(renderMarkdown(body, false, BASE));
    expect(passed('Press <kbd>Ctrl</kbd>+<kbd>R</kbd> for <abbr title="Really Simple Syndication">RSS</abbr>.')).toBe(true);
    expect(passed('*x <span lang="fr">oui</span>* and <sup>**2**</sup>\n\n<mark>m</mark>')).toBe(true);
    for (const body of ['*a <kbd>b* c</kbd>', '<kbd>open', '<KBD>x</KBD>', '<abbr title="a &amp; b">x</abbr>', '<span class="x">c</span>', '<a href="/x">a</a>', 'a<br>b']) {
      expect(passed(body), body).toBe(false);
    }
  });

  it('is cut only where the raw HTML closed, as a parser reads it', () => {
    for (const body of [
      '<div>\n\n<!-- </div> -->\n\nInside the div\n\n</div>\n\nAfter',
      '<div>\n\n<script>document.write("</div>")</script>\n\nInside\n\n</div>',
      '<details>\n<summary>S</summary>\n\nInside **md**\n\n</details>\n\nAfter',
      '<p>unclosed\n\nNext paragraph',
      'Text <span>open\n\nclose</span> more\n\nlast',
      '</p>\n\nText',
      '<div/>\n\nText\n\n</div>\n\nMore',
      '<svg><circle r="1"/></svg>\n\nText',
      '<table><tr><td>\n\n*cell*\n\n</td></tr></table>\n\nAfter',
      'Intro\n\n<!--more-->\n\nThe rest, *cut* from the intro',
      '<span>\n\n<!--more-->\n\nInside\n\n</span>\n\nAfter',
      'Text <b>open <!-- x -->\n\nstill open</b>\n\nAfter',
      'A </<!--x-->span> B\n\n<span>s\n\nt</span>',
      '<div>\n\nA </<!--x-->div> B\n\n*C* & D\n\n</div>\n\nE',
      '<div>\n\n<!-- </div> -->\n\n*C* & D\n\n</div>',
    ]) {
      const result = renderBody({ body, titleFromHeading: false, url: BASE, options: { iframeHosts: [], maxHtmlDepth: 1000 } });
      expect('html' in result && result.html, body).toBe(cleanHtml(cleanText(whole(renderMarkdown(body, false, BASE))), BASE));
    }
  });

  it('sanitized piece by piece gives what sanitizing the whole body gives', () => {
    const { next, pick, chance } = seeded(11);
    let split = 0;
    let plain = 0;
    for (let n = 0; n < 3000; n++) {
      const pieces = Array.from({ length: 3 + Math.floor(next() * 8) }, () => {
        const r = next();
        if (r < 0.2) return `${pick(TEXTS)} ${pick(RAW_HTML)} ${pick(TEXTS)}`;
        if (r < 0.4) return `\n\n${pick(RAW_BLOCKS)}\n\n`;
        return markdownPiece(pick, chance);
      });
      const body = pieces.join(pick(['\n\n', '\n', ' ']));
      const rendered = renderMarkdown(body, false, BASE);
      const result = renderBody({ body, titleFromHeading: false, url: BASE, options: { iframeHosts: ['www.youtube-nocookie.com'], maxHtmlDepth: 1000 } });
      const expected = cleanHtml(cleanText(whole(rendered)), BASE, ['www.youtube-nocookie.com']);
      expect('html' in result && result.html, body).toBe(expected);
      if (rendered.segments.length > 1 && hasHtml(rendered) && rendered.segments.some((s) => !s.hasHtml)) split++;
      if (rendered.segments.some((s) => !s.hasHtml && /<(kbd|abbr|sup|span|mark|sub|q)\b/.test(s.html))) plain++;
    }
    // And blocks of plain phrasing tags were passed on unsanitized in many: the comparison checked those too.
    expect(plain).toBeGreaterThan(200);
    // The pieces were really cut in most bodies: the comparison above checked the cutting.
    expect(split).toBeGreaterThan(1500);
  });
});

describe('the nesting depth of HTML', () => {
  // The definition htmlDepth() implements without a regular expression.
  const reference = (html: string) => {
    let depth = 0;
    let max = 0;
    for (const m of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(\/?)>/g)) {
      if (m[1]) depth = Math.max(0, depth - 1);
      else if (!m[3] && !['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr'].includes(m[2]!.toLowerCase())) max = Math.max(max, ++depth);
    }
    return max;
  };

  it('is the deepest count of open tags, read as the definition reads them', () => {
    const { next, pick } = seeded(21);
    const parts = ['<', '>', '/', '</', '/>', '<div>', '</div>', '<p>', '</p>', '<br>', '<BR/>', '<img src="a>b">', '<a-b>', '<h1>', 'x', ' ', '-', '1', '<<', '<div/ >', '<SPAN', '="/"', '<!-- -->', 'é'];
    let deep = 0;
    for (let n = 0; n < 20000; n++) {
      const html = Array.from({ length: Math.floor(next() * 40) }, () => pick(parts)).join('');
      expect(htmlDepth(html), html).toBe(reference(html));
      if (reference(html) > 2) deep++;
    }
    expect(deep).toBeGreaterThan(1000);
    for (const html of ['', '<', '<div', '<div>', '<div/>', '<div />', '</div>', '<div>/</div>', '<a><b><c>', '<1><a>', '<a\n>x<br>']) expect(htmlDepth(html), html).toBe(reference(html));
  });
});
