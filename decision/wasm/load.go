package main

import (
	"errors"
	"strconv"

	"github.com/guidepost/guidepost/decision"
)

// treeFromValue builds a tree from v, the tree JSON as plain Go values
// (map[string]any, []any, string, float64, bool, nil), checking shapes and
// that every ID it names exists, so the engine is never fed a broken tree.
func treeFromValue(v any) (*decision.Tree, error) {
	obj, err := object(v, "tree")
	if err != nil {
		return nil, err
	}
	var id, title, start string
	if err := strFields(obj, "tree", strField{"id", &id}, strField{"title", &title}, strField{"start", &start}); err != nil {
		return nil, err
	}
	list, err := array(obj["nodes"], "tree.nodes")
	if err != nil {
		return nil, err
	}
	nodes := make([]*decision.Node, len(list))
	where := make(map[string]string, len(list))
	for i, item := range list {
		path := "tree.nodes[" + strconv.Itoa(i) + "]"
		n, err := nodeFromValue(item, path)
		if err != nil {
			return nil, err
		}
		if first, dup := where[n.ID]; dup {
			return nil, errors.New(path + ".id " + strconv.Quote(n.ID) + " repeats " + first + ".id")
		}
		where[n.ID] = path
		nodes[i] = n
	}
	if _, ok := where[start]; !ok {
		return nil, errors.New("tree.start " + strconv.Quote(start) + " is not the id of one of tree.nodes")
	}
	for i, n := range nodes {
		for k, o := range n.Options {
			if _, ok := where[o.Next]; !ok {
				return nil, errors.New("tree.nodes[" + strconv.Itoa(i) + "].options[" + strconv.Itoa(k) + "].next " +
					strconv.Quote(o.Next) + " is not the id of one of tree.nodes")
			}
		}
	}
	return decision.New(id, title, start, decision.Pos{}, nodes, nil), nil
}

func nodeFromValue(v any, path string) (*decision.Node, error) {
	obj, err := object(v, path)
	if err != nil {
		return nil, err
	}
	n := &decision.Node{}
	var verdict string
	if err := strFields(obj, path,
		strField{"id", &n.ID}, strField{"title", &n.Title}, strField{"help", &n.Help}, strField{"verdict", &verdict},
		strField{"reviewed", &n.Reviewed}, strField{"reviewedBy", &n.ReviewedBy}, strField{"url", &n.URL}, strField{"body", &n.Body},
	); err != nil {
		return nil, err
	}
	if n.ID == "" {
		return nil, errors.New(path + ".id is missing")
	}
	n.Verdict = decision.Verdict(verdict)
	if n.Safeguards, err = strs(obj["safeguards"], path+".safeguards"); err != nil {
		return nil, err
	}
	err = objects(obj["options"], path+".options", func(o map[string]any, p string) error {
		var opt decision.Option
		if err := strFields(o, p, strField{"label", &opt.Label}, strField{"next", &opt.Next}); err != nil {
			return err
		}
		n.Options = append(n.Options, opt)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = objects(obj["sources"], path+".sources", func(o map[string]any, p string) error {
		var s decision.Source
		if err := strFields(o, p, strField{"title", &s.Title}, strField{"url", &s.URL}, strField{"publisher", &s.Publisher}, strField{"date", &s.Date}); err != nil {
			return err
		}
		n.Sources = append(n.Sources, s)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return n, nil
}

// object returns v as an object; absent (nil) is an error.
func object(v any, path string) (map[string]any, error) {
	if m, ok := v.(map[string]any); ok {
		return m, nil
	}
	return nil, errors.New(path + ": want an object, got " + typeName(v))
}

// array returns v as an array; absent (nil) is an empty array.
func array(v any, path string) ([]any, error) {
	switch a := v.(type) {
	case nil:
		return nil, nil
	case []any:
		return a, nil
	}
	return nil, errors.New(path + ": want an array, got " + typeName(v))
}

// objects calls each with every element of the array v (absent: none)
// as an object, and the element's path.
func objects(v any, path string, each func(o map[string]any, path string) error) error {
	a, err := array(v, path)
	if err != nil {
		return err
	}
	for k, item := range a {
		p := path + "[" + strconv.Itoa(k) + "]"
		o, err := object(item, p)
		if err != nil {
			return err
		}
		if err := each(o, p); err != nil {
			return err
		}
	}
	return nil
}

// strField is a string field of an object: its key, and where to put it.
type strField struct {
	key string
	dst *string
}

// strFields reads the string fields of obj, the object at path.
func strFields(obj map[string]any, path string, fields ...strField) error {
	for _, f := range fields {
		var err error
		if *f.dst, err = str(obj[f.key], path+"."+f.key); err != nil {
			return err
		}
	}
	return nil
}

// str returns v as a string; absent (nil) is "".
func str(v any, path string) (string, error) {
	switch s := v.(type) {
	case nil:
		return "", nil
	case string:
		return s, nil
	}
	return "", errors.New(path + ": want a string, got " + typeName(v))
}

// strs returns v as an array of strings; absent (nil) is empty.
func strs(v any, path string) ([]string, error) {
	a, err := array(v, path)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(a))
	for i, item := range a {
		if out[i], err = str(item, path+"["+strconv.Itoa(i)+"]"); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// typeName names the JavaScript type of a converted value.
func typeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "an unsupported value"
}
