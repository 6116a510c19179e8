/**
 * The template tags of Hugo, Jekyll and Eleventy bodies, through the compiled renderer
 * (lib/content/templates/ and lib/content/render.js): each known tag as the site shows it, every
 * other one removed (what it encloses kept), never left as text, never part of a URL. And the
 * forms of frontmatter and dates those tools read.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/project.js';

type Templates = typeof import('../src/content/templates/index.js');
type Render = typeof import('../src/content/render.js');

const templates = (await import(path.join(ROOT, 'lib/content/templates/index.js'))) as Templates;
const { renderBody } = (await import(path.join(ROOT, 'lib/content/render.js'))) as Render;

const PAGE = 'https://example.org/blog/2024/05/tour/';
const links = { 'ref posts/b.md': 'https://example.org/blog/2024/03/b/', 'post_url 2024-01-01-a': 'https://example.org/blog/2024/01/01/a/' };

/** A body rendered to feed HTML as a site of `dialect` writes it. */
function html(body: string, dialect: 'hugo' | 'liquid' | 'nunjucks', iframeHosts: string[] = []): string {
  const ctx = { dialect, vars: { site: { title: 'Field Notes', baseurl: '/blog', params: { description: 'Walks & talks' } }, metadata: { title: 'Bench' } }, page: { url: '/2024/05/tour/', title: 'Tour', date: '' }, siteUrl: 'https://example.org/blog/', links, iframeHosts };
  const rendered = renderBody({ body, titleFromHeading: false, url: PAGE, options: { iframeHosts, maxHtmlDepth: 1000 }, templates: ctx });
  if ('error' in rendered) throw new Error(rendered.error);
  return rendered.html;
}

function unknownOf(body: string, dialect: 'hugo' | 'liquid' | 'nunjucks'): string[] {
  return templates.scanTemplates(body, { dialect, vars: { site: { title: 'x' } } }).unknown.map((u) => u.tag);
}

describe('Hugo shortcodes', () => {
  it('embed a video where the feed keeps its player, and link to it where it does not', () => {
    expect(html('{{< youtube dQw4w9WgXcQ >}}', 'hugo', ['www.youtube.com'])).toBe('<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" width="560" height="315" title="YouTube video" allowfullscreen></iframe>');
    expect(html('{{< vimeo id="146022717" >}}', 'hugo')).toBe('<p><a href="https://vimeo.com/146022717">Vimeo video 146022717</a></p>\n');
  });

  it('link a gist, a tweet and an Instagram post, and give the ref of a page its URL', () => {
    expect(html('{{< gist spf13 7896402 >}}', 'hugo')).toContain('<a href="https://gist.github.com/spf13/7896402">');
    expect(html('{{< tweet user="SanDiegoZoo" id="1453110110599868418" >}}', 'hugo')).toContain('<a href="https://twitter.com/SanDiegoZoo/status/1453110110599868418">');
    expect(html('[b]({{< ref "posts/b.md" >}}) and [b]({{< relref "posts/b.md" >}})', 'hugo')).toBe(
      '<p><a href="https://example.org/blog/2024/03/b/">b</a> and <a href="https://example.org/blog/2024/03/b/">b</a></p>\n',
    );
  });

  it('keep the text of highlighted code and of a commented shortcode as written', () => {
    expect(html('{{< highlight sh >}}\n# a comment, not a heading\n``` fences inside\n{{< /highlight >}}', 'hugo')).toBe(
      '<pre><code class="language-sh"># a comment, not a heading\n``` fences inside\n</code></pre>\n',
    );
    expect(html('Write {{</* youtube x */>}} to embed.', 'hugo')).toBe('<p>Write {{&lt; youtube x &gt;}} to embed.</p>\n');
  });

  it('remove a site\'s own shortcode, keeping what it encloses, and never leave it in a URL', () => {
    expect(unknownOf('{{< note >}}\nInside **it**.\n{{< /note >}}', 'hugo')).toEqual(['{{< note >}}']);
    expect(html('{{< note >}}\nInside **it**.\n{{< /note >}}', 'hugo')).toBe('<p>Inside <strong>it</strong>.</p>\n');
    expect(html('[gone]({{< ref "nowhere.md" >}}) <a href="{{< site-url >}}/x">x</a>', 'hugo')).toBe('<p><a>gone</a> <a>x</a></p>\n');
    expect(html('stray {{< /note >}} closing', 'hugo')).toBe('<p>stray  closing</p>\n');
  });
});

