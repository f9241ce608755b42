// Reading the site on a phone and by keyboard (the map's targets and skip link are drawn at build
// time, see khartoum_site/worldmap.py):
// - a table wider than its column says that it scrolls ("Scroll sideways for more", a shadow on the
//   side with more) and can be scrolled from the keyboard: a named region in the Tab order, since
//   a table of plain text has nothing else to take the focus;
// - Material's search dialog gets an accessible name, which it lacks.
// Material's instant navigation is off here, but `document$` (its page observable) is used when
// present, so that this keeps working if it is turned on.
(function () {
  "use strict";

  var HINT = "Scroll sideways for more \u2192";

  function headingBefore(element) {
    // the nearest heading above the table names it, as a reader would refer to it
    for (var node = element; node; node = node.previousElementSibling || node.parentElement) {
      if (/^H[1-6]$/.test(node.tagName)) {
        return node.textContent.replace(/\u00b6/g, "").trim();
      }
      if (node.matches && node.matches("article")) {
        break;
      }
    }
    return "";
  }

  function frameOf(wrap) {
    var parent = wrap.parentElement;
    if (parent && parent.classList.contains("km-scroll-frame")) {
      return parent;
    }
    var frame = document.createElement("div");
    frame.className = "km-scroll-frame";
    wrap.parentNode.insertBefore(frame, wrap);
    frame.appendChild(wrap);
    return frame;
  }

  function showEdges(wrap) {
    var frame = wrap.parentElement;
    var rest = wrap.scrollWidth - wrap.clientWidth - wrap.scrollLeft;
    frame.classList.toggle("km-more-right", rest > 1);
    frame.classList.toggle("km-more-left", wrap.scrollLeft > 1);
  }

  function mark(wrap) {
    var frame = frameOf(wrap);
    var wide = wrap.scrollWidth > wrap.clientWidth + 1;
    var hint = frame.previousElementSibling;
    var hasHint = hint && hint.classList.contains("km-scroll-hint");
    frame.classList.toggle("km-scrolls", wide);
    if (wide) {
      var heading = headingBefore(frame);
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", (heading ? heading + ": table" : "Table") + ", scrolls sideways");
      if (!hasHint) {
        hint = document.createElement("p");
        hint.className = "km-scroll-hint";
        hint.setAttribute("aria-hidden", "true"); // the region's name says it
        hint.textContent = HINT;
        frame.parentNode.insertBefore(hint, frame);
      }
    } else {
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("role");
      wrap.removeAttribute("aria-label");
      if (hasHint) {
        hint.remove();
      }
    }
    if (!wrap.dataset.kmWatched) {
      wrap.dataset.kmWatched = "1";
      wrap.addEventListener("scroll", function () { showEdges(wrap); }, {passive: true});
    }
    showEdges(wrap);
  }

  function markTables() {
    document.querySelectorAll(".md-typeset .md-typeset__scrollwrap").forEach(mark);
  }

  function nameSearch() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label") && !dialog.hasAttribute("aria-labelledby")) {
      dialog.setAttribute("aria-label", "Search");
    }
  }

  function onPage() {
    markTables();
    nameSearch();
  }

  var pending = false;
  window.addEventListener("resize", function () {
    // a turned phone or a resized window changes which tables overflow: check once a frame
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(function () { pending = false; markTables(); });
    }
  });

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(onPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage);
  } else {
    onPage();
  }
})();
