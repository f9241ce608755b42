// The full text, filtered by topic, state or instrument without a server.
//
// Each paragraph of a full text carries the ids of its topics and of the states and instruments it
// names (data-km-topics, data-km-states, data-km-instruments). The choices live in the page's URL
// (?topic=…&state=…&instrument=…), so a filtered text can be bookmarked and shared; a paragraph
// shows when it matches every choice made. Without script the form stays hidden and every
// paragraph shows. An address made before a rename names a former id (an option's data-km-former):
// the record it became is chosen, and the address is brought up to date. An id this text does not
// have is not applied, and the page says so.
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

    var unknown = [];  // "topic \"x\"": the address's choices this text does not have

    function option(select, wanted) {
      var options = Array.prototype.slice.call(select.options);
      return options.filter(function (o) { return o.value && o.value === wanted; })[0] ||
        options.filter(function (o) {
          return (o.getAttribute("data-km-former") || "").split(" ").indexOf(wanted) !== -1;
        })[0];
    }

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
      var said = [];
      if (chosen.length) {
        var names = chosen.map(function (s) {
          return s.options[s.selectedIndex].text;
        });
        said.push(shown + " of " + paragraphs.length + " paragraphs shown (" + names.join("; ") + ").");
      }
      if (unknown.length) {
        said.push("The address asks for " + unknown.join(" and ") + ", which this text does not have: " +
          (unknown.length > 1 ? "they are" : "it is") + " not applied.");
      }
      status.textContent = said.join(" ");
      if (updateUrl) {
        var url = new URL(window.location.href);
        selects.forEach(function (s) {
          if (s.value) {
            url.searchParams.set(s.name, s.value);
          } else if (!unknown.length) {  // an unknown choice stays in the address the page says it ignores
            url.searchParams.delete(s.name);
          }
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
    var renamed = false;
    selects.forEach(function (s) {
      var wanted = params.get(s.name);
      if (wanted) {
        var found = option(s, wanted);
        if (found) {
          s.value = found.value;
          renamed = renamed || found.value !== wanted;
        } else {
          unknown.push(s.name + " \u201c" + wanted + "\u201d");
        }
        box.open = true;
      }
      s.addEventListener("change", function () { unknown = []; apply(true); });
    });
    form.addEventListener("reset", function () {
      unknown = [];
      window.setTimeout(function () { apply(true); }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply(renamed);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
