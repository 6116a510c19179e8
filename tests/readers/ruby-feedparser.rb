# Ruby feedparser (Debian's ruby-feedparser, the parser of feed2imap) on every feed named: one JSON
# document on stdout, {reader, version, feeds: [{path, items} or {path, error}]}.
require 'feedparser'
require 'json'

def item(it)
  {
    id: nil, # not kept
    title: it.title, link: it.link,
    published: it.date&.getutc&.strftime('%Y-%m-%dT%H:%M:%SZ'), updated: nil, # one date per item
    authors: it.creators,
    summary: nil, content: it.content, # one text per item
    categories: it.categories,
    enclosures: it.enclosures.map { |url, length, type| { url: url, type: type, length: length } },
    image: nil,
  }
end

feeds = ARGV.map do |path|
  { path: path, items: FeedParser::Feed.new(File.read(path, encoding: 'UTF-8')).items.map { |it| item(it) } }
rescue StandardError => e
  { path: path, error: e.message }
end
puts JSON.generate({ reader: 'ruby-feedparser', version: FeedParser::VERSION, feeds: feeds })
