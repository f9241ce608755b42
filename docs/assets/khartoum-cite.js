// Citations carry the address the reader is on and the date they read it.
//
// A static build knows the page's full address only when the site's address is configured, and
// never the date a reader consults it. Each paragraph page therefore holds, beside the citations it
// shows without script, the same citations with tokens (class "km-cite-data", made by the site's
// citation module); this script puts in the address (the configured one, else this page's own,
// resolved against the address in the address bar) and today's date, and changes nothing else.
(function () {
  "use strict";
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  function two(n) { return (n < 10 ? "0" : "") + n; }

  function fill(template, url, today) {
    var y = today.getFullYear(), m = today.getMonth() + 1, d = today.getDate();
    var values = {
      "@@url@@": url,
      "@@accessed-long@@": d + " " + MONTHS[m - 1] + " " + y,
      "@@accessed-iso@@": y + "-" + two(m) + "-" + two(d),
      "@@accessed-ris@@": y + "/" + two(m) + "/" + two(d) + "/",
      "@@accessed-year@@": String(y),
      "@@accessed-month@@": String(m),
      "@@accessed-day@@": String(d)
    };
    return template.replace(/@@[a-z-]+@@/g, function (token) {
      return Object.prototype.hasOwnProperty.call(values, token) ? values[token] : token;
    });
  }

  function run() {
    var data = document.querySelector("script.km-cite-data");
    if (!data) { return; }
    var cite = JSON.parse(data.textContent);
    var url = new URL(cite.base, window.location.href);
    url.hash = "";
    url.search = "";
    var address = url.href.replace(/index\.html$/, "");
    var today = new Date();
    document.querySelectorAll(".km-cite[data-km-style]").forEach(function (block) {
      var template = cite.styles[block.getAttribute("data-km-style")];
      var code = block.querySelector("pre code");
      if (typeof template === "string" && code) {
        code.textContent = fill(template, address, today);
      }
    });
    document.querySelectorAll(".km-cite-note").forEach(function (note) { note.remove(); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
