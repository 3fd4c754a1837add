package main

// A MessagePack value tree, just enough of Terraform's DynamicValue encoding (go-cty's msgpack)
// to walk objects by attribute name: maps and arrays are decoded, every other value keeps its
// encoded bytes and is written back as it came. Unknown values are msgpack extensions.

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

type nodeKind byte

const (
	nullNode nodeKind = iota
	unknownNode
	leafNode
	mapNode
	arrayNode
)

type node struct {
	kind  nodeKind
	raw   []byte // leafNode and unknownNode: the encoded value
	keys  []string
	vals  []*node // mapNode: values in the order of keys
	items []*node // arrayNode
}

// go-cty writes an unknown value as fixext1 of extension type 0 holding one zero byte.
var unknownBytes = []byte{0xd4, 0, 0}

var (
	nullValue    = &node{kind: nullNode}
	unknownValue = &node{kind: unknownNode, raw: unknownBytes}
)

func (n *node) get(key string) *node {
	for index, name := range n.keys {
		if name == key {
			return n.vals[index]
		}
	}
	return nil
}

func (n *node) set(key string, value *node) {
	for index, name := range n.keys {
		if name == key {
			n.vals[index] = value
			return
		}
	}
	n.keys = append(n.keys, key)
	n.vals = append(n.vals, value)
}

var errTruncated = errors.New("msgpack: value truncated")

func decodeValue(data []byte) (*node, error) {
	value, rest, err := decodeNode(data)
	if err != nil {
		return nil, err
	}
	if len(rest) != 0 {
		return nil, fmt.Errorf("msgpack: %d bytes after the value", len(rest))
	}
	return value, nil
}

func need(data []byte, n int) error {
	if len(data) < n {
		return errTruncated
	}
	return nil
}

func bigEndian(data []byte, size int) (int, error) {
	if err := need(data, size); err != nil {
		return 0, err
	}
	switch size {
	case 1:
		return int(data[0]), nil
	case 2:
		return int(binary.BigEndian.Uint16(data)), nil
	default:
		return int(binary.BigEndian.Uint32(data)), nil
	}
}

// leaf returns the first `size` bytes as one encoded value.
func leaf(data []byte, size int, kind nodeKind) (*node, []byte, error) {
	if err := need(data, size); err != nil {
		return nil, nil, err
	}
	return &node{kind: kind, raw: data[:size]}, data[size:], nil
}

func decodeNode(data []byte) (*node, []byte, error) {
	if err := need(data, 1); err != nil {
		return nil, nil, err
	}
	code := data[0]
	switch {
	case code <= 0x7f || code >= 0xe0:
		return leaf(data, 1, leafNode)
	case code >= 0x80 && code <= 0x8f:
		return decodeMap(data[1:], int(code&0x0f))
	case code >= 0x90 && code <= 0x9f:
		return decodeArray(data[1:], int(code&0x0f))
	case code >= 0xa0 && code <= 0xbf:
		return leaf(data, 1+int(code&0x1f), leafNode)
	}
	switch code {
	case 0xc0:
		return nullValue, data[1:], nil
	case 0xc2, 0xc3:
		return leaf(data, 1, leafNode)
	case 0xc4, 0xc5, 0xc6, 0xd9, 0xda, 0xdb: // bin and str with 1, 2 or 4 length bytes
		size := map[byte]int{0xc4: 1, 0xc5: 2, 0xc6: 4, 0xd9: 1, 0xda: 2, 0xdb: 4}[code]
		length, err := bigEndian(data[1:], size)
		if err != nil {
			return nil, nil, err
		}
		return leaf(data, 1+size+length, leafNode)
	case 0xc7, 0xc8, 0xc9: // ext with 1, 2 or 4 length bytes, then its type
		size := map[byte]int{0xc7: 1, 0xc8: 2, 0xc9: 4}[code]
		length, err := bigEndian(data[1:], size)
		if err != nil {
			return nil, nil, err
		}
		return leaf(data, 1+size+1+length, unknownNode)
	case 0xd4, 0xd5, 0xd6, 0xd7, 0xd8: // fixext 1, 2, 4, 8, 16
		return leaf(data, 2+(1<<(code-0xd4)), unknownNode)
	case 0xca, 0xcc, 0xcd, 0xce, 0xcf, 0xd0, 0xd1, 0xd2, 0xd3, 0xcb:
		size := map[byte]int{0xca: 4, 0xcb: 8, 0xcc: 1, 0xcd: 2, 0xce: 4, 0xcf: 8, 0xd0: 1, 0xd1: 2, 0xd2: 4, 0xd3: 8}[code]
		return leaf(data, 1+size, leafNode)
	case 0xdc, 0xdd:
		size := map[byte]int{0xdc: 2, 0xdd: 4}[code]
		length, err := bigEndian(data[1:], size)
		if err != nil {
			return nil, nil, err
		}
		return decodeArray(data[1+size:], length)
	case 0xde, 0xdf:
		size := map[byte]int{0xde: 2, 0xdf: 4}[code]
		length, err := bigEndian(data[1:], size)
		if err != nil {
			return nil, nil, err
		}
		return decodeMap(data[1+size:], length)
	}
	return nil, nil, fmt.Errorf("msgpack: unsupported code 0x%02x", code)
}

