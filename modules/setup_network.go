package modules

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"net"
	"strconv"
	"strings"
)

// ifaceInfo is what /sys/class/net says about an interface.
type ifaceInfo struct {
	mac, kind string
	mtu       int
}

// networkFacts sets ansible_default_ipv4, ansible_all_ipv4_addresses and
// ansible_interfaces from ip(8) output, or /proc/net/route and hostname -I.
func networkFacts(r rawFacts, f map[string]any) {
	ifaces := map[string]ifaceInfo{}
	for _, line := range r.many["iface"] {
		p := strings.Fields(line)
		if len(p) == 4 {
			kind := map[string]string{"1": "ether", "772": "loopback"}[p[3]]
			if kind == "" {
				kind = "unknown"
			}
			ifaces[p[0]] = ifaceInfo{mac: p[1], mtu: atoiOr(p[2], 0), kind: kind}
		}
	}
	f["ansible_interfaces"] = stringsToAny(strings.Fields(r.get("interfaces")))
	addrs := ipAddrs(r)
	var all []any
	for _, a := range addrs {
		if !strings.HasPrefix(a.ip, "127.") {
			all = append(all, a.ip)
		}
	}
	if all == nil {
		all = []any{}
	}
	f["ansible_all_ipv4_addresses"] = all
	f["ansible_default_ipv4"] = defaultIPv4(r, addrs, ifaces)
}

// ipAddr is one IPv4 address on an interface.
type ipAddr struct {
	dev, ip, brd string
	prefix       int
}

func ipAddrs(r rawFacts) []ipAddr {
	var out []ipAddr
	for _, line := range r.many["ip_addr"] {
		p := strings.Fields(line)
		if len(p) < 2 {
			continue
		}
		ip, bits, _ := strings.Cut(p[1], "/")
		a := ipAddr{dev: p[0], ip: ip, prefix: atoiOr(bits, 32)}
		if len(p) > 3 && p[2] == "brd" {
			a.brd = p[3]
		}
		out = append(out, a)
	}
	if len(out) == 0 {
		for _, ip := range strings.Fields(r.get("hostname_i")) {
			if net.ParseIP(ip).To4() != nil {
				out = append(out, ipAddr{ip: ip})
			}
		}
	}
	return out
}

// defaultIPv4 describes the interface of the default route.
func defaultIPv4(r rawFacts, addrs []ipAddr, ifaces map[string]ifaceInfo) map[string]any {
	dev, gw, src := parseRouteGet(r.get("ip_route"))
	if dev == "" {
		dev, gw = defaultFromProcRoute(r.route)
	}
	if dev == "" {
		return map[string]any{}
	}
	out := map[string]any{"interface": dev, "alias": dev, "gateway": gw}
	for _, a := range addrs {
		if (a.dev == dev || a.dev == "") && (src == "" || a.ip == src) {
			out["address"] = a.ip
			if a.dev != "" {
				mask := net.CIDRMask(a.prefix, 32)
				out["prefix"], out["netmask"] = strconv.Itoa(a.prefix), net.IP(mask).String()
				out["network"] = net.ParseIP(a.ip).Mask(mask).String()
				out["broadcast"] = a.brd
			}
			break
		}
	}
	if info, ok := ifaces[dev]; ok {
		out["macaddress"], out["mtu"], out["type"] = info.mac, info.mtu, info.kind
	}
	return out
}

// parseRouteGet reads "8.8.8.8 via GW dev DEV src SRC ...".
func parseRouteGet(line string) (dev, gw, src string) {
	p := strings.Fields(line)
	for i := 0; i+1 < len(p); i++ {
		switch p[i] {
		case "via":
			gw = p[i+1]
		case "dev":
			dev = p[i+1]
		case "src":
			src = p[i+1]
		}
	}
	return dev, gw, src
}

// defaultFromProcRoute finds the default route in /proc/net/route lines.
func defaultFromProcRoute(lines []string) (dev, gw string) {
	for _, line := range lines {
		p := strings.Fields(line)
		if len(p) < 3 || p[1] != "00000000" {
			continue
		}
		b, err := hex.DecodeString(p[2])
		if err != nil || len(b) != 4 {
			continue
		}
		n := binary.LittleEndian.Uint32(b)
		return p[0], fmt.Sprintf("%d.%d.%d.%d", byte(n>>24), byte(n>>16), byte(n>>8), byte(n))
	}
	return "", ""
}

func stringsToAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
