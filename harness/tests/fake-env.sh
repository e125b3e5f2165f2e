# Sourced by the suites that run scbench against the fake QEMU: the TAP
# helpers, S (the scbench under test, $1), FAKE (the fake QEMU) and a
# scratch folder $tmp, removed on exit, holding an empty kernel image.
. "$(dirname "$0")/../../ci/tap.sh"
S="$1"
FAKE="$(cd "$(dirname "$0")" && pwd)/fake-qemu"
[ -x "$S" ] || { echo "not ok - scbench binary '$S' missing"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
touch "$tmp/kernel"
