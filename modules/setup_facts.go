package modules

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// buildFacts turns the facts script's output into ansible_* facts.
func buildFacts(r rawFacts) map[string]any {
	f := map[string]any{}
	distributionFacts(r, f)
	hardwareFacts(r, f)
	networkFacts(r, f)
	userFacts(r, f)
	f["ansible_env"] = r.env
	f["ansible_date_time"] = dateTimeFacts(r.get("date"))
	f["ansible_service_mgr"] = serviceManager(r)
	f["ansible_pkg_mgr"] = map[string]string{"apt-get": "apt", "": "unknown"}[r.get("pkg_tool")]
	if f["ansible_pkg_mgr"] == "" {
		f["ansible_pkg_mgr"] = r.get("pkg_tool")
	}
	f["ansible_lsb"] = lsbFacts(r)
	f["ansible_local"] = map[string]any{}
	pythonFacts(r.get("python"), f)
	return f
}

// pythonFacts sets ansible_python and ansible_python_version from the
// probe of the target's python3 ("impl major minor micro level serial
// sslcontext executable"; /usr/bin/python3 first, as Ansible's interpreter
// discovery finds it on Linux, else python3 on PATH), as Ansible's python
// fact collector shapes them. A target without python3 has neither fact.
func pythonFacts(probe string, f map[string]any) {
	fields := strings.SplitN(probe, " ", 8)
	if len(fields) != 8 {
		return
	}
	var nums [4]int
	for i, s := range []string{fields[1], fields[2], fields[3], fields[5]} {
		n, err := strconv.Atoi(s)
		if err != nil {
			return
		}
		nums[i] = n
	}
	f["ansible_python"] = map[string]any{
		"executable":     fields[7],
		"has_sslcontext": fields[6] == "1",
		"type":           fields[0],
		"version": map[string]any{"major": nums[0], "minor": nums[1], "micro": nums[2],
			"releaselevel": fields[4], "serial": nums[3]},
		"version_info": []any{nums[0], nums[1], nums[2], fields[4], nums[3]},
	}
	f["ansible_python_version"] = fmt.Sprintf("%d.%d.%d", nums[0], nums[1], nums[2])
}

// distributionNames maps os-release IDs to Ansible's distribution names.
var distributionNames = map[string]string{
	"debian": "Debian", "ubuntu": "Ubuntu", "centos": "CentOS", "rhel": "RedHat", "fedora": "Fedora",
	"rocky": "Rocky", "almalinux": "AlmaLinux", "alpine": "Alpine", "arch": "Archlinux", "amzn": "Amazon",
	"ol": "OracleLinux", "linuxmint": "Linux Mint", "raspbian": "Debian", "kali": "Kali", "opensuse-leap": "openSUSE Leap",
	"sles": "SLES", "devuan": "Devuan", "pop": "Pop!_OS",
}

// osFamilies maps a distribution to its family.
var osFamilies = map[string]string{
	"Debian": "Debian", "Ubuntu": "Debian", "Kali": "Debian", "Linux Mint": "Debian", "Devuan": "Debian", "Pop!_OS": "Debian",
	"RedHat": "RedHat", "CentOS": "RedHat", "Fedora": "RedHat", "Rocky": "RedHat", "AlmaLinux": "RedHat",
	"Amazon": "RedHat", "OracleLinux": "RedHat", "Alpine": "Alpine", "Archlinux": "Archlinux",
	"openSUSE Leap": "Suse", "SLES": "Suse",
}

func distributionFacts(r rawFacts, f map[string]any) {
	id := r.get("os_id")
	name, ok := distributionNames[id]
	if !ok {
		name = strings.ToUpper(id[:min(1, len(id))]) + id[min(1, len(id)):]
	}
	version := r.get("os_version_id")
	switch {
	case name == "Debian" && r.get("debian_version") != "" && startsWithDigit(r.get("debian_version")):
		version = r.get("debian_version")
	case name == "Alpine" && r.get("alpine_release") != "":
		version = r.get("alpine_release")
	}
	release := r.get("os_codename")
	if release == "" {
		release = r.get("lsb_codename")
	}
	if release == "" {
		release = "NA"
	}
	major, _, _ := strings.Cut(version, ".")
	family := osFamilies[name]
	if family == "" {
		family = name
	}
	f["ansible_distribution"], f["ansible_distribution_version"] = name, version
	f["ansible_distribution_major_version"], f["ansible_distribution_release"] = major, release
	f["ansible_os_family"] = family
	f["ansible_system"] = r.get("system")
	f["ansible_kernel"], f["ansible_kernel_version"] = r.get("kernel"), r.get("kernel_version")
	f["ansible_architecture"], f["ansible_machine"] = r.get("machine"), r.get("machine")
	f["ansible_userspace_architecture"] = r.get("machine")
}