func decodeArray(data []byte, length int) (*node, []byte, error) {
	result := &node{kind: arrayNode, items: make([]*node, 0, length)}
	for index := 0; index < length; index++ {
		item, rest, err := decodeNode(data)
		if err != nil {
			return nil, nil, err
		}
		result.items = append(result.items, item)
		data = rest
	}
	return result, data, nil
}

func decodeMap(data []byte, length int) (*node, []byte, error) {
	result := &node{kind: mapNode, keys: make([]string, 0, length), vals: make([]*node, 0, length)}
	for index := 0; index < length; index++ {
		key, rest, err := decodeNode(data)
		if err != nil {
			return nil, nil, err
		}
		name, err := stringOf(key)
		if err != nil {
			return nil, nil, err
		}
		value, rest, err := decodeNode(rest)
		if err != nil {
			return nil, nil, err
		}
		result.keys = append(result.keys, name)
		result.vals = append(result.vals, value)
		data = rest
	}
	return result, data, nil
}

// stringOf reads a str leaf.
func stringOf(n *node) (string, error) {
	if n.kind != leafNode || len(n.raw) == 0 {
		return "", errors.New("msgpack: expected a string key")
	}
	code := n.raw[0]
	switch {
	case code >= 0xa0 && code <= 0xbf:
		return string(n.raw[1:]), nil
	case code == 0xd9:
		return string(n.raw[2:]), nil
	case code == 0xda:
		return string(n.raw[3:]), nil
	case code == 0xdb:
		return string(n.raw[5:]), nil
	}
	return "", errors.New("msgpack: expected a string key")
}

func encodeValue(n *node) []byte {
	return appendNode(make([]byte, 0, 256), n)
}

func appendNode(out []byte, n *node) []byte {
	switch n.kind {
	case nullNode:
		return append(out, 0xc0)
	case unknownNode, leafNode:
		return append(out, n.raw...)
	case mapNode:
		out = appendHeader(out, len(n.keys), 0x80, 0xde, 0xdf)
		for index, key := range n.keys {
			out = appendString(out, key)
			out = appendNode(out, n.vals[index])
		}
		return out
	default:
		out = appendHeader(out, len(n.items), 0x90, 0xdc, 0xdd)
		for _, item := range n.items {
			out = appendNode(out, item)
		}
		return out
	}
}

func appendHeader(out []byte, length int, fix, code16, code32 byte) []byte {
	switch {
	case length < 16:
		return append(out, fix|byte(length))
	case length <= math.MaxUint16:
		return binary.BigEndian.AppendUint16(append(out, code16), uint16(length))
	default:
		return binary.BigEndian.AppendUint32(append(out, code32), uint32(length))
	}
}

func appendString(out []byte, text string) []byte {
	length := len(text)
	switch {
	case length < 32:
		out = append(out, 0xa0|byte(length))
	case length <= math.MaxUint8:
		out = append(out, 0xd9, byte(length))
	case length <= math.MaxUint16:
		out = binary.BigEndian.AppendUint16(append(out, 0xda), uint16(length))
	default:
		out = binary.BigEndian.AppendUint32(append(out, 0xdb), uint32(length))
	}
	return append(out, text...)
}

func stringNode(text string) *node { return &node{kind: leafNode, raw: appendString(nil, text)} }

func boolNode(value bool) *node {
	if value {
		return &node{kind: leafNode, raw: []byte{0xc3}}
	}
	return &node{kind: leafNode, raw: []byte{0xc2}}
}

func intNode(value int64) *node {
	return &node{kind: leafNode, raw: binary.BigEndian.AppendUint64([]byte{0xd3}, uint64(value))}
}

func floatNode(value float64) *node {
	return &node{kind: leafNode, raw: binary.BigEndian.AppendUint64([]byte{0xcb}, math.Float64bits(value))}
}
