/** Names a config or an article may give, checked without loading any schema library. */

// Answers by zone name: making a DateTimeFormat to find out costs more than parsing a date.
const validZones = new Map<string, boolean>();

/** An IANA time zone name this Node.js knows (`Europe/Paris`, `UTC`). */
export function isValidTimeZone(zone: string): boolean {
  let valid = validZones.get(zone);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      valid = true;
    } catch {
      valid = false;
    }
    validZones.set(zone, valid);
  }
  return valid;
}

/** RFC 4151 DNSname: labels of letters, digits and inner hyphens; or an email address. */
const DNS_NAME = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/i;
const EMAIL = /^[a-z0-9._%+-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/i;

/** What a `tag:` URI (RFC 4151) may be minted under: a domain name or an email address. */
export function isTagAuthority(name: string): boolean {
  return DNS_NAME.test(name) || EMAIL.test(name);
}
