package build

import "iter"

// layered maps names to values and never changes once made: with returns
// a new one. It keeps the values of an earlier map (base, shared) apart
// from those set since (top), so that a rebuild that renders a few pages
// of a big site does not copy a map of every page; once top has grown
// past a fraction of base, with merges them.
type layered[V any] struct {
	base map[string]V // shared with other layered maps: never written
	top  map[string]V // values set since base, replacing or adding
	n    int          // number of names
}

// newLayered returns a layered map of m, which the caller must not change
// afterwards.
func newLayered[V any](m map[string]V) *layered[V] {
	return &layered[V]{base: m, n: len(m)}
}

// get returns the value of a name.
func (l *layered[V]) get(name string) (V, bool) {
	if v, ok := l.top[name]; ok {
		return v, true
	}
	v, ok := l.base[name]
	return v, ok
}

// len is the number of names.
func (l *layered[V]) len() int { return l.n }

// all yields every name and its value, in no particular order.
func (l *layered[V]) all() iter.Seq2[string, V] {
	return func(yield func(string, V) bool) {
		for name, v := range l.top {
			if !yield(name, v) {
				return
			}
		}
		for name, v := range l.base {
			if _, ok := l.top[name]; ok {
				continue
			}
			if !yield(name, v) {
				return
			}
		}
	}
}

// with returns l with the values of set, which the caller must not change
// afterwards, replacing or adding to its own.
func (l *layered[V]) with(set map[string]V) *layered[V] {
	if len(set) == 0 {
		return l
	}
	if len(l.top)+len(set) > max(64, len(l.base)/16) {
		m := make(map[string]V, l.n+len(set))
		for name, v := range l.all() {
			m[name] = v
		}
		for name, v := range set {
			m[name] = v
		}
		return newLayered(m)
	}
	top := make(map[string]V, len(l.top)+len(set))
	n := l.n
	for name, v := range l.top {
		top[name] = v
	}
	for name, v := range set {
		if _, ok := l.get(name); !ok {
			n++
		}
		top[name] = v
	}
	return &layered[V]{base: l.base, top: top, n: n}
}
