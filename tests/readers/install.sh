#!/usr/bin/env bash
# Installs the feed readers of the reader matrix (tests/readers.test.ts) on Debian or Ubuntu, as
# root: Debian's packages, SimplePie from the `wordpress` package (unpacked, not installed: the
# package would start Apache and pull in MariaDB's client for the 60 PHP files we need), and the
# gofeed program built offline against Debian's Go sources. Built files go to
# node_modules/.cache/syndicate-readers/. Idempotent; says what it could not install; exits 0
# (the matrix skips a missing reader and says so).
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${SYNDICATE_READERS:-$HERE/../../node_modules/.cache/syndicate-readers}"
mkdir -p "$CACHE"
CACHE="$(cd "$CACHE" && pwd)"
export DEBIAN_FRONTEND=noninteractive
APT=(apt-get -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600)
missing=()
updated=0
update_once() { [ $updated = 1 ] || apt-get -qq -o DPkg::Lock::Timeout=600 update >/dev/null 2>&1; updated=1; }
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  need=()
  for p in python3-feedparser php-cli php-xml php-mbstring golang-go golang-github-mmcdole-gofeed-dev newsboat ruby-feedparser; do
    installed "$p" || need+=("$p")
  done
  if [ ${#need[@]} -gt 0 ]; then
    update_once
    # one package that cannot be had must not keep the others out
    "${APT[@]}" install "${need[@]}" >/dev/null 2>&1 || for p in "${need[@]}"; do "${APT[@]}" install "$p" >/dev/null 2>&1 || missing+=("$p"); done
  fi
  WP="$CACHE/wordpress"
  if [ ! -f /usr/share/wordpress/wp-includes/class-simplepie.php ] && [ ! -f "$WP/usr/share/wordpress/wp-includes/class-simplepie.php" ]; then
    tmp="$(mktemp -d)"
    (cd "$tmp" && apt-get download -qq wordpress >/dev/null 2>&1) || { update_once; (cd "$tmp" && apt-get download -qq wordpress >/dev/null 2>&1); }
    if ls "$tmp"/wordpress_*.deb >/dev/null 2>&1; then dpkg-deb -x "$tmp"/wordpress_*.deb "$WP"; else missing+=("wordpress (apt-get download)"); fi
    rm -rf "$tmp"
  fi
else
  echo "install.sh: not root on Debian or Ubuntu: the readers already present are used"
fi

# gofeed in GOPATH mode against /usr/share/gocode: no module proxy is asked, nothing is downloaded.
if command -v go >/dev/null && [ -d /usr/share/gocode/src/github.com/mmcdole/gofeed ]; then
  if [ ! -x "$CACHE/gofeed-reader" ] || [ "$HERE/gofeed/main.go" -nt "$CACHE/gofeed-reader" ]; then
    version="$(dpkg-query -W -f='${Version}' golang-github-mmcdole-gofeed-dev 2>/dev/null || echo unknown)"
    (cd "$HERE/gofeed" && GOPATH=/usr/share/gocode GO111MODULE=off GOPROXY=off GOFLAGS= GOCACHE="$CACHE/go-build" \
      go build -o "$CACHE/gofeed-reader" -ldflags "-X main.version=$version" main.go) || missing+=("gofeed (build failed)")
  fi
else
  missing+=("gofeed (golang-go, golang-github-mmcdole-gofeed-dev)")
fi

if [ ${#missing[@]} -gt 0 ]; then echo "install.sh: could not install: ${missing[*]}"; else echo "install.sh: every reader is installed"; fi
exit 0
