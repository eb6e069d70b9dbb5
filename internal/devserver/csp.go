package devserver

// ContentSecurityPolicy is the policy every page of a site carries: the
// layouts put it in a <meta http-equiv> of each page (layouts/partials/
// head.html) and the dev server also sends it as a header. Scripts,
// styles, images and connections come from the site itself only; no
// inline script or style runs; WebAssembly may be compiled for the
// decision tools.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'"
