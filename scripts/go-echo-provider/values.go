package main

// What the echo does to values, walking them by the schema: a plan marks the computed
// attributes that the configuration leaves null as unknown (as terraform-plugin-framework does
// for a resource being created or changed), an apply gives each unknown a value of its type,
// and a state written as JSON (UpgradeResourceState) is re-encoded as msgpack.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"sync/atomic"
)

// markComputedUnknown changes planned in place.
func markComputedUnknown(schema *objectSchema, planned, config *node) {
	for _, name := range schema.names {
		attribute := schema.attributes[name]
		value := planned.get(name)
		if value == nil {
			continue
		}
		configValue := nullValue
		if config != nil && config.kind == mapNode {
			if found := config.get(name); found != nil {
				configValue = found
			}
		}
		switch {
		case attribute.writeOnly:
			planned.set(name, nullValue)
		case attribute.computed && configValue.kind == nullNode:
			planned.set(name, unknownValue)
		case attribute.nested != nil:
			eachNested(attribute, value, configValue, func(item, configItem *node) { markComputedUnknown(attribute.nested, item, configItem) })
		}
	}
}

// eachNested calls visit with each object of a nested attribute's (or block's) value, and the
// configuration's object at the same place (nil where there is none).
func eachNested(attribute *attributeSchema, value, config *node, visit func(item, configItem *node)) {
	switch attribute.nesting {
	case "single", "group":
		if value.kind == mapNode {
			visit(value, config)
		}
	case "list", "set":
		if value.kind != arrayNode {
			return
		}
		for index, item := range value.items {
			var configItem *node
			if config.kind == arrayNode && index < len(config.items) {
				configItem = config.items[index]
			}
			if item.kind == mapNode {
				visit(item, configItem)
			}
		}
	case "map":
		if value.kind != mapNode {
			return
		}
		for index, key := range value.keys {
			var configItem *node
			if config.kind == mapNode {
				configItem = config.get(key)
			}
			if item := value.vals[index]; item.kind == mapNode {
				visit(item, configItem)
			}
		}
	}
}

// fillUnknown gives each unknown attribute of value a known value of its type, in place.
func fillUnknown(schema *objectSchema, value *node) {
	for _, name := range schema.names {
		attribute := schema.attributes[name]
		current := value.get(name)
		switch {
		case current == nil:
		case current.kind == unknownNode:
			value.set(name, echoAttribute(attribute))
		case attribute.nested != nil:
			eachNested(attribute, current, nullValue, func(item, _ *node) { fillUnknown(attribute.nested, item) })
		}
	}
}

var issued int64

func echoAttribute(attribute *attributeSchema) *node {
	if attribute.nested == nil {
		return echoValue(attribute.valueType)
	}
	switch attribute.nesting {
	case "single", "group":
		object := &node{kind: mapNode}
		for _, name := range attribute.nested.names {
			object.set(name, echoAttribute(attribute.nested.attributes[name]))
		}
		return object
	case "map":
		return &node{kind: mapNode}
	default:
		return &node{kind: arrayNode}
	}
}

// echoValue is a known value of the type: a fresh string (an id), zero, false, empty collections.
func echoValue(valueType *ctyType) *node {
	switch valueType.kind {
	case "string":
		return stringNode(fmt.Sprintf("echo-%d", atomic.AddInt64(&issued, 1)))
	case "number":
		return intNode(0)
	case "bool":
		return boolNode(false)
	case "list", "set":
		return &node{kind: arrayNode}
	case "tuple":
		tuple := &node{kind: arrayNode}
		for _, elem := range valueType.elems {
			tuple.items = append(tuple.items, echoValue(elem))
		}
		return tuple
	case "map":
		return &node{kind: mapNode}
	case "object":
		object := &node{kind: mapNode}
		for _, name := range sortedKeys(valueType.attrs) {
			object.set(name, echoValue(valueType.attrs[name]))
		}
		return object
	}
	return nullValue
}

// nullObject is an object of the schema with every attribute null.
func nullObject(schema *objectSchema) *node {
	object := &node{kind: mapNode}
	for _, name := range schema.names {
		object.set(name, nullValue)
	}
	return object
}

// objectFromJSON re-encodes a JSON state as the schema's object type.
func objectFromJSON(schema *objectSchema, data []byte) (*node, error) {
	decoder := json.NewDecoder(bytes.NewReader(data))
	decoder.UseNumber()
	var decoded map[string]any
	if err := decoder.Decode(&decoded); err != nil {
		return nil, err
	}
	return conformObject(schema, decoded), nil
}

func conformObject(schema *objectSchema, value map[string]any) *node {
	object := &node{kind: mapNode}
	for _, name := range schema.names {
		object.set(name, conformAttribute(schema.attributes[name], value[name]))
	}
	return object
}

func conformAttribute(attribute *attributeSchema, value any) *node {
	if attribute.nested == nil {
		return conformType(attribute.valueType, value)
	}
	if value == nil {
		return nullValue
	}
	switch attribute.nesting {
	case "single", "group":
		if object, ok := value.(map[string]any); ok {
			return conformObject(attribute.nested, object)
		}
	case "list", "set":
		if items, ok := value.([]any); ok {
			array := &node{kind: arrayNode}
			for _, item := range items {
				object, _ := item.(map[string]any)
				array.items = append(array.items, conformObject(attribute.nested, object))
			}
			return array
		}
	case "map":
		if entries, ok := value.(map[string]any); ok {
			result := &node{kind: mapNode}
			for _, key := range sortedKeys(entries) {
				object, _ := entries[key].(map[string]any)
				result.set(key, conformObject(attribute.nested, object))
			}
			return result
		}
	}
	return nullValue
}

func conformType(valueType *ctyType, value any) *node {
	if value == nil {
		return nullValue
	}
	switch typed := value.(type) {
	case string:
		return stringNode(typed)
	case bool:
		return boolNode(typed)
	case json.Number:
		if whole, err := strconv.ParseInt(string(typed), 10, 64); err == nil {
			return intNode(whole)
		}
		float, _ := typed.Float64()
		return floatNode(float)
	case []any:
		array := &node{kind: arrayNode}
		for index, item := range typed {
			elem := valueType.elem
			if valueType.kind == "tuple" && index < len(valueType.elems) {
				elem = valueType.elems[index]
			}
			if elem == nil {
				elem = &ctyType{kind: "dynamic"}
			}
			array.items = append(array.items, conformType(elem, item))
		}
		return array
	case map[string]any:
		object := &node{kind: mapNode}
		if valueType.kind == "object" {
			for _, name := range sortedKeys(valueType.attrs) {
				object.set(name, conformType(valueType.attrs[name], typed[name]))
			}
			return object
		}
		for _, key := range sortedKeys(typed) {
			elem := valueType.elem
			if elem == nil {
				elem = &ctyType{kind: "dynamic"}
			}
			object.set(key, conformType(elem, typed[key]))
		}
		return object
	}
	return nullValue
}
