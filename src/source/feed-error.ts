/**
 * Why a feed could not be read, in words for the person who gave it: "it is empty", "HTTP 500",
 * "line 47, column 20: unclosed tag content:encoded". The caller names the feed and says what to
 * do (`syndicate import`, `--previous`); nothing here is a fault of syndicate's.
 */
export class FeedReadError extends Error {}
