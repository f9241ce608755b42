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

/* The theme's storage helpers, which Material writes inline in every page's head (theme/partials/javascripts/
   base.html leaves them out; Zensical keeps its own, which are not replaced): its scope is the site's root, the
   folder above this script's (assets/), as the theme reckons it from the page's base address. */
if (typeof __md_scope === "undefined") {
  window.__md_scope = new URL("..", document.currentScript.src);
  window.__md_hash = function (text) {
    return [].reduce.call(text, function (hash, c) { return (hash << 5) - hash + c.charCodeAt(0); }, 0);
  };
  window.__md_get = function (key, storage, scope) {
    return JSON.parse((storage || localStorage).getItem((scope || __md_scope).pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, scope) {
    try { (storage || localStorage).setItem((scope || __md_scope).pathname + "." + key, JSON.stringify(value)); }
    catch (e) { /* storage full or refused: the choice is not kept */ }
  };
}

/* The search dialog, which the theme's script finds by its data-md-component and fills: written here once
   instead of on every page (theme/partials/search.html leaves the empty dialog and calls this right after it).
   Its words (placeholder, the options' name, clear, the first message) come from the dialog's data-km-words. */
function khartoumSearchDialog() {
  var dialog = document.currentScript.previousElementSibling;
  var words = dialog.getAttribute("data-km-words").split("|");
  dialog.innerHTML =
    '<label class="md-search__overlay" for="__search"></label><div class="md-search__inner" role="search">' +
    '<form class="md-search__form" name="search"><input type="text" class="md-search__input" name="query" ' +
    'autocapitalize="off" autocorrect="off" autocomplete="off" spellcheck="false" data-md-component="search-query" ' +
    'required><label class="md-search__icon md-icon" for="__search"><svg viewBox="0 0 24 24" class="km-i-magnify">' +
    '</svg><svg viewBox="0 0 24 24" class="km-i-arrow-left"></svg></label><nav class="md-search__options">' +
    '<button type="reset" class="md-search__icon md-icon" tabindex="-1"><svg viewBox="0 0 24 24" class="km-i-close">' +
    '</svg></button></nav></form><div class="md-search__output"><div class="md-search__scrollwrap" tabindex="0" ' +
    'data-md-scrollfix><div class="md-search-result" data-md-component="search-result"><div ' +
    'class="md-search-result__meta"></div><ol class="md-search-result__list" role="presentation"></ol></div></div>' +
    '</div></div>';
  var input = dialog.querySelector("input");
  input.setAttribute("placeholder", words[0]);
  input.setAttribute("aria-label", words[0]);
  dialog.querySelector("nav").setAttribute("aria-label", words[1]);
  var clear = dialog.querySelector("button");
  clear.setAttribute("title", words[2]);
  clear.setAttribute("aria-label", words[2]);
  dialog.querySelector(".md-search-result__meta").textContent = words[3];
}

/* The colour scheme switch, which the theme's script finds by its data-md-component: an input per option and a
   button for each option with a toggle, leading to the next option, as the theme draws them, built here once from
   the form's data-km-palette (theme/partials/palette.html) instead of written on every page. */
function khartoumPaletteForm() {
  var form = document.currentScript.previousElementSibling;
  var options = JSON.parse(form.getAttribute("data-km-palette"));
  options.forEach(function (option, i) {
    var input = document.createElement("input");
    input.className = "md-option";
    ["media", "scheme", "primary", "accent"].forEach(function (key, k) {
      input.setAttribute("data-md-color-" + key, option[k]);
    });
    input.type = "radio";
    input.name = "__palette";
    input.id = "__palette_" + i;
    form.appendChild(input);
    if (option[4] === null) {
      input.setAttribute("aria-hidden", "true");
      return;
    }
    input.setAttribute("aria-label", option[4]);
    var button = document.createElement("label");
    button.className = "md-header__button md-icon";
    button.title = option[4];
    button.htmlFor = "__palette_" + ((i + 1) % options.length);
    button.hidden = true;
    button.innerHTML = option[5];  // the icon, as the site's template drew it
    form.appendChild(button);
  });
}
