package jinja

import (
	"fmt"
	"os"
	"os/user"
	"syscall"
	"time"
)

// fileOwner returns the user name owning a file (template_uid).
func fileOwner(st os.FileInfo) string {
	sys, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return ""
	}
	uid := fmt.Sprint(sys.Uid)
	if u, err := user.LookupId(uid); err == nil {
		return u.Username
	}
	return uid
}

// pyDatetime is the layout of Python's str(datetime).
const pyDatetime = "2006-01-02 15:04:05.000000"

// nowString formats the current time like Python's str(datetime.now()).
func nowString() string {
	return time.Now().Format(pyDatetime)
}
