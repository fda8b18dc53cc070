#!/bin/sh
# need-debs.sh PACKAGE... - installs the Debian packages that are missing
# (as root, with apt-get), or prints the command that would, and fails.
missing=""
for p in "$@"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null && apt-get install -y -qq $missing >/dev/null ||
		{ echo "apt-get install failed:$missing" >&2; exit 1; }
	exit 0
fi
echo "statusdb needs these Debian packages:$missing" >&2
echo "install them with: sudo apt-get install -y$missing" >&2
exit 1
