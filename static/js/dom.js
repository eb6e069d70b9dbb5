// @ts-check
// dom.js: the small helpers the theme's scripts share (decide.js,
// search.js): making elements, and the theme's strings in the page's
// language, which the layout writes into the page as JSON
// (<script type="application/json" id="guidepost-strings">, from
// i18n/*.yaml). Placeholders, plural forms and digits are applied as the
// Go side's T applies them.
//
// An ES module: the scripts import it as "./dom.js", a path the build
// rewrites to this file's fingerprinted name (internal/layout, addModules).

/**
 * The theme's strings in the page's language, as the layout writes them.
 * @typedef {Object} Strings
 * @property {string} [lang] the page's language (BCP 47), for plural rules
 * @property {string} [digits] the language's ten digits, "0123456789" when absent
 * @property {Object<string, string | Object<string, string>>} [strings]
 *   each string by key; one with plural forms is an object by CLDR plural category
 * @property {DateFormat} [date] the language's long date format
 */

/**
 * A CLDR date pattern, as tokens: literal text (t) or a field (f: "d",
 * "MMMM", "y", …).
 * @typedef {Object} DateFormat
 * @property {Array<{t?: string, f?: string}>} long
 * @property {string[]} months month names in a date
 * @property {string[]} [standAlone] month names alone
 */

/**
 * A child of el: text, a node, nothing, or a list of them.
 * @typedef {string | Node | null | undefined | Array<string | Node | null | undefined>} Child
 */

/**
 * el makes an element with properties (or attributes, for names with a
 * dash, and role) and children.
 * @param {string} tag
 * @param {Object<string, string | number | boolean> | null} [props]
 * @param {...Child} children
 * @returns {HTMLElement}
 */
export function el(tag, props, ...children) {
  /** @type {any} */
  const node = document.createElement(tag);
  if (props) {
    for (const k of Object.keys(props)) {
      if (k.indexOf("-") >= 0 || k === "role") {
        node.setAttribute(k, String(props[k]));
      } else {
        node[k] = props[k];
      }
    }
  }
  for (const c of children) {
    append(node, c);
  }
  return node;
}

/**
 * @param {Node} node
 * @param {Child} child
 */
function append(node, child) {
  if (child === null || child === undefined) {
    return;
  }
  if (Array.isArray(child)) {
    child.forEach((c) => append(node, c));
  } else if (typeof child === "string") {
    node.appendChild(document.createTextNode(child));
  } else {
    node.appendChild(child);
  }
}

/**
 * clear removes the children of node.
 * @param {Node} node
 */
export function clear(node) {
  while (node.firstChild) {
    node.removeChild(node.firstChild);
  }
}

/**
 * readStrings returns the theme's strings the layout put in the page;
 * who names the script in the console when they cannot be read.
 * @param {string} who
 * @returns {Strings}
 */
export function readStrings(who) {
  const node = document.getElementById("guidepost-strings");
  try {
    return JSON.parse(node ? node.textContent || "" : "") || {};
  } catch (e) {
    console.error(who + ": the page's strings (#guidepost-strings) cannot be read: " + e);
    return {};
  }
}

/**
 * The functions that write the theme's strings.
 * @typedef {Object} Translator
 * @property {(key: string, vals?: Object<string, unknown>) => string} t
 *   the string key with its placeholders ({name}) filled from vals; one
 *   with plural forms is chosen by vals.count
 * @property {(key: string, vals?: Object<string, unknown>) => Array<string | Node>} parts
 *   t as a list of strings and, for values that are nodes, those nodes
 * @property {(n: number) => string} num a whole number in the language's digits
 */

/**
 * translator returns the functions that write strings from s; who names
 * the script in the console when a string is missing.
 * @param {Strings} s
 * @param {string} who
 * @returns {Translator}
 */
export function translator(s, who) {
  const digits = s.digits || "0123456789";
  /** @param {number} n */
  function num(n) {
    return String(n).replace(/[0-9]/g, (d) => digits.charAt(Number(d)));
  }
  /**
   * @param {string} key
   * @param {Object<string, unknown>} [vals]
   * @returns {Array<string | Node>}
   */
  function parts(key, vals) {
    const v0 = (s.strings || {})[key];
    const values = vals || {};
    if (v0 === undefined) {
      console.error(who + ": no string " + key + " in #guidepost-strings");
      return [key];
    }
    let str;
    if (typeof v0 === "object") {
      let form = "other";
      try {
        form = new Intl.PluralRules(s.lang).select(Number(values.count));
      } catch (e) { /* "other" */ }
      str = v0[form] !== undefined ? v0[form] : v0.other;
    } else {
      str = v0;
    }
    /** @type {Array<string | Node>} */
    const out = [];
    const re = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
    let at = 0;
    let m;
    while ((m = re.exec(str)) !== null) {
      if (!Object.prototype.hasOwnProperty.call(values, m[1])) {
        continue;
      }
      out.push(str.slice(at, m.index));
      const v = values[m[1]];
      out.push(typeof v === "number" ? num(v) : v instanceof Node ? v : String(v));
      at = m.index + m[0].length;
    }
    out.push(str.slice(at));
    return out.filter((x) => x !== "");
  }
  /**
   * @param {string} key
   * @param {Object<string, unknown>} [vals]
   */
  function t(key, vals) {
    return parts(key, vals).map((x) => (typeof x === "string" ? x : x.textContent)).join("");
  }
  return { t, parts, num };
}
