package main

// provider/schema.json (the `terraform providers schema -json` form of both providers) read into
// the tfplugin6 schema messages, and the value types those schemas describe.

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"

	"goecho/tfplugin6"
)

//go:embed schema.json
var schemaFile []byte

type jsonSchemaFile struct {
	ProviderSchemas map[string]*jsonProviderSchema `json:"provider_schemas"`
}

type jsonProviderSchema struct {
	Provider          *jsonSchema            `json:"provider,omitempty"`
	ResourceSchemas   map[string]*jsonSchema `json:"resource_schemas,omitempty"`
	DataSourceSchemas map[string]*jsonSchema `json:"data_source_schemas,omitempty"`
}

type jsonSchema struct {
	Version int64      `json:"version"`
	Block   *jsonBlock `json:"block"`
}

type jsonBlock struct {
	Attributes      map[string]*jsonAttribute `json:"attributes,omitempty"`
	BlockTypes      map[string]*jsonBlockType `json:"block_types,omitempty"`
	Description     string                    `json:"description,omitempty"`
	DescriptionKind string                    `json:"description_kind,omitempty"`
	Deprecated      bool                      `json:"deprecated,omitempty"`
}

type jsonAttribute struct {
	Type            json.RawMessage `json:"type,omitempty"`
	NestedType      *jsonNestedType `json:"nested_type,omitempty"`
	Description     string          `json:"description,omitempty"`
	DescriptionKind string          `json:"description_kind,omitempty"`
	Deprecated      bool            `json:"deprecated,omitempty"`
	Required        bool            `json:"required,omitempty"`
	Optional        bool            `json:"optional,omitempty"`
	Computed        bool            `json:"computed,omitempty"`
	Sensitive       bool            `json:"sensitive,omitempty"`
	WriteOnly       bool            `json:"write_only,omitempty"`
}

type jsonNestedType struct {
	Attributes  map[string]*jsonAttribute `json:"attributes"`
	NestingMode string                    `json:"nesting_mode"`
	MinItems    int64                     `json:"min_items,omitempty"`
	MaxItems    int64                     `json:"max_items,omitempty"`
}

type jsonBlockType struct {
	NestingMode string     `json:"nesting_mode"`
	Block       *jsonBlock `json:"block"`
	MinItems    int64      `json:"min_items,omitempty"`
	MaxItems    int64      `json:"max_items,omitempty"`
}

// providerSchemas reads the schemas of the provider whose address ends in "/name".
func providerSchemas(name string) (*jsonProviderSchema, error) {
	var file jsonSchemaFile
	if err := json.Unmarshal(schemaFile, &file); err != nil {
		return nil, err
	}
	for address, schemas := range file.ProviderSchemas {
		if len(address) > len(name) && address[len(address)-len(name)-1:] == "/"+name {
			return schemas, nil
		}
	}
	return nil, fmt.Errorf("provider/schema.json has no provider named %q", name)
}

