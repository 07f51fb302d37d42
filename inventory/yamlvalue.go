package inventory

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"gopkg.in/yaml.v3"

	"github.com/edxplay/edxplay/internal/pyvalue"
	"github.com/edxplay/edxplay/internal/yaml11"
)

// yamlDoc is a parsed YAML (or JSON) document and the decoder that types
// its values.
type yamlDoc struct {
	root *yaml.Node
	*yaml11.Decoder
}

// parseYAMLDoc parses data the way ansible's loader does: JSON first, then
// YAML. An empty document yields a nil root. dataKeys are the mapping keys
// whose values are data (decoded sharing aliases); with none, the whole
// document is data. Elsewhere aliases may not expand too far.
func parseYAMLDoc(data []byte, vault Decrypter, dataKeys ...string) (*yamlDoc, error) {
	if vault != nil {
		plain, err := vault.DecryptFile(data)
		if err != nil {
			return nil, err
		}
		data = plain
	}
	doc := &yamlDoc{Decoder: &yaml11.Decoder{JSON: json.Valid(data), Locate: lineError, Key: keyString}}
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			return doc, nil
		}
		return nil, fmt.Errorf("parse yaml: %w", err)
	}
	if len(dataKeys) > 0 {
		if err := doc.CheckAliases(&root, dataKeys...); err != nil {
			return nil, err
		}
	}
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		doc.root = root.Content[0]
	}
	if vault != nil && doc.root != nil {
		if err := vault.DecryptNode(doc.root); err != nil {
			return nil, err
		}
	}
	return doc, nil
}

// lineError prefixes a decoding error with the line of the node.
func lineError(n *yaml.Node, err error) error {
	if n == nil {
		return err
	}
	return fmt.Errorf("line %d: %w", n.Line, err)
}

// keyString turns a mapping key into a dict key as ansible's JSON output
// shows it.
func keyString(k any) (string, error) {
	s, err := pyvalue.JSONKey(k)
	if err != nil {
		return "", fmt.Errorf("unhashable mapping key")
	}
	return s, nil
}
