package ansibletests

import (
	"errors"

	"github.com/edxplay/edxplay/internal/jinja2"
)

func asJinjaError(err error, e **jinja2.Error) bool { return errors.As(err, e) }
