// Search finds English word variants: "returns" finds "return", "readmissions" "readmission".
//
// The theme's search matches each word typed as the start of a word of the index ("return" finds
// "returns"), but not the other way round, and its stemmer does not help: it stems the index but
// not a query word it matches by prefix. So the index is left unstemmed and each word of the query
// is cut back to its stem before the theme's search worker receives it: the stem, as a prefix,
// matches every variant. Only plain words are cut; quoted phrases and search operators pass as
// typed. The theme posts a query to its worker as {type: 2, data: text} (its SearchMessageType.QUERY);
// tests/browser/test_reader.py checks that a variant is found.
//
// The word as typed is searched as well, boosted (lunr's "word^10000"): a page with the very word ranks
// before one that only shares its stem ("states" before "Statement", which "stat" also finds), and
// the theme's result notes a page without the typed word ("Missing: states").
(function () {
  "use strict";
  var QUERY = 2;
  // Longest first: the first ending that leaves a stem of four letters or more is cut.
  var ENDINGS = ["ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "ly", "s", "e"];
  var KEEP = /(ss|us|is)$/;  // "process", "status", "basis" are not plurals
  // How much more a match of the word as typed counts than a match of its stem: more than the theme's
  // boost of a title (1000), so that "Statement" in a title does not outrank "states" in a text.
  var EXACT = 10000;

  function stem(word) {
    var lower = word.toLowerCase();
    if (lower.length < 5 || KEEP.test(lower)) { return word; }
    for (var i = 0; i < ENDINGS.length; i += 1) {
      var ending = ENDINGS[i];
      if (lower.slice(-ending.length) === ending && lower.length - ending.length >= 4) {
        return word.slice(0, word.length - ending.length);
      }
    }
    return word;
  }

  function variants(query) {
    var parts = query.split(/("[^"]*")/);
    return parts.map(function (part, index) {
      if (index % 2 === 1) { return part; }  // a quoted phrase
      return part.replace(/(^|\s)([A-Za-z]+)(?=\s|$)/g, function (all, space, word) {
        var cut = stem(word);
        return space + (cut === word ? word : word + "^" + EXACT + " " + cut);
      });
    }).join("");
  }

  if (typeof Worker === "undefined") { return; }
  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === QUERY && typeof message.data === "string") {
      var args = Array.prototype.slice.call(arguments);
      args[0] = { type: QUERY, data: variants(message.data) };
      return post.apply(this, args);
    }
    return post.apply(this, arguments);
  };
})();
