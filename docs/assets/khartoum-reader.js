// Reading the site on a phone and by keyboard (the map's targets and skip link are drawn at build
// time, see khartoum_site/worldmap.py):
// - a table wider than its column says that it scrolls ("Scroll sideways for more", a shadow on the
//   side with more) and can be scrolled from the keyboard: a named region in the Tab order, since
//   a table of plain text has nothing else to take the focus;
// - a code block that scrolls (a citation, a long line of a data file) is a named region in the Tab
//   order: the theme lets it take the focus but gives it no name;
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

  function captionOf(pre) {
    // the sentence that introduces a block ("As BibTeX …:") names it; else the heading above it
    var block = pre.previousElementSibling ? pre : pre.parentElement;
    var before = block && block.previousElementSibling;
    if (before && before.tagName === "P") {
      return before.textContent.trim().replace(/:$/, "");
    }
    return headingBefore(pre);
  }

  function markCode() {
    document.querySelectorAll(".md-typeset pre > code").forEach(function (code) {
      var scrolls = code.scrollWidth > code.clientWidth + 1 || code.scrollHeight > code.clientHeight + 1;
      if (scrolls) {
        var caption = captionOf(code.parentElement);
        code.setAttribute("tabindex", "0");
        code.setAttribute("role", "region");
        code.setAttribute("aria-label", (caption ? caption + ": code" : "Code") + ", scrolls");
      } else if (code.getAttribute("role") === "region") {
        code.removeAttribute("role");
        code.removeAttribute("aria-label");
      }
    });
  }

  function nameSearch() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label") && !dialog.hasAttribute("aria-labelledby")) {
      dialog.setAttribute("aria-label", "Search");
    }
  }

  function onPage() {
    markTables();
    markCode();
    nameSearch();
  }

  var pending = false;
  function recheck() {
    // a turned phone or a resized window changes which tables overflow, and a citation's address put
    // in when the page is shown (khartoum-cite.js) which code blocks do: check once a frame
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(function () { pending = false; markTables(); markCode(); });
    }
  }
  window.addEventListener("resize", recheck);
  if (typeof MutationObserver !== "undefined") {
    new MutationObserver(function (changes) {
      var inCode = changes.some(function (change) {
        var element = change.target.nodeType === 1 ? change.target : change.target.parentElement;
        return element && element.closest("pre");
      });
      if (inCode) { recheck(); }
    }).observe(document.body, {childList: true, characterData: true, subtree: true});
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(onPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage);
  } else {
    onPage();
  }
})();
