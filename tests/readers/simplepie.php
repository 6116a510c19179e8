<?php
// SimplePie exactly as WordPress ships it (wp-includes of Debian's `wordpress` package, unpacked
// by install.sh), default options but no cache, on every feed named: one JSON document on stdout,
// {reader, version, feeds: [{path, items} or {path, error}]}. WP_INCLUDES names its folder.
$wp = getenv('WP_INCLUDES') ?: '/usr/share/wordpress/wp-includes';
define('ABSPATH', dirname($wp) . '/');
define('WPINC', basename($wp));
require ABSPATH . WPINC . '/class-simplepie.php';
require ABSPATH . WPINC . '/version.php'; // $wp_version

// SimplePie returns every string escaped for HTML output, by design (& as &amp; in URLs and
// titles): what an application shows is the string unescaped once.
function text($v) { return $v === null || $v === '' ? null : html_entity_decode($v, ENT_QUOTES | ENT_HTML5, 'UTF-8'); }
function utc($ts) { return $ts === null || $ts === false ? null : gmdate('Y-m-d\TH:i:s\Z', (int) $ts); }

function item($it) {
    $authors = [];
    foreach ($it->get_authors() ?? [] as $a) $authors[] = text($a->get_name() ?? $a->get_email());
    $categories = [];
    foreach ($it->get_categories() ?? [] as $c) $categories[] = text($c->get_term() ?? $c->get_label());
    $enclosures = [];
    foreach ($it->get_enclosures() ?? [] as $e) {
        // SimplePie gives an item with media:thumbnail alone an enclosure without a link: no file.
        if ($e->get_link() === null) continue;
        $enclosures[] = ['url' => text($e->get_link()), 'type' => $e->get_type(), 'length' => $e->get_length()];
    }
    $thumbnail = $it->get_thumbnail();
    return [
        'id' => text($it->get_id()), 'title' => text($it->get_title()), 'link' => text($it->get_permalink()),
        'published' => utc($it->get_date('U')), 'updated' => utc($it->get_updated_date('U')),
        'authors' => $authors,
        'summary' => $it->get_description(true), 'content' => $it->get_content(true),
        'categories' => $categories, 'enclosures' => $enclosures,
        'image' => isset($thumbnail['url']) ? text($thumbnail['url']) : null,
    ];
}

$feeds = [];
foreach (array_slice($argv, 1) as $path) {
    $feed = new SimplePie();
    $feed->enable_cache(false);
    $feed->set_raw_data(file_get_contents($path));
    if (!$feed->init()) { $feeds[] = ['path' => $path, 'error' => $feed->error()]; continue; }
    $feeds[] = ['path' => $path, 'items' => array_map('item', $feed->get_items() ?? [])];
}
echo json_encode(['reader' => 'simplepie', 'version' => SIMPLEPIE_VERSION . ' (WordPress ' . $wp_version . ')', 'feeds' => $feeds],
    JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE), "\n";
