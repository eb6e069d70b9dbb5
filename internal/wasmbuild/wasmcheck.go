package wasmbuild

import (
	"bytes"
	"errors"
	"strconv"
)

// wasmHeader is the magic number and version 1 of the WebAssembly binary
// format.
var wasmHeader = []byte{0x00, 'a', 's', 'm', 0x01, 0x00, 0x00, 0x00}

// CheckWasm reports whether data is structurally a WebAssembly module:
// the header, then sections whose sizes add up to exactly the end of the
// data. It catches empty, truncated and overwritten files without decoding
// the sections.
func CheckWasm(data []byte) error {
	if !bytes.HasPrefix(data, wasmHeader) {
		return errors.New("not a WebAssembly module (wrong header)")
	}
	rest := data[len(wasmHeader):]
	if len(rest) == 0 {
		return errors.New("WebAssembly module has no sections")
	}
	for n := 0; len(rest) > 0; n++ {
		id := rest[0]
		if id > 12 {
			return errors.New("WebAssembly section " + strconv.Itoa(n) + " has unknown id " + strconv.Itoa(int(id)))
		}
		size, k := uleb128(rest[1:])
		if k == 0 {
			return errors.New("WebAssembly section " + strconv.Itoa(n) + " has a bad size")
		}
		rest = rest[1+k:]
		if size > uint64(len(rest)) {
			return errors.New("WebAssembly module is cut short in section " + strconv.Itoa(n))
		}
		rest = rest[size:]
	}
	return nil
}

// uleb128 decodes an unsigned LEB128 number of at most 32 bits and returns
// it with the number of bytes read, 0 when b does not start with one.
func uleb128(b []byte) (uint64, int) {
	var v uint64
	for i := 0; i < len(b) && i < 5; i++ {
		v |= uint64(b[i]&0x7f) << (7 * i)
		if b[i]&0x80 == 0 {
			return v, i + 1
		}
	}
	return 0, 0
}
