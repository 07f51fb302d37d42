package modules_test

import (
	"testing"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/connection/local"
	"github.com/edxplay/edxplay/test/conformance"
)

func TestConformanceLocal(t *testing.T) {
	conformance.Run(t, func(t *testing.T) connection.Conn {
		c, err := local.New()
		if err != nil {
			t.Fatal(err)
		}
		return c
	})
}
