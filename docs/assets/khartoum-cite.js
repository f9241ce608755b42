// Citations carry the address the reader is on and the date they read it; so does a printed page.
//
// A static build knows the page's full address only when the site's address is configured, and
// never the date a reader consults it. Each citation on a page (class "km-citation": a paragraph, a
// document, a meeting, a state's participation) shows every style as it reads without script; the
// places this script fills in are marked in that text (data-km-fill: what to put there, a template
// made by the site's citation module, never data text). It puts in the address (the configured one,
// else the cited page's, data-km-base, resolved against the address in the address bar) and today's
// date, and changes nothing else.
(function () {
  "use strict";
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  function two(n) { return (n < 10 ? "0" : "") + n; }

  function inWords(day) { return day.getDate() + " " + MONTHS[day.getMonth()] + " " + day.getFullYear(); }

  function monthFirst(day) { return MONTHS[day.getMonth()] + " " + day.getDate() + ", " + day.getFullYear(); }

  // A token is "@@name@@"; only the citation module's templates are filled, never the text around them.
  function fill(template, url, today) {
    var y = today.getFullYear(), m = today.getMonth() + 1, d = today.getDate();
    var values = {
      "url": url,
      "accessed-long": inWords(today),
      "accessed-us": monthFirst(today),
      "accessed-iso": y + "-" + two(m) + "-" + two(d),
      "accessed-ris": y + "/" + two(m) + "/" + two(d) + "/",
      "accessed-year": String(y),
      "accessed-month": String(m),
      "accessed-day": String(d)
    };
    return template.replace(/@@([a-z-]+)@@/g, function (token, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : token;
    });
  }

  function fillCitation(box, today) {
    var url = new URL(box.getAttribute("data-km-base"), window.location.href);
    url.hash = "";
    url.search = "";
    var address = url.href.replace(/index\.html$/, "");
    box.querySelectorAll(".km-cite[data-km-style] pre code [data-km-fill]").forEach(function (place) {
      place.textContent = fill(place.getAttribute("data-km-fill"), address, today);
    });
  }

  function run() {
    var boxes = document.querySelectorAll(".km-citation[data-km-base]");
    if (!boxes.length) { return; }
    var today = new Date();
    boxes.forEach(function (box) { fillCitation(box, today); });
    document.querySelectorAll(".km-cite-note").forEach(function (note) { note.remove(); });
  }

  // Every printed page says where it comes from: the site's name, the page's full address (the
  // configured one if the page gives it, else the one the reader is on) and the date it was printed.
  function printHead() {
    var article = document.querySelector("article.md-content__inner");
    if (!article || article.querySelector(".km-print-head")) { return; }
    var site = document.querySelector(".md-header__topic .md-ellipsis");
    var today = new Date();
    var head = document.createElement("div");
    head.className = "km-print-head";
    head.setAttribute("aria-hidden", "true");  // shown in print only; the page says all this already
    var name = document.createElement("strong");
    name.textContent = site ? site.textContent.trim() : document.title;
    var where = document.createElement("span");
    where.className = "km-print-address";
    where.textContent = printedAddress();
    var when = document.createElement("span");
    when.className = "km-print-date";
    when.textContent = " · printed " + inWords(today);
    head.appendChild(name);
    head.appendChild(where);
    head.appendChild(when);
    article.insertBefore(head, article.firstChild);
  }

  // The address a printed page gives: the configured one if the page gives it, else the one the reader
  // is on, with the filter the page shows, if any (assets/khartoum-filter.js keeps its query in the
  // root element's data-km-filter-query and says when it changes); any other query is left out.
  function printedAddress() {
    var canonical = document.querySelector('link[rel="canonical"]');
    var address = canonical ? new URL(canonical.getAttribute("href"), window.location.href) :
      new URL(window.location.href);
    address.hash = "";
    address.search = document.documentElement.getAttribute("data-km-filter-query") || "";
    return address.href.replace(/index\.html(?=$|\?)/, "");
  }

  function start() {
    run();
    printHead();
    document.addEventListener("km-filter", function () {
      var where = document.querySelector(".km-print-head .km-print-address");
      if (where) { where.textContent = printedAddress(); }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
