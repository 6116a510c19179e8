/**
 * The XSL stylesheet that RSS and Atom feeds point to, so a feed opened in a
 * browser by mistake shows as a readable page: what a feed is, how to
 * subscribe, and each item with its title, date and summary. It needs no
 * script; a few lines of script only put dates in the reader's locale.
 * (Browsers apply it to feeds served as application/xml or text/xml, as
 * GitHub Pages and `syndicate serve` do for browsers.)
 */

export const STYLESHEET = `<?xml version="1.0" encoding="utf-8"?>
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom"
  exclude-result-prefixes="atom">
<xsl:output method="html" encoding="utf-8" indent="yes" doctype-system="about:legacy-compat"/>

<xsl:variable name="title" select="/rss/channel/title | /atom:feed/atom:title"/>
<xsl:variable name="home" select="/rss/channel/link | /atom:feed/atom:link[@rel='alternate']/@href"/>

<xsl:template match="/">
<html>
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title><xsl:value-of select="$title"/> (web feed)</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1d1d1f; background: #fff; }
header { border-bottom: 1px solid #ddd; margin-bottom: 1.5rem; }
.about { background: #f3f6fa; border-radius: .5rem; padding: .75rem 1rem; }
article { margin: 1.5rem 0; }
article h2 { font-size: 1.15rem; margin: 0; }
time { color: #666; font-size: .9rem; }
code { background: #eee; padding: 0 .25rem; border-radius: .25rem; word-break: break-all; }
@media (prefers-color-scheme: dark) { body { color: #eee; background: #111; } .about { background: #1e2633; } code { background: #333; } time { color: #aaa; } a { color: #8ab4f8; } }
</style>
</head>
<body>
<header>
<h1><xsl:value-of select="$title"/></h1>
<p class="about">This is a <strong>web feed</strong>. Subscribe by copying the address of this page
into your feed reader (NetNewsWire, Feedly, Inoreader, Miniflux, Thunderbird, ...): new
articles then come to you. <xsl:if test="$home">Visit the site: <a href="{$home}"><xsl:value-of select="$home"/></a>.</xsl:if></p>
</header>
<main>
<xsl:apply-templates select="/rss/channel/item | /atom:feed/atom:entry"/>
</main>
<script>
for (const t of document.querySelectorAll('time[datetime]')) {
  const d = new Date(t.getAttribute('datetime'));
  if (!isNaN(d)) t.textContent = d.toLocaleString(undefined, { dateStyle: 'long', timeStyle: 'short' });
}
</script>
</body>
</html>
</xsl:template>

<xsl:template match="item">
<article>
<h2><a href="{link}"><xsl:value-of select="title"/></a></h2>
<time datetime="{pubDate}"><xsl:value-of select="pubDate"/></time>
<!-- description holds HTML-escaped plain text: unescape the five entities for display. -->
<p><xsl:call-template name="unescape"><xsl:with-param name="text" select="description"/></xsl:call-template></p>
</article>
</xsl:template>

<xsl:template match="atom:entry">
<article>
<h2><a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></h2>
<time datetime="{atom:published}"><xsl:value-of select="atom:published"/></time>
<p><xsl:value-of select="atom:summary"/></p>
</article>
</xsl:template>

<xsl:template name="unescape">
<xsl:param name="text"/>
<xsl:choose>
<xsl:when test="contains($text, '&amp;')">
<xsl:value-of select="substring-before($text, '&amp;')"/>
<xsl:variable name="rest" select="substring-after($text, '&amp;')"/>
<xsl:choose>
<xsl:when test="starts-with($rest, 'amp;')">&amp;<xsl:call-template name="unescape"><xsl:with-param name="text" select="substring($rest, 5)"/></xsl:call-template></xsl:when>
<xsl:when test="starts-with($rest, 'lt;')">&lt;<xsl:call-template name="unescape"><xsl:with-param name="text" select="substring($rest, 4)"/></xsl:call-template></xsl:when>
<xsl:when test="starts-with($rest, 'gt;')">&gt;<xsl:call-template name="unescape"><xsl:with-param name="text" select="substring($rest, 4)"/></xsl:call-template></xsl:when>
<xsl:when test="starts-with($rest, 'quot;')">"<xsl:call-template name="unescape"><xsl:with-param name="text" select="substring($rest, 6)"/></xsl:call-template></xsl:when>
<xsl:otherwise>&amp;<xsl:call-template name="unescape"><xsl:with-param name="text" select="$rest"/></xsl:call-template></xsl:otherwise>
</xsl:choose>
</xsl:when>
<xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
</xsl:choose>
</xsl:template>
</xsl:stylesheet>
`;