func sortedKeys[V any](entries map[string]V) []string {
	keys := make([]string, 0, len(entries))
	for key := range entries {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	return keys
}

func stringKind(kind string) tfplugin6.StringKind {
	if kind == "markdown" {
		return tfplugin6.StringKind_MARKDOWN
	}
	return tfplugin6.StringKind_PLAIN
}

func schemaMessage(schema *jsonSchema) *tfplugin6.Schema {
	return &tfplugin6.Schema{Version: schema.Version, Block: blockMessage(schema.Block)}
}

func blockMessage(block *jsonBlock) *tfplugin6.Schema_Block {
	message := &tfplugin6.Schema_Block{
		Description:     block.Description,
		DescriptionKind: stringKind(block.DescriptionKind),
		Deprecated:      block.Deprecated,
	}
	for _, name := range sortedKeys(block.Attributes) {
		message.Attributes = append(message.Attributes, attributeMessage(name, block.Attributes[name]))
	}
	for _, name := range sortedKeys(block.BlockTypes) {
		nested := block.BlockTypes[name]
		message.BlockTypes = append(message.BlockTypes, &tfplugin6.Schema_NestedBlock{
			TypeName: name,
			Block:    blockMessage(nested.Block),
			Nesting:  tfplugin6.Schema_NestedBlock_NestingMode(tfplugin6.Schema_NestedBlock_NestingMode_value[upper(nested.NestingMode)]),
			MinItems: nested.MinItems,
			MaxItems: nested.MaxItems,
		})
	}
	return message
}

func attributeMessage(name string, attribute *jsonAttribute) *tfplugin6.Schema_Attribute {
	message := &tfplugin6.Schema_Attribute{
		Name:            name,
		Type:            []byte(attribute.Type),
		Description:     attribute.Description,
		DescriptionKind: stringKind(attribute.DescriptionKind),
		Deprecated:      attribute.Deprecated,
		Required:        attribute.Required,
		Optional:        attribute.Optional,
		Computed:        attribute.Computed,
		Sensitive:       attribute.Sensitive,
		WriteOnly:       attribute.WriteOnly,
	}
	if nested := attribute.NestedType; nested != nil {
		object := &tfplugin6.Schema_Object{
			Nesting:  tfplugin6.Schema_Object_NestingMode(tfplugin6.Schema_Object_NestingMode_value[upper(nested.NestingMode)]),
			MinItems: nested.MinItems,
			MaxItems: nested.MaxItems,
		}
		for _, nestedName := range sortedKeys(nested.Attributes) {
			object.Attributes = append(object.Attributes, attributeMessage(nestedName, nested.Attributes[nestedName]))
		}
		message.NestedType = object
	}
	return message
}

func upper(text string) string {
	out := []byte(text)
	for index, char := range out {
		if char >= 'a' && char <= 'z' {
			out[index] = char - 'a' + 'A'
		}
	}
	return string(out)
}

// ctyType is a value type as schema.json writes it: "string", ["list", T], ["object", {...}].
type ctyType struct {
	kind  string // string, number, bool, dynamic, list, set, map, object, tuple
	elem  *ctyType
	attrs map[string]*ctyType
	elems []*ctyType
}

func parseType(raw json.RawMessage) (*ctyType, error) {
	var primitive string
	if json.Unmarshal(raw, &primitive) == nil {
		return &ctyType{kind: primitive}, nil
	}
	var pair []json.RawMessage
	if err := json.Unmarshal(raw, &pair); err != nil || len(pair) != 2 {
		return nil, fmt.Errorf("unexpected type %s", raw)
	}
	var kind string
	if err := json.Unmarshal(pair[0], &kind); err != nil {
		return nil, err
	}
	result := &ctyType{kind: kind}
	switch kind {
	case "list", "set", "map":
		elem, err := parseType(pair[1])
		result.elem = elem
		return result, err
	case "object":
		var attrs map[string]json.RawMessage
		if err := json.Unmarshal(pair[1], &attrs); err != nil {
			return nil, err
		}
		result.attrs = map[string]*ctyType{}
		for name, attr := range attrs {
			parsed, err := parseType(attr)
			if err != nil {
				return nil, err
			}
			result.attrs[name] = parsed
		}
		return result, nil
	case "tuple":
		var elems []json.RawMessage
		if err := json.Unmarshal(pair[1], &elems); err != nil {
			return nil, err
		}
		for _, elem := range elems {
			parsed, err := parseType(elem)
			if err != nil {
				return nil, err
			}
			result.elems = append(result.elems, parsed)
		}
		return result, nil
	}
	return nil, fmt.Errorf("unexpected type %s", raw)
}

// objectSchema is a block or a nested attribute's object: what the value walks below need.
type objectSchema struct {
	attributes map[string]*attributeSchema
	names      []string // sorted
}

type attributeSchema struct {
	valueType *ctyType
	// nested is set for nested attributes (nesting single, list, set or map) and blocks.
	nested    *objectSchema
	nesting   string
	computed  bool
	writeOnly bool
}

func compileBlock(block *jsonBlock) (*objectSchema, error) {
	result := &objectSchema{attributes: map[string]*attributeSchema{}}
	for name, attribute := range block.Attributes {
		compiled, err := compileAttribute(attribute)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		result.attributes[name] = compiled
	}
	for name, blockType := range block.BlockTypes {
		nested, err := compileBlock(blockType.Block)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		result.attributes[name] = &attributeSchema{nested: nested, nesting: blockType.NestingMode}
	}
	result.names = sortedKeys(result.attributes)
	return result, nil
}

func compileAttribute(attribute *jsonAttribute) (*attributeSchema, error) {
	result := &attributeSchema{computed: attribute.Computed, writeOnly: attribute.WriteOnly}
	if attribute.NestedType != nil {
		nested, err := compileBlock(&jsonBlock{Attributes: attribute.NestedType.Attributes})
		if err != nil {
			return nil, err
		}
		result.nested = nested
		result.nesting = attribute.NestedType.NestingMode
		return result, nil
	}
	valueType, err := parseType(attribute.Type)
	result.valueType = valueType
	return result, err
}