describe('Liquid and Nunjucks tags', () => {
  it('render post_url, values with the URL filters, gist and tweet links', () => {
    expect(html('[a]({% post_url 2024-01-01-a %}) on {{ site.title }}: {{ "/feed.xml" | relative_url }}, {{ "/feed.xml" | absolute_url }}', 'liquid')).toBe(
      '<p><a href="https://example.org/blog/2024/01/01/a/">a</a> on Field Notes: /blog/feed.xml, https://example.org/blog/feed.xml</p>\n',
    );
    expect(html('{% gist parkr/c08ee0f2726fd0e3909d %}', 'liquid')).toContain('<a href="https://gist.github.com/parkr/c08ee0f2726fd0e3909d">');
    expect(html('{% tweet https://twitter.com/jekyllrb/status/1 %}', 'liquid')).toContain('<a href="https://twitter.com/jekyllrb/status/1">');
  });

  it('keep raw text and highlighted code as written, take comments out, and trim where a tag says so', () => {
    expect(html('{% raw %}{{ page.title }} {% if %}{% endraw %}', 'liquid')).toBe('<p>{{ page.title }} {% if %}</p>\n');
    expect(html('{% highlight ruby %}\n# not a heading\nputs "{{ site.title }}"\n{% endhighlight %}', 'liquid')).toBe(
      '<pre><code class="language-ruby"># not a heading\nputs "Field Notes"\n</code></pre>\n',
    );
    expect(html('a {% comment %}hidden{% endcomment %}b {{- " c" }}', 'liquid')).toBe('<p>a b c</p>\n');
    expect(html('{# a Nunjucks comment #}{{ metadata.title }}', 'nunjucks')).toBe('<p>Bench</p>\n');
  });

  it('remove a tag or value they cannot render, keeping a block\'s inside but a capture\'s, never in a URL', () => {
    expect(unknownOf('{% include note.html %} {% if x %}kept{% endif %} {{ page.nothing }} {{ site.title | shout }}', 'liquid')).toEqual([
      '{% include note.html %}',
      '{% if x %}',
      '{{ page.nothing }}',
      '{{ site.title | shout }}',
    ]);
    expect(html('{% include note.html %}{% if x %}kept{% endif %}{% capture c %}not shown{% endcapture %}', 'liquid')).toBe('<p>kept</p>\n');
    expect(html('<a href="{{ config.base_url }}/about/">about</a> [x]({{ unknown }})', 'liquid')).toBe('<p><a>about</a> <a>x</a></p>\n');
  });
});

const { parseFrontmatter } = (await import(path.join(ROOT, 'lib/source/frontmatter.js'))) as typeof import('../src/source/frontmatter.js');
const { parseDate } = (await import(path.join(ROOT, 'lib/time/parse-date.js'))) as typeof import('../src/time/parse-date.js');

describe('frontmatter and dates as the tools read them', () => {  const source = (text: string) => ({ text, relPath: 'a.md', absPath: '/a.md', displayPath: 'a.md', size: text.length, mtimeMs: 0, ctimeMs: 0, hash: '' });
  const hugo = { formats: ['yaml', 'toml', 'json'] as const, repeatedKeys: 'last-wins' as const };

  it('reads TOML between +++ lines and a JSON object opening the file, where the site is Hugo\'s, with the lines of their keys', () => {
    const toml = parseFrontmatter(source('+++\ntitle = """Two\nlines"""\ndate = 2024-02-14\ndraft = true\n[params]\n  author = "Ben"\n+++\nBody.\n'), hugo);
    expect(toml.draft?.data).toEqual({ title: 'Two\nlines', date: '2024-02-14', draft: true, params: { author: 'Ben' } });
    expect([toml.draft?.body, toml.draft?.bodyLine, toml.draft?.lineOf(['draft'])]).toEqual(['Body.\n', 9, 5]);
    const json = parseFrontmatter(source('{\n  "title": "J",\n  "date": "2024-01-01"\n}\nBody.\n'), hugo);
    expect([json.draft?.data, json.draft?.body]).toEqual([{ title: 'J', date: '2024-01-01' }, 'Body.\n']);
    // syndicate's own reading takes +++ as Markdown, as it always did.
    expect(parseFrontmatter(source('+++\ntitle = "x"\n+++\n')).draft?.data).toEqual({});
  });

  it('keeps the last of a repeated YAML key with a warning where the tool does, and refuses it where it does not', () => {
    const text = '---\ntitle: First\ndate: 2024-01-01\ntitle: Second\n---\n';
    const kept = parseFrontmatter(source(text), hugo);
    expect(kept.draft?.data.title).toBe('Second');
    expect(kept.diagnostics.map((d) => `${d.line}: ${d.severity}`)).toEqual(['4: warning']);
    expect(parseFrontmatter(source(text)).diagnostics.map((d) => `${d.line}: ${d.severity}`)).toEqual(['4: error']);
  });

  it('reads YAML timestamps as Go and Ruby read them: a space, one-digit hours and months, "+0000" and "-5"', () => {
    const at = (text: string) => {
      const p = parseDate(text, 'UTC');
      return 'error' in p ? p.error : `${new Date(p.instant).toISOString()} ${p.offset}`;
    };
    expect(at('2024-05-29 9:00:00 +0000')).toBe('2024-05-29T09:00:00.000Z 0');
    expect(at('2001-12-14 21:59:43.10 -5')).toBe('2001-12-15T02:59:43.100Z -300');
    expect(at('2024-5-9 09:00:00')).toBe('2024-05-09T09:00:00.000Z 0');
  });
});