func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

func hardwareFacts(r rawFacts, f map[string]any) {
	vcpus := atoiOr(r.get("vcpus"), atoiOr(r.get("nproc"), 1))
	sockets := max(atoiOr(r.get("sockets"), 1), 1)
	cores := atoiOr(r.get("cores"), vcpus/sockets)
	threads := max(atoiOr(r.get("siblings"), cores)/max(cores, 1), 1)
	f["ansible_processor_vcpus"], f["ansible_processor_count"] = vcpus, sockets
	f["ansible_processor_cores"], f["ansible_processor_threads_per_core"] = cores, threads
	f["ansible_processor_nproc"] = atoiOr(r.get("nproc"), vcpus)
	for _, k := range []string{"memtotal", "memfree", "swaptotal", "swapfree"} {
		f["ansible_"+k+"_mb"] = atoiOr(r.get(k+"_kb"), 0) / 1024
	}
}

func atoiOr(s string, def int) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return def
	}
	return n
}

func userFacts(r rawFacts, f map[string]any) {
	f["ansible_user_id"] = r.get("user_id")
	f["ansible_user_uid"], f["ansible_user_gid"] = atoiOr(r.get("user_uid"), -1), atoiOr(r.get("user_gid"), -1)
	fields := strings.Split(r.get("user_passwd"), ":")
	if len(fields) == 7 {
		f["ansible_user_gecos"], f["ansible_user_dir"], f["ansible_user_shell"] = fields[4], fields[5], fields[6]
	}
	nodename := r.get("nodename")
	_, domain, _ := strings.Cut(r.get("fqdn"), ".")
	short, _, _ := strings.Cut(nodename, ".")
	f["ansible_nodename"], f["ansible_hostname"] = nodename, short
	f["ansible_fqdn"], f["ansible_domain"] = r.get("fqdn"), domain
}

// serviceManager applies Ansible's service_mgr detection to the probes.
func serviceManager(r rawFacts) string {
	proc1 := strings.TrimSpace(r.get("proc1"))
	if proc1 != "" && proc1 != "init" && !strings.HasSuffix(proc1, "sh") {
		renames := map[string]string{"procd": "openwrt_init", "runit-init": "runit", "svscan": "svc", "openrc-init": "openrc"}
		if n, ok := renames[proc1]; ok {
			return n
		}
		return proc1
	}
	switch {
	case r.get("systemd_managed") != "":
		return "systemd"
	case r.get("upstart") != "":
		return "upstart"
	case r.get("openrc") != "":
		return "openrc"
	case strings.HasSuffix(r.get("init_link"), "systemd"):
		return "systemd"
	case r.get("initd") != "":
		return "sysvinit"
	}
	return "service"
}

func lsbFacts(r rawFacts) map[string]any {
	if r.get("lsb_id") == "" && r.get("lsb_release") == "" {
		return map[string]any{}
	}
	release := r.get("lsb_release")
	major, _, _ := strings.Cut(release, ".")
	return map[string]any{"id": r.get("lsb_id"), "release": release, "major_release": major,
		"codename": r.get("lsb_codename"), "description": strings.Trim(r.get("lsb_description"), `"`)}
}

// dateTimeFacts builds ansible_date_time from "EPOCH TZNAME +HHMM".
func dateTimeFacts(s string) map[string]any {
	parts := strings.Fields(s)
	if len(parts) != 3 {
		return map[string]any{}
	}
	epoch, _ := strconv.ParseInt(parts[0], 10, 64)
	off, _ := time.Parse("-0700", parts[2])
	_, secs := off.Zone()
	t := time.Unix(epoch, 0).In(time.FixedZone(parts[1], secs))
	u := t.UTC()
	weeknumber := (t.YearDay() + 6 - (int(t.Weekday())+6)%7) / 7
	return map[string]any{
		"year": t.Format("2006"), "month": t.Format("01"), "day": t.Format("02"),
		"hour": t.Format("15"), "minute": t.Format("04"), "second": t.Format("05"),
		"weekday": t.Weekday().String(), "weekday_number": strconv.Itoa(int(t.Weekday())),
		"weeknumber": strconv.Itoa(weeknumber), "epoch": parts[0], "epoch_int": parts[0],
		"date": t.Format("2006-01-02"), "time": t.Format("15:04:05"),
		"iso8601": u.Format("2006-01-02T15:04:05Z"), "iso8601_micro": u.Format("2006-01-02T15:04:05.000000Z"),
		"iso8601_basic": t.Format("20060102T150405000000"), "iso8601_basic_short": t.Format("20060102T150405"),
		"tz": parts[1], "tz_dst": parts[1], "tz_offset": parts[2],
	}
}
