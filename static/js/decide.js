// @ts-check
// decide.js: the decision tool's view layer (layouts/decide/*.html).
//
// Progressive enhancement. Without JavaScript every question is a page whose
// options are links, and the tool works as it is. With it:
//
//   - On a tool's start page (data-mode="tree") this script fetches the tree
//     (data-tree) and the Go engine compiled to WebAssembly (data-engine, run
//     by wasm_exec.js), then takes over .dt in place: the question with its
//     options as buttons, progress, the answers so far with a Change button
//     each, Back and Start over; at an outcome the verdict, safeguards,
//     sources, review date, the answers that led there and "Print / save as
//     PDF", with the notice that the verdict is general information, not
//     legal advice on screen and printed. The answers live in the URL fragment (#a=2.1.3): a copied link
//     restores them, each answer is a history entry, and browser back and
//     forward work. An invalid fragment is explained in an alert and the
//     tool starts again. If anything fails to load, the static page stays.
//   - On a question or outcome page (data-mode="node"), reached by a direct
//     link or before the engine was ready, there are no answers to resume
//     (the engine needs the path from the first question), so the page stays
//     as it is, with a link to the guided version and, on outcomes, a print
//     button. A fragment of saved answers is forwarded to the start page.
//
// Every word it shows comes from the theme's strings in the page's language
// (i18n/*.yaml), which the layout writes into the page as JSON
// (<script type="application/json" id="guidepost-strings">): placeholders,
// plural forms, digits and the date format are applied here as the Go
// side's T and localDate apply them.
//
// The answers never leave the browser: the only requests are for the tree
// and the engine, whose URLs are fixed at build time; the fragment is not
// sent to servers. No third-party code, no inline script or style.
//
// An ES module (the layout loads it with type="module", after the classic
// script wasm_exec.js, which defines Go); its helpers are dom.js's.

import { el, clear, readStrings, translator } from "./dom.js";

/**
 * The engine's API: the functions of the guidepostDecision global the
 * WebAssembly engine defines (decision/wasm, bridge.go). A call never
 * throws: a failure is a result with ok false and an error, and only a
 * result with ok true has the other fields.
 * @typedef {Object} Engine
 * @property {(tree: unknown) => Result} load replaces the loaded tree
 * @property {(fragment: string) => View} view
 *   the node the answers in fragment lead to, with the trail behind it
 * @property {(fragment: string, option: number) => Moved} answer
 *   the fragment after choosing an option of the current question
 * @property {(fragment: string) => Moved} back
 *   the fragment without its last answer
 * @property {(fragment: string, step: number, option: number) => Moved} change
 *   the fragment after answering step of the trail again
 */

/** @typedef {{ok: false, error: string}} Failure */
/** @typedef {{ok: true} | Failure} Result */
/** @typedef {{ok: true, fragment: string} | Failure} Moved */

/**
 * What view returns: the node on screen and how the reader got there.
 * @typedef {({ok: true} & ViewFields) | Failure} View
 */

/**
 * @typedef {Object} ViewFields
 * @property {EngineNode} node
 * @property {boolean} outcome whether node is an outcome (a verdict)
 * @property {Step[]} trail the answers so far, first first
 * @property {number} answered questions answered
 * @property {number} remaining questions left on the longest way on
 * @property {string} fragment the canonical fragment of the answers
 */

/**
 * A question or outcome of the tree.
 * @typedef {Object} EngineNode
 * @property {string} id
 * @property {string} title
 * @property {string} help
 * @property {string} url
 * @property {string} body HTML rendered from the node's Markdown at build time
 * @property {string} verdict "avoid", "caution", "allowed", or "" for a question
 * @property {string[]} safeguards
 * @property {Source[]} sources
 * @property {string} reviewed YYYY-MM-DD, or ""
 * @property {string} [reviewedBy] who did that review, or "" (trees built before it was published lack it)
 * @property {Array<{label: string, index: number}>} options
 */

/** @typedef {{title: string, url: string, publisher: string, date: string}} Source */

/**
 * An answer of the trail.
 * @typedef {Object} Step
 * @property {number} step
 * @property {string} questionId
 * @property {string} question the question's title
 * @property {string} answer the chosen option's label
 * @property {number} option the chosen option's index
 * @property {string} fragment the fragment that leads to this question
 */

