package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/guidepost/guidepost/internal/importer"
)

const importSynopsis = `Read a Hugo (config.toml or hugo.toml, content/), Jekyll (_config.yml,
_posts/) or MkDocs (mkdocs.yml, docs/) site in DIR and write a guidepost site
beside it, in DIR-guidepost unless --dest names another new folder:

  - the configuration is translated into guidepost.yaml (title, description,
    address, language, taxonomies, menus; MkDocs' nav becomes the main menu
    and the pages' order);
  - pages are copied with their front matter, converted where the tools
    differ (Jekyll's date in the file name, permalink, excerpt; MkDocs' titles
    from nav or the first heading, admonitions as callouts); keys guidepost
    does not know are declared in guidepost.yaml for layouts to read in .Params;
  - static files and images are copied.

What could not be carried (shortcodes, Liquid tags, plugins, theme settings)
is listed as file:line items of the source folder, printed and written to
IMPORT-REPORT.txt in the new site. The source folder is only read. Then run
"guidepost check --strict --source NEW" and fix what it reports.`

func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("import", importSynopsis, stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: guidepost import DIR [flags]\n\n%s\n\nFlags:\n", importSynopsis)
		fs.PrintDefaults()
	}
	dest := fs.String("dest", "", "new `folder` for the guidepost site (default: DIR-guidepost beside DIR); must not exist or be empty")
	var src string
	var flags []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case len(a) > 1 && a[0] == '-':
			flags = append(flags, a)
			if (a == "--dest" || a == "-dest") && i+1 < len(args) {
				flags = append(flags, args[i+1])
				i++
			}
		case src == "":
			src = a
		default:
			flags = append(flags, a) // reported as unexpected
		}
	}
	if err := parseFlags(fs, flags, stdout); err != nil {
		return err
	}
	if src == "" {
		fmt.Fprintln(stderr, "import needs the folder of the site to import")
		fs.Usage()
		return errUsage
	}
	if *dest == "" {
		*dest = filepath.Clean(src) + "-guidepost"
	}
	rep, err := importer.Import(src, *dest)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "imported a %s site: %d pages, %d other files → %s\n", rep.Tool, rep.Pages, rep.Files, *dest)
	if len(rep.Items) > 0 {
		fmt.Fprintf(stdout, "not carried over (%d; also in %s):\n", len(rep.Items), filepath.Join(*dest, importer.ReportName))
		for _, it := range rep.Items {
			fmt.Fprintln(stdout, "  "+it.String())
		}
	}
	fmt.Fprintf(stdout, "next: guidepost check --strict --source %s\n", quoteArg(*dest))
	return nil
}
