package build

import (
	"fmt"
	"maps"
	"testing"
)

// TestLayered applies many small updates to a layered map, as rebuilds of
// single pages do, and checks after each that it holds what a plain map
// would, and that the maps it was made from did not change.
func TestLayered(t *testing.T) {
	for _, size := range []int{0, 10, 2000} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			want := map[string]int{}
			for i := range size {
				want[fmt.Sprint("page", i)] = i
			}
			l := newLayered(maps.Clone(want))
			var history []*layered[int]
			var wants []map[string]int
			for step := range 300 {
				set := map[string]int{fmt.Sprint("page", step*7%(size+1)): -step}
				if step%10 == 0 {
					set[fmt.Sprint("new", step)] = step // a name l does not hold yet
				}
				history, wants = append(history, l), append(wants, maps.Clone(want))
				l = l.with(set)
				maps.Copy(want, set)
				assertLayered(t, l, want)
			}
			for i, old := range history {
				assertLayered(t, old, wants[i])
			}
		})
	}
}

func assertLayered(t *testing.T, l *layered[int], want map[string]int) {
	t.Helper()
	if l.len() != len(want) {
		t.Fatalf("len %d, want %d", l.len(), len(want))
	}
	got := map[string]int{}
	for name, v := range l.all() {
		if _, dup := got[name]; dup {
			t.Fatalf("all yields %s twice", name)
		}
		got[name] = v
	}
	if !maps.Equal(got, want) {
		t.Fatalf("all yields %d names, want %d, or other values", len(got), len(want))
	}
	for name, v := range want {
		if g, ok := l.get(name); !ok || g != v {
			t.Fatalf("get(%s) = %d, %v; want %d", name, g, ok, v)
		}
	}
	if _, ok := l.get("missing"); ok {
		t.Fatal("get finds a name never set")
	}
}