/**
 * Go is the class wasm_exec.js defines, which runs a Go program compiled
 * to WebAssembly.
 * @typedef {{importObject: WebAssembly.Imports, run: (instance: WebAssembly.Instance) => Promise<void>}} GoRuntime
 */

main();

function main() {
  /** @type {HTMLElement | null} */
  var found = document.querySelector("article.decision[data-mode]");
  if (!found) {
    return;
  }
  // The functions below see what main checked under names of their own
  // (article, tool, Go): tsc carries no check of a variable into a
  // function declaration, which is hoisted.
  var article = found;
  var i18n = readStrings("decision tool");
  var { t, parts, num } = translator(i18n, "decision tool");
  if (article.dataset.mode === "node") {
    enhanceNodePage();
    return;
  }
  /** @type {HTMLElement | null} */
  var dt = article.querySelector(".dt");
  var treeURL = article.dataset.tree || "";
  var engineURL = article.dataset.engine || "";
  /** @type {(new () => GoRuntime) | undefined} */
  var GoClass = /** @type {any} */ (globalThis).Go;
  if (!dt || !treeURL || !engineURL || typeof GoClass !== "function") {
    return;
  }
  var tool = dt;
  var Go = GoClass;

  // api, status and alertBox are set by start, before anything uses them.
  /** @type {Engine} */
  var api;                 // the guidepostDecision global
  /** @type {string | null} */
  var shown = null;        // fragment of the view on screen
  var changing = -1;       // step whose answer is being changed, or -1
  /** @type {HTMLElement} */
  var status;              // aria-live region
  /** @type {HTMLElement} */
  var alertBox;            // role=alert region
  /** @type {Object<string, string>} */
  var verdictLabels = {
    avoid: t("verdict.avoid"),
    caution: t("verdict.caution"),
    allowed: t("verdict.allowed")
  };
  // The line shown with every verdict, on screen and printed.
  var verdictNotice = t("verdict.notice");

  start().catch(function (err) {
    console.error("decision tool: the guided version could not start (the page still works as links): " + err);
  });

  async function start() {
    var loaded = await Promise.all([fetchTree(treeURL), loadEngine(engineURL)]);
    api = loaded[1];
    var r = api.load(loaded[0]);
    if (!r.ok) {
      throw new Error(r.error);
    }
    status = el("p", { className: "visually-hidden", "aria-live": "polite", id: "dt-status" });
    alertBox = el("div", { className: "dt-alert", role: "alert" });
    article.insertBefore(alertBox, tool);
    article.insertBefore(status, tool);
    article.classList.add("dt-ready");
    tool.addEventListener("click", onClick);
    window.addEventListener("hashchange", onLocation);
    window.addEventListener("popstate", onLocation);
    carryAnswersAcrossLanguages();
    render(false);
  }

  // carryAnswersAcrossLanguages makes the language switcher's links to
  // this tool in other languages take the answers along: the fragment
  // names options by number, the same in every translation of the tree.
  function carryAnswersAcrossLanguages() {
    document.querySelectorAll(".language-switcher a[rel~=alternate]").forEach(function (a) {
      a.addEventListener("click", function () {
        /** @type {HTMLAnchorElement} */ (a).hash = location.hash;
      });
    });
  }

  /**
   * @param {string} url
   * @returns {Promise<unknown>} the tree's JSON
   */
  async function fetchTree(url) {
    var resp = await fetch(url, { credentials: "same-origin" });
    if (!resp.ok) {
      throw new Error("tree " + url + ": HTTP " + resp.status);
    }
    return resp.json();
  }

  /**
   * loadEngine runs the WebAssembly engine and returns its global.
   * @param {string} url
   * @returns {Promise<Engine>}
   */
  async function loadEngine(url) {
    var go = new Go();
    var resp = await fetch(url, { credentials: "same-origin" });
    if (!resp.ok) {
      throw new Error("engine " + url + ": HTTP " + resp.status);
    }
    var result;
    var type = resp.headers.get("Content-Type") || "";
    if (WebAssembly.instantiateStreaming && type.split(";")[0].trim() === "application/wasm") {
      result = await WebAssembly.instantiateStreaming(resp, go.importObject);
    } else {
      // Servers that send another MIME type make instantiateStreaming fail.
      result = await WebAssembly.instantiate(await resp.arrayBuffer(), go.importObject);
    }
    go.run(result.instance); // runs main, which defines the global, then waits for calls
    /** @type {Engine | undefined} */
    var engine = /** @type {any} */ (globalThis).guidepostDecision;
    if (!engine) {
      throw new Error("the engine did not define guidepostDecision");
    }
    return engine;
  }

  // fragment returns the answers in the address, or null when the fragment
  // is a jump to an element of the page (the skip link, a heading anchor).
  function fragment() {
    var f = location.hash.replace(/^#/, "");
    if (f !== "" && f.indexOf("a=") !== 0 && document.getElementById(safeDecode(f))) {
      return null;
    }
    return f;
  }

  /** @param {string} s */
  function safeDecode(s) {
    try {
      return decodeURIComponent(s);
    } catch (e) {
      return s;
    }
  }

  function onLocation() {
    var f = fragment();
    if (f !== null && f !== shown) {
      clearAlert();
      changing = -1;
      render(true);
    }
  }

  // navigate shows the view of fragment f as a new history entry.
  /** @param {string} f */
  function navigate(f) {
    clearAlert();
    changing = -1;
    if (f !== shown) {
      history.pushState(null, "", f ? "#" + f : location.pathname + location.search);
    }
    render(true);
  }

  // render draws the view of the address; focus moves to its heading
  // unless this is the first view after the page loaded.
  /** @param {boolean} moveFocus */
  function render(moveFocus) {
    var f = fragment();
    if (f === null) {
      f = shown === null ? "" : shown;
    }
    var v = api.view(f);
    if (!v.ok) {
      showAlert(t("decide.restarted", { error: v.error }));
      history.replaceState(null, "", location.pathname + location.search);
      v = api.view("");
      if (!v.ok) {
        showAlert(v.error);
        return;
      }
      moveFocus = true;
    } else if (f !== v.fragment) {
      history.replaceState(null, "", v.fragment ? "#" + v.fragment : location.pathname + location.search);
    }
    shown = v.fragment;
    clear(tool);
    var announce;
    if (changing >= 0 && changing < v.trail.length) {
      announce = drawChange(v, changing);
    } else if (v.outcome) {
      changing = -1;
      announce = drawOutcome(v);
    } else {
      changing = -1;
      announce = drawQuestion(v);
    }
    tool.setAttribute("data-view", changing >= 0 ? "change" : v.outcome ? "outcome" : "question");
    // Once answering, the introduction gives way to the tool (Start over
    // brings it back).
    article.classList.toggle("dt-started", v.answered > 0);
    if (moveFocus) {
      var heading = document.getElementById("dt-heading");
      if (heading) {
        heading.focus();
      }
      say(announce);
    }
  }

  /** @param {ViewFields} v */
  function drawQuestion(v) {
    var n = v.node;
    var number = v.answered + 1;
    var total = v.answered + v.remaining;
    var text = t("decide.progress", { n: number, count: total });
    tool.appendChild(progress(text, v.answered, total));
    tool.appendChild(questionPanel(n, -1));
    if (v.answered > 0) {
      tool.appendChild(navButtons(false));
      tool.appendChild(answers(v.trail, t("decide.answers_so_far")));
    }
    return text + ": " + n.title;
  }

  // drawChange shows question step of the trail again, to choose another
  // answer; nothing changes until one is chosen.
  /**
   * @param {ViewFields} v
   * @param {number} step
   */
  function drawChange(v, step) {
    var s = v.trail[step];
    var q = api.view(s.fragment);
    if (!q.ok) {
      changing = -1;
      return drawOutcomeOrQuestion(v);
    }
    var text = t("decide.change_title", { n: step + 1 });
    tool.appendChild(progress(text, v.answered, v.answered + v.remaining));
    var panel = questionPanel(q.node, s.option);
    var note = el("p", { className: "dt-change-note" }, t("decide.change_note", { answer: s.answer }));
    panel.insertBefore(note, panel.querySelector(".options"));
    tool.appendChild(panel);
    tool.appendChild(el("p", { className: "dt-nav" },
      button(t("decide.keep"), "cancel", "btn btn-secondary")));
    return text + ": " + q.node.title;
  }

  /** @param {ViewFields} v */
  function drawOutcomeOrQuestion(v) {
    return v.outcome ? drawOutcome(v) : drawQuestion(v);
  }

  /** @param {ViewFields} v */
  function drawOutcome(v) {
    var n = v.node;
    var label = verdictLabels[n.verdict] || n.verdict;
    var done = t("decide.result_after", { count: v.answered });
    tool.appendChild(progress(done, 1, 1));
    tool.appendChild(el("p", { className: "dt-print-only dt-print-title" }, document.title.split(" · ")[0]));

    var section = el("section", { className: "outcome verdict-" + n.verdict, "aria-labelledby": "dt-heading" },
      el("p", { className: "verdict-badge" }, label),
      el("p", { className: "verdict-notice" }, verdictNotice),
      el("h2", { id: "dt-heading", tabIndex: -1 }, n.title));
    if (n.safeguards.length > 0) {
      section.appendChild(el("h3", null, t("decide.safeguards")));
      section.appendChild(el("ul", { className: "safeguards" }, n.safeguards.map(function (s) {
        return el("li", null, s);
      })));
    }
    if (n.body) {
      section.appendChild(bodyOf(n));
    }
    if (n.sources && n.sources.length > 0) {
      section.appendChild(el("section", { className: "sources", "aria-labelledby": "dt-sources" },
        el("h3", { id: "dt-sources" }, t("decide.sources")),
        el("ol", null, n.sources.map(sourceItem))));
    }
    if (n.reviewed) {
      section.appendChild(reviewed(n.reviewed, n.reviewedBy));
    }
    tool.appendChild(section);
    tool.appendChild(answers(v.trail, t("decide.your_answers")));
    tool.appendChild(el("p", { className: "dt-print-only dt-print-link" },
      t("decide.print_link", { url: location.href })));
    var actions = navButtons(true);
    tool.appendChild(actions);
    return t("decide.result", { verdict: label, title: n.title });
  }

  // bodyOf returns a node's text: the site's own Markdown, rendered at
  // build time. Its headings go one level down, under the tool's h2.
  // The HTML is parsed in an inert document (nothing in it runs or loads)
  // and only what a checked build writes is kept: no scripts, frames,
  // styles or event handlers, and links only to safe addresses.
  /** @param {EngineNode} n */
  function bodyOf(n) {
    var body = el("div", { className: "prose dt-body" });
    var parsed = new DOMParser().parseFromString(String(n.body), "text/html").body;
    cleanHTML(parsed);
    while (parsed.firstChild) {
      body.appendChild(document.adoptNode(parsed.firstChild));
    }
    body.querySelectorAll("h2, h3, h4, h5").forEach(function (h) {
      var lower = document.createElement("h" + (Number(h.tagName.charAt(1)) + 1));
      Array.prototype.forEach.call(h.attributes, function (a) {
        lower.setAttribute(a.name, a.value);
      });
      while (h.firstChild) {
        lower.appendChild(h.firstChild);
      }
      /** @type {Node} */ (h.parentNode).replaceChild(lower, h); // in body
    });
    return body;
  }

  /**
   * @param {string} text
   * @param {number} value
   * @param {number} max
   */
  function progress(text, value, max) {
    return el("div", { className: "dt-progress" },
      el("p", { className: "dt-progress-text", id: "dt-progress-text" }, text),
      el("progress", { max: String(Math.max(max, 1)), value: String(value), "aria-labelledby": "dt-progress-text" }));
  }

  // questionPanel shows a question with its options as buttons; current is
  // the option answered before (when changing an answer), or -1.
  /**
   * @param {EngineNode} n
   * @param {number} current
   */
  function questionPanel(n, current) {
    var panel = el("section", { className: "question-panel", "aria-labelledby": "dt-heading" },
      el("h2", { id: "dt-heading", tabIndex: -1 }, n.title));
    if (n.help) {
      panel.appendChild(el("p", { className: "hint" }, n.help));
    }
    if (n.body) {
      panel.appendChild(bodyOf(n));
    }
    // A question that states a rule in its text cites it: its sources
    // and review date follow the text, folded away.
    if (n.sources && n.sources.length > 0) {
      var cited = el("details", { className: "dt-q-sources" },
        el("summary", null, t("decide.question_sources")),
        el("ol", null, n.sources.map(sourceItem)));
      if (n.reviewed) {
        cited.appendChild(reviewed(n.reviewed, n.reviewedBy));
      }
      panel.appendChild(cited);
    }
    panel.appendChild(el("ul", { className: "options" }, n.options.map(function (o) {
      var b = button(o.label, "option", "option");
      b.setAttribute("data-option", String(o.index));
      if (o.index === current) {
        b.classList.add("is-current");
        b.appendChild(el("span", { className: "dt-current" }, t("decide.your_answer")));
      }
      return el("li", null, b);
    })));
    return panel;
  }

  /**
   * @param {Step[]} trail
   * @param {string} title
   */
  function answers(trail, title) {
    return el("section", { className: "dt-answers", "aria-labelledby": "dt-answers-title" },
      el("h3", { id: "dt-answers-title" }, title),
      el("ol", null, trail.map(function (s) {
        var change = button(t("decide.change"), "change", "btn btn-secondary btn-small");
        change.setAttribute("data-step", String(s.step));
        change.setAttribute("aria-label", t("decide.change_label", { question: s.question }));
        return el("li", null,
          el("span", { className: "dt-q" }, s.question),
          el("span", { className: "dt-a" }, s.answer),
          change);
      })));
  }

  /** @param {boolean} outcome */
  function navButtons(outcome) {
    var p = el("p", { className: outcome ? "dt-nav dt-actions" : "dt-nav" });
    if (outcome) {
      p.appendChild(button(t("decide.print"), "print", "btn"));
      p.appendChild(button(t("decide.copy"), "copy", "btn btn-secondary"));
    }
    p.appendChild(button(t("decide.back"), "back", "btn btn-secondary"));
    p.appendChild(button(t("decide.start_over"), "restart", "btn btn-secondary"));
    return p;
  }

  // sourceItem shows a source; one whose url is not a safe link is shown
  // as its title alone.
  /** @param {Source} s */
  function sourceItem(s) {
    var url = safeURL(s.url, false);
    var li = el("li", null, url ? el("a", { href: url }, s.title) : s.title);
    if (s.publisher) {
      li.appendChild(document.createTextNode(", " + s.publisher));
    }
    if (s.date) {
      li.appendChild(document.createTextNode(" (" + s.date + ")"));
    }
    if (url) {
      li.appendChild(el("span", { className: "print-url" }, url));
    }
    return li;
  }

  // safeURL returns url if a link may lead there, else null: http(s),
  // mailto and tel addresses and paths of this site ("/kb/guidance/"), and
  // with fragments true "#anchor" too. The build refuses every other URL
  // (docs/urls.md); this is for a tree file that did not come from it.
  /**
   * @param {unknown} url
   * @param {boolean} fragments
   * @returns {string | null}
   */
  function safeURL(url, fragments) {
    if (typeof url !== "string" || url === "" || url.trim() !== url || /[\u0000-\u001f\u007f-\u009f\\]/.test(url)) {
      return null;
    }
    if (/^\/(?!\/)/.test(url) || /^(https?:\/\/[^\/]|mailto:.|tel:.)/i.test(url) || (fragments && url.charAt(0) === "#")) {
      return url;
    }
    return null;
  }

  // cleanHTML removes from a parsed node body what the build never writes
  // and a page must not run: elements that run, load or restyle, event
  // handlers and style attributes, and URLs safeURL refuses.
  /** @param {HTMLElement} root */
  function cleanHTML(root) {
    root.querySelectorAll("script, style, link, meta, base, iframe, frame, object, embed, form, template").forEach(function (e) {
      e.remove();
    });
    root.querySelectorAll("*").forEach(function (e) {
      Array.prototype.slice.call(e.attributes).forEach(function (a) {
        var name = a.name.toLowerCase();
        if (name.indexOf("on") === 0 || name === "style" || name === "srcset" || name === "action" || name === "formaction" || name === "xlink:href" ||
            ((name === "href" || name === "src") && !safeURL(a.value, name === "href"))) {
          e.removeAttribute(a.name);
        }
      });
    });
  }

  /** @param {MouseEvent} e */
  function onClick(e) {
    var b = /** @type {Element} */ (e.target).closest("button[data-action]");
    // shown is null only until the first render, which draws the buttons.
    if (!b || !tool.contains(b) || shown === null) {
      return;
    }
    /** @type {Moved} */
    var r;
    switch (b.getAttribute("data-action")) {
      case "option":
        var option = Number(b.getAttribute("data-option"));
        if (changing >= 0) {
          var step = changing;
          var v = api.view(shown);
          if (v.ok && v.trail[step] && v.trail[step].option === option) {
            cancelChange(); // the same answer: keep the later ones
            return;
          }
          r = api.change(shown, step, option);
        } else {
          r = api.answer(shown, option);
        }
        break;
      case "change":
        changing = Number(b.getAttribute("data-step"));
        clearAlert();
        render(true);
        return;
      case "cancel":
        cancelChange();
        return;
      case "back":
        r = api.back(shown);
        break;
      case "restart":
        r = { ok: true, fragment: "" };
        break;
      case "print":
        window.print();
        return;
      case "copy":
        copyLink();
        return;
      default:
        return;
    }
    if (!r.ok) {
      showAlert(r.error);
      return;
    }
    navigate(r.fragment);
  }

  function cancelChange() {
    changing = -1;
    render(true);
  }

  function copyLink() {
    var url = location.href;
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(url).then(function () {
        say(t("decide.copied"));
      }, function () {
        say(t("decide.copy_yourself"));
      });
    } else {
      say(t("decide.copy_yourself"));
    }
  }

  /** @param {string} msg */
  function showAlert(msg) {
    clear(alertBox);
    alertBox.appendChild(el("p", null, msg));
    alertBox.classList.add("is-shown");
  }

  function clearAlert() {
    if (alertBox) {
      clear(alertBox);
      alertBox.classList.remove("is-shown");
    }
  }

  // say announces msg through the live region; changing its text after a
  // frame makes screen readers read it even when it repeats.
  /** @param {string} msg */
  function say(msg) {
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = msg;
    }, 50);
  }

  // reviewed is the line "Last reviewed 1 December 2026" of a node, with
  // "by Dr A. Patel, Clinical safety officer" when the node names its
  // reviewer.
  /**
   * @param {string} iso
   * @param {string} [by]
   */
  function reviewed(iso, by) {
    var date = el("time", { dateTime: iso }, formatDate(iso));
    return el("p", { className: "dt-reviewed" }, by ?
      parts("decide.reviewed_by", { date: date, names: by }) :
      parts("decide.reviewed", { date: date }));
  }

  // formatDate writes YYYY-MM-DD in the language's long date format, as
  // the site's layouts do (localDate "long"): the CLDR pattern, month
  // names and digits come with the strings.
  /** @param {string} iso */
  function formatDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    const f = i18n.date;
    if (!m || !f) {
      return iso;
    }
    var y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
    var pad = function (/** @type {number} */ n) { return (n < 10 ? num(0) : "") + num(n); };
    return f.long.map(function (tk) {
      switch (tk.f) {
        case undefined: return tk.t;
        case "d": return num(d);
        case "dd": return pad(d);
        case "M": case "L": return num(mo);
        case "MM": case "LL": return pad(mo);
        case "MMM": case "MMMM": return f.months[mo - 1];
        case "LLL": case "LLLL": return (f.standAlone || f.months)[mo - 1];
        case "yy": return pad(y % 100);
        default: return num(y);
      }
    }).join("");
  }

  /**
   * @param {string} text
   * @param {string} action
   * @param {string} className
   */
  function button(text, action, className) {
    var b = el("button", { type: "button", className: className }, text);
    b.setAttribute("data-action", action);
    return b;
  }

  // enhanceNodePage links a stand-alone question or outcome page to the
  // guided version, and forwards saved answers to it.
  function enhanceNodePage() {
    var startURL = safeURL(article.dataset.start, false);
    if (!startURL) {
      return;
    }
    if (/^#a=/.test(location.hash)) {
      location.replace(startURL + location.hash);
      return;
    }
    var a = document.createElement("a");
    a.href = startURL;
    a.textContent = t("decide.guided_link");
    var note = el("p", { className: "dt-guided" }, parts("decide.guided", { link: a }));
    var eyebrow = article.querySelector(".eyebrow");
    article.insertBefore(note, eyebrow ? eyebrow.nextSibling : article.firstChild);

    var outcome = article.querySelector(".outcome");
    var actions = article.querySelector(".actions");
    if (outcome && actions) {
      var print = document.createElement("button");
      print.type = "button";
      print.className = "btn btn-secondary";
      print.textContent = t("decide.print");
      print.addEventListener("click", function () { window.print(); });
      var p = document.createElement("p");
      p.className = "dt-nav";
      p.appendChild(print);
      article.insertBefore(p, actions);
    }
  }
}
