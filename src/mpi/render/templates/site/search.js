// The site's search: Pagefind's index, read from this site's own files (nothing leaves it).
// The form works as a plain GET form; this script answers it on the page, announces the
// number of results to screen readers and lists them as links.
const form = document.querySelector("form.search");
const input = document.getElementById("q");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const words = JSON.parse(document.getElementById("search-words").textContent);
const base = new URL(".", location.href).pathname;

function text(html) {
  return new DOMParser().parseFromString(html, "text/html").body.textContent || "";
}

async function run(term) {
  list.replaceChildren();
  if (!term.trim()) {
    status.textContent = "";
    return;
  }
  status.textContent = words.searching;
  try {
    const pagefind = await import("./pagefind/pagefind.js");
    await pagefind.options({ baseUrl: base, noWorker: true });
    const found = await pagefind.search(term);
    const shown = await Promise.all(found.results.slice(0, 50).map((r) => r.data()));
    const n = found.results.length;
    status.textContent = (n === 1 ? words.one : words.many)
      .replace("{n}", String(n))
      .replace("{term}", term);
    for (const r of shown) {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = r.url;
      link.textContent = r.meta.title || r.url;
      const excerpt = document.createElement("p");
      excerpt.textContent = text(r.excerpt);
      item.append(link, excerpt);
      list.append(item);
    }
  } catch (e) {
    status.textContent = words.failed;
  }
}

const asked = new URLSearchParams(location.search).get("q") || "";
input.value = asked;
if (asked) run(asked);
form.addEventListener("submit", (event) => {
  event.preventDefault();
  history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
  run(input.value);
});
