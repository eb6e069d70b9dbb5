package browsertest

import (
	"context"

	"github.com/chromedp/cdproto/emulation"
)

func emulateDark(ctx context.Context) error {
	return emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}).Do(ctx)
}
