// gofeed (Debian's golang-github-mmcdole-gofeed-dev) on every feed named: one JSON document on
// stdout, {reader, version, feeds: [{path, items} or {path, error}]}. install.sh builds it
// offline against Debian's Go sources.
package main

import (
	"encoding/json"
	"os"
	"time"

	"github.com/mmcdole/gofeed"
)

// Set at build time from the Debian package's version.
var version = "unknown"

type enclosure struct {
	URL    string `json:"url"`
	Type   string `json:"type"`
	Length string `json:"length"`
}

func utc(t *time.Time) *string {
	if t == nil {
		return nil
	}
	v := t.UTC().Format("2006-01-02T15:04:05Z")
	return &v
}

func item(it *gofeed.Item) map[string]any {
	authors := []string{}
	for _, a := range it.Authors {
		authors = append(authors, a.Name)
	}
	if len(authors) == 0 && it.Author != nil {
		authors = append(authors, it.Author.Name)
	}
	enclosures := []enclosure{}
	for _, e := range it.Enclosures {
		enclosures = append(enclosures, enclosure{e.URL, e.Type, e.Length})
	}
	var image *string
	if it.Image != nil {
		image = &it.Image.URL
	}
	categories := append([]string{}, it.Categories...)

	return map[string]any{
		"id": it.GUID, "title": it.Title, "link": it.Link,
		"published": utc(it.PublishedParsed), "updated": utc(it.UpdatedParsed),
		"authors": authors, "summary": it.Description, "content": it.Content,
		"categories": categories, "enclosures": enclosures, "image": image,
	}
}

func read(path string) map[string]any {
	f, err := os.Open(path)
	if err != nil {
		return map[string]any{"path": path, "error": err.Error()}
	}
	defer f.Close()
	feed, err := gofeed.NewParser().Parse(f)
	if err != nil {
		return map[string]any{"path": path, "error": err.Error()}
	}
	items := []map[string]any{}
	for _, it := range feed.Items {
		items = append(items, item(it))
	}
	return map[string]any{"path": path, "items": items}
}

func main() {
	feeds := []map[string]any{}
	for _, path := range os.Args[1:] {
		feeds = append(feeds, read(path))
	}
	out := json.NewEncoder(os.Stdout)
	out.SetEscapeHTML(false)
	out.Encode(map[string]any{"reader": "gofeed", "version": version, "feeds": feeds})
}
