// The full text, filtered by topic, state or instrument without a server.
//
// Each paragraph of a full text carries the ids of its topics and of the states and instruments it
// names (data-km-topics, data-km-states, data-km-instruments). The choices live in the page's URL
// (?topic=…&state=…&instrument=…), so a filtered text can be bookmarked and shared; a paragraph
// shows when it matches every choice made. Without script the form stays hidden and every
// paragraph shows.
(function () {
  "use strict";

  function run() {
    var box = document.querySelector("details.km-filter");
    if (!box) { return; }
    var form = box.querySelector("form");
    var status = box.querySelector(".km-filter-status");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[name]"));
    var paragraphs = Array.prototype.slice.call(document.querySelectorAll(".km-paragraph"));
    box.hidden = false;

    function ids(paragraph, attribute) {
      return (paragraph.getAttribute("data-km-" + attribute) || "").split(" ");
    }

    function apply(updateUrl) {
      var chosen = selects.filter(function (s) { return s.value; });
      var shown = 0;
      paragraphs.forEach(function (paragraph) {
        var match = chosen.every(function (s) {
          return ids(paragraph, s.getAttribute("data-km-attribute")).indexOf(s.value) !== -1;
        });
        paragraph.hidden = !match;
        if (match) { shown += 1; }
      });
      document.querySelectorAll(".km-part").forEach(function (part) {
        part.hidden = part.querySelector(".km-paragraph:not([hidden])") === null;
      });
      if (chosen.length) {
        var names = chosen.map(function (s) {
          return s.options[s.selectedIndex].text;
        });
        status.textContent = shown + " of " + paragraphs.length + " paragraphs shown (" + names.join("; ") + ").";
      } else {
        status.textContent = "";
      }
      if (updateUrl) {
        var url = new URL(window.location.href);
        selects.forEach(function (s) {
          if (s.value) { url.searchParams.set(s.name, s.value); } else { url.searchParams.delete(s.name); }
        });
        window.history.replaceState(null, "", url.href);
      }
      forPrint(chosen, shown);
    }

    // A printed copy says which filter it shows, and its printed address (assets/khartoum-cite.js)
    // carries the filter: the line below prints in place of the hidden form.
    var printed = document.createElement("p");
    printed.className = "km-print-filter";
    printed.hidden = true;
    box.parentNode.insertBefore(printed, box.nextSibling);

    function forPrint(chosen, shown) {
      var query = new URLSearchParams();
      chosen.forEach(function (s) { query.set(s.name, s.value); });
      var said = chosen.map(function (s) {
        var label = s.closest("label").querySelector("span");
        return (label ? label.textContent.trim().toLowerCase() + " " : "") + "“" + s.options[s.selectedIndex].text + "”";
      });
      printed.hidden = !chosen.length;
      printed.textContent = chosen.length ? "Filtered: only the paragraphs with " + said.join(" and ") +
        " (" + shown + " of " + paragraphs.length + " paragraphs)." : "";
      var search = chosen.length ? "?" + query.toString() : "";
      document.documentElement.setAttribute("data-km-filter-query", search);
      document.dispatchEvent(new CustomEvent("km-filter"));
    }

    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (s) {
      var wanted = params.get(s.name);
      if (wanted && Array.prototype.some.call(s.options, function (o) { return o.value === wanted; })) {
        s.value = wanted;
        box.open = true;
      }
      s.addEventListener("change", function () { apply(true); });
    });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { apply(true); }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply(false);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
