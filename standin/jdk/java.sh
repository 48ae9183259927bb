#!/bin/sh
# esbplay stand-in JDK: bin/java runs the stand-in JVM (a Node.js program) with the java command line unchanged.
# Node is taken from $STANDIN_JAVA_NODE, else PATH, else /usr/local/bin/node, else /usr/bin/node
# (a command started over ssh has a minimal PATH).
# only shell built-ins until node runs: a bare environment may have no PATH at all
self=$0
if command -v readlink >/dev/null 2>&1; then
  resolved=$(readlink -f "$0" 2>/dev/null) && self=$resolved
fi
case $self in
  */*) bindir=${self%/*} ;;
  *) bindir=. ;;
esac
jdk=$(cd "$bindir/.." && pwd)
node=${STANDIN_JAVA_NODE:-}
if [ -n "$node" ] && [ ! -x "$node" ]; then
  echo "Error: STANDIN_JAVA_NODE=$node is not an executable Node.js" >&2
  exit 1
fi
[ -z "$node" ] && node=$(command -v node 2>/dev/null)
[ -z "$node" ] && [ -x /usr/local/bin/node ] && node=/usr/local/bin/node
[ -z "$node" ] && [ -x /usr/bin/node ] && node=/usr/bin/node
if [ -z "$node" ]; then
  echo "Error: the esbplay stand-in JDK needs Node.js: none on PATH, /usr/local/bin/node or /usr/bin/node (set STANDIN_JAVA_NODE)" >&2
  exit 1
fi
exec "$node" "$jdk/lib/standin/jdk/jvm-main.mjs" "$0" "$@"
