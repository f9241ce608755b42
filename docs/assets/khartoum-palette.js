/* The colour scheme a reader chose with the header's switch, put back before the page is drawn. The theme keeps
   the choice in localStorage ("__palette", read with its own __md_get) and writes the same steps inline in every
   page, right after the switch; the site's theme calls this function there instead (theme/partials/javascripts/
   palette.html), so the steps are fetched once and cached. */
function khartoumPalette() {
  var palette = __md_get("__palette");
  if (!palette || !palette.color) return;
  var color = palette.color;
  if (color.media === "(prefers-color-scheme)") {  // the automatic choice: the scheme the system has now
    var now = matchMedia("(prefers-color-scheme: light)").matches ? "light" : "dark";
    var input = document.querySelector("[data-md-color-media='(prefers-color-scheme: " + now + ")']");
    ["media", "scheme", "primary", "accent"].forEach(function (key) {
      color[key] = input.getAttribute("data-md-color-" + key);
    });
  }
  Object.keys(color).forEach(function (key) { document.body.setAttribute("data-md-color-" + key, color[key]); });
}
