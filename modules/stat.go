package modules

import (
	"context"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// Stat retrieves file or file system status.
type Stat struct{}

// Spec describes stat's arguments.
func (Stat) Spec() modspec.Spec {
	return modspec.Spec{
		Name:  "stat",
		Short: "Retrieve file or file system status",
		Args: []modspec.Arg{
			{Name: "path", Type: modspec.Path, Required: true, Aliases: []string{"dest", "name"}, Doc: "The path to describe."},
			{Name: "follow", Type: modspec.Bool, Default: false, Doc: "Follow symlinks."},
			{Name: "get_checksum", Type: modspec.Bool, Default: true, Doc: "Return the checksum of a regular file."},
			{Name: "checksum_algorithm", Type: modspec.String, Default: "sha1", Aliases: []string{"checksum", "checksum_algo"},
				Choices: []string{"md5", "sha1", "sha224", "sha256", "sha384", "sha512"}, Doc: "Checksum algorithm."},
			{Name: "get_mime", Type: modspec.Bool, Default: true, Aliases: []string{"mime", "mime_type", "mime-type"},
				Doc: "Report mimetype and charset with file(1)."},
			{Name: "get_attributes", Type: modspec.Bool, Default: true, Aliases: []string{"attr", "attributes"},
				Doc: "Report attributes, attr_flags and version with lsattr(1)."},
		},
		Example: "- stat:\n    path: /etc/foo.conf\n  register: st\n",
	}
}

// Run describes path in Ansible's stat result format.
func (Stat) Run(ctx context.Context, call *Call) (*Result, error) {
	a := args(call.Args)
	opts := hostfile.StatOptions{Follow: a.boolean("follow")}
	if a.boolean("get_checksum") {
		opts.Checksum = a.str("checksum_algorithm")
	}
	fs := hostfile.New(call.Conn, call.Become)
	info, err := fs.Stat(ctx, a.str("path"), opts)
	if err != nil {
		return nil, err
	}
	st := statResult(info)
	if info.Exists {
		mime, attrs := a.boolean("get_mime"), a.boolean("get_attributes")
		if err := addStatExtras(ctx, fs, st, a.str("path"), opts.Follow, mime, attrs); err != nil {
			return nil, err
		}
	}
	return &Result{Data: map[string]any{"stat": st}}, nil
}

// statResult is Ansible's stat dictionary for info.
func statResult(i hostfile.Info) map[string]any {
	if !i.Exists {
		return map[string]any{"exists": false}
	}
	m := i.Mode
	st := map[string]any{
		"exists": true, "path": i.Path, "mode": hostfile.FormatMode(m),
		"isdir": i.Type == hostfile.TypeDir, "ischr": i.Type == hostfile.TypeCharDev, "isblk": i.Type == hostfile.TypeBlockDev,
		"isreg": i.Type == hostfile.TypeFile, "isfifo": i.Type == hostfile.TypeFIFO, "islnk": i.Type == hostfile.TypeLink,
		"issock": i.Type == hostfile.TypeSocket,
		"uid":    i.UID, "gid": i.GID, "size": i.Size, "inode": i.Inode, "dev": i.Dev, "nlink": i.NLink,
		"atime": i.ATime, "mtime": i.MTime, "ctime": i.CTime,
		"wusr": m&0o200 != 0, "rusr": m&0o400 != 0, "xusr": m&0o100 != 0,
		"wgrp": m&0o020 != 0, "rgrp": m&0o040 != 0, "xgrp": m&0o010 != 0,
		"woth": m&0o002 != 0, "roth": m&0o004 != 0, "xoth": m&0o001 != 0,
		"isuid": m&0o4000 != 0, "isgid": m&0o2000 != 0,
		"readable": i.Readable, "writeable": i.Writable, "executable": i.Executable,
		"pw_name": i.Owner, "gr_name": i.Group,
	}
	if i.Type == hostfile.TypeLink {
		st["lnk_source"], st["lnk_target"] = i.LinkSource, i.LinkTarget
	}
	if i.Checksum != "" {
		st["checksum"] = i.Checksum
	}
	return st
}
