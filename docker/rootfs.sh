#!/bin/sh
# Assembles the whole file system of an image that is FROM scratch, in DIR: the jlink-ed runtime
# (/opt/jre) and the app (/app) as they are, and what they need of an operating system: glibc (all
# the JVM links), a user and group for uid 10001, a /tmp, and /run/duet for Unix sockets (owned by
# 10001, so a socket one container makes there is usable by the other). Run in a build stage of
# both images, whose glibc is then the image's.
#
# Usage: rootfs.sh DIR
set -eu
dir=$1
mkdir -p "$dir/etc" "$dir/tmp" "$dir/run/duet" "$dir/lib/x86_64-linux-gnu" "$dir/lib64" "$dir/opt"
cp -a /opt/jre "$dir/opt/"
cp -a /app "$dir/"
for lib in libc.so.6 libm.so.6 libdl.so.2 libpthread.so.0 librt.so.1; do
  cp -L "/lib/x86_64-linux-gnu/$lib" "$dir/lib/x86_64-linux-gnu/"
done
cp -L /lib64/ld-linux-x86-64.so.2 "$dir/lib64/"
echo 'duet:x:10001:10001:duet:/nonexistent:/sbin/nologin' >"$dir/etc/passwd"
echo 'duet:x:10001:' >"$dir/etc/group"
chmod 1777 "$dir/tmp"
chown 10001:10001 "$dir/run/duet"
