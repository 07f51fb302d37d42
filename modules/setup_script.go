package modules

// factsScript gathers every fact in one shell round trip. It prints
// "key=value" lines; the environment follows a "__env__" line and the
// lines of /proc/net/route (used when ip is missing) follow "__route__".
const factsScript = `
kv() { printf '%s=%s\n' "$1" "$2"; }
[ -r /etc/os-release ] && . /etc/os-release
kv os_id "${ID:-}"; kv os_id_like "${ID_LIKE:-}"; kv os_name "${NAME:-}"
kv os_version_id "${VERSION_ID:-}"; kv os_codename "${VERSION_CODENAME:-}"; kv os_pretty "${PRETTY_NAME:-}"
[ -r /etc/debian_version ] && kv debian_version "$(cat /etc/debian_version)"
[ -r /etc/redhat-release ] && kv redhat_release "$(cat /etc/redhat-release)"
[ -r /etc/alpine-release ] && kv alpine_release "$(cat /etc/alpine-release)"
if command -v lsb_release >/dev/null 2>&1; then
  kv lsb_id "$(lsb_release -si 2>/dev/null)"; kv lsb_release "$(lsb_release -sr 2>/dev/null)"
  kv lsb_codename "$(lsb_release -sc 2>/dev/null)"; kv lsb_description "$(lsb_release -sd 2>/dev/null)"
elif [ -r /etc/lsb-release ]; then
  . /etc/lsb-release
  kv lsb_id "${DISTRIB_ID:-}"; kv lsb_release "${DISTRIB_RELEASE:-}"
  kv lsb_codename "${DISTRIB_CODENAME:-}"; kv lsb_description "${DISTRIB_DESCRIPTION:-}"
fi
kv nodename "$(uname -n)"; kv kernel "$(uname -r)"; kv kernel_version "$(uname -v)"
kv machine "$(uname -m)"; kv system "$(uname -s)"
kv fqdn "$(hostname -f 2>/dev/null || uname -n)"
kv vcpus "$(grep -c '^processor' /proc/cpuinfo 2>/dev/null)"
kv sockets "$(grep '^physical id' /proc/cpuinfo 2>/dev/null | sort -u | wc -l)"
kv cores "$(grep -m1 '^cpu cores' /proc/cpuinfo 2>/dev/null | sed 's/.*: *//')"
kv siblings "$(grep -m1 '^siblings' /proc/cpuinfo 2>/dev/null | sed 's/.*: *//')"
kv nproc "$(nproc 2>/dev/null)"
awk '/^MemTotal:/{print "memtotal_kb=" $2} /^MemFree:/{print "memfree_kb=" $2} /^SwapTotal:/{print "swaptotal_kb=" $2} /^SwapFree:/{print "swapfree_kb=" $2}' /proc/meminfo 2>/dev/null
u=$(id -un); kv user_id "$u"; kv user_uid "$(id -u)"; kv user_gid "$(id -g)"
kv user_passwd "$(getent passwd "$u" 2>/dev/null)"
kv proc1 "$(cat /proc/1/comm 2>/dev/null)"
if command -v systemctl >/dev/null 2>&1 && { [ -d /run/systemd/system ] || [ -d /dev/.run/systemd ] || [ -d /dev/.systemd ]; }; then kv systemd_managed 1; fi
if command -v initctl >/dev/null 2>&1 && [ -d /etc/init ]; then kv upstart 1; fi
[ -e /sbin/openrc ] && kv openrc 1
[ -L /sbin/init ] && kv init_link "$(readlink -f /sbin/init)"
[ -d /etc/init.d ] && kv initd 1
for p in apt-get dnf yum zypper apk pacman; do
  if command -v "$p" >/dev/null 2>&1; then kv pkg_tool "$p"; break; fi
done
kv date "$(date '+%s %Z %z')"
py=/usr/bin/python3; [ -x "$py" ] || py=$(command -v python3 2>/dev/null)
if [ -n "$py" ]; then
  kv python "$("$py" -c 'import sys
try:
    from ssl import create_default_context, SSLContext
    s = 1
except ImportError:
    s = 0
v = sys.version_info
print(sys.implementation.name, v[0], v[1], v[2], v[3], v[4], s, sys.executable)' 2>/dev/null)"
fi
kv interfaces "$(ls /sys/class/net 2>/dev/null | tr '\n' ' ')"
if command -v ip >/dev/null 2>&1; then
  kv ip_route "$(ip -4 route get 8.8.8.8 2>/dev/null | head -n1)"
  ip -4 -o addr show 2>/dev/null | while read -r _ dev _ addr rest; do kv ip_addr "$dev $addr $rest"; done
else
  kv hostname_i "$(hostname -I 2>/dev/null)"
fi
for d in /sys/class/net/*; do
  [ -e "$d/address" ] && kv iface "${d##*/} $(cat "$d/address" 2>/dev/null) $(cat "$d/mtu" 2>/dev/null) $(cat "$d/type" 2>/dev/null)"
done
echo __route__
cat /proc/net/route 2>/dev/null
echo __env__
env
`
