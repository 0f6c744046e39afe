import { readFileSync } from 'node:fs';

/**
 * The Google Tag Manager recipe of docs/pixel.md, read from the page itself so that what the
 * docs tell shops to paste is what the tests run, and a small stand-in for GTM's container that
 * fires the recipe's Custom HTML tags on the page.
 */

const DOCS = readFileSync(new URL('../../docs/pixel.md', import.meta.url), 'utf8');

/** The code block that follows `<!-- gtm-tag: <name> -->` in docs/pixel.md, unindented. */
export function gtmTag(name: string): string {
  const marker = `<!-- gtm-tag: ${name} -->`;
  const at = DOCS.indexOf(marker);
  if (at < 0) throw new Error(`docs/pixel.md has no ${marker}`);
  const block = /```html\n([\s\S]*?)\n\s*```/.exec(DOCS.slice(at));
  if (!block?.[1]) throw new Error(`no html block after ${marker}`);
  const lines = block[1].split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => line.search(/\S/)));
  return lines.map((line) => line.slice(indent)).join('\n');
}

/**
 * A page script, for the end of the page (where gtm.js has loaded), that does what a GTM
 * container does with the recipe: the *Initialization - All Pages* tag is injected first; a *Custom Event* tag is injected when its event is pushed, with
 * each `{{DLV - <path>}}` replaced by that dataLayer value as a JavaScript literal (GTM, too,
 * puts a variable's value in the tag's code). Custom HTML is injected as GTM does it: each
 * `<script>` recreated so that it runs, in order.
 */
export function gtmContainer(tags: {
  initialization: string;
  onEvent?: Record<string, string>;
}): string {
  return `(function () {
  var tags = ${JSON.stringify(tags).replaceAll('</', '<\\/')};
  function inject(html) {
    var holder = document.createElement('div');
    holder.innerHTML = html;
    Array.prototype.slice.call(holder.childNodes).forEach(function (node) {
      if (node.nodeName !== 'SCRIPT') return;
      var script = document.createElement('script');
      Array.prototype.slice.call(node.attributes).forEach(function (attribute) {
        script.setAttribute(attribute.name, attribute.value);
      });
      script.text = node.text;
      document.body.appendChild(script);
    });
  }
  function variable(entry, path) {
    return path.split('.').reduce(function (value, key) { return value == null ? undefined : value[key]; }, entry);
  }
  function onEntry(entry) {
    var html = entry && tags.onEvent && tags.onEvent[entry.event];
    if (html) inject(html.replace(/\\{\\{DLV - ([\\w.]+)\\}\\}/g, function (_, path) {
      return JSON.stringify(variable(entry, path));
    }));
  }
  // As gtm.js does once it has loaded: the Initialization tag, then the queued entries in
  // order, then each later push.
  window.dataLayer = window.dataLayer || [];
  inject(tags.initialization);
  dataLayer.forEach(onEntry);
  var push = dataLayer.push;
  dataLayer.push = function () {
    var length = push.apply(dataLayer, arguments);
    Array.prototype.forEach.call(arguments, onEntry);
    return length;
  };
})();`;
}
