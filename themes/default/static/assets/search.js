/* thidua search: diacritic- and case-insensitive search over the prebuilt index in
   search/*.js. "nguoi tot viec tot" finds "Người tốt, việc tốt"; an accented query ranks
   exact-accent matches first; name matches rank above headline/unit/award matches, which
   rank above body matches. No network requests beyond the site's own script files, so it
   works from file:// and any static host. The ranking core is pure and exported for tests. */
(function (root) {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }
  function words(text) {
    return text.normalize("NFC").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }
  function shardOf(word) {
    var c = fold(word).charAt(0);
    return /[a-z0-9]/.test(c) ? c : "_";
  }

  var FIELD_WEIGHTS = [10, 4, 3, 3, 3]; // name, headline, unit, award, movement
  var BODY_WEIGHT = 1;

  /* Prepares the document rows once: folded and accented word lists per field. */
  function prepare(docs) {
    return docs.map(function (row) {
      var fields = row.slice(0, 5).map(function (value) {
        var exact = words(value);
        return { exact: exact, folded: exact.map(fold) };
      });
      return { row: row, fields: fields };
    });
  }

  /* Decodes the gap-encoded postings of the given shards into word → [ids]. */
  function postings(terms) {
    var out = {};
    Object.keys(terms).forEach(function (shard) {
      var table = terms[shard];
      Object.keys(table).forEach(function (word) {
        var id = 0;
        out[word] = table[word].map(function (gap) { id += gap; return id; });
      });
    });
    return out;
  }

  function matchesWord(candidate, query, isLast) {
    return candidate === query || (isLast && query.length >= 2 && candidate.indexOf(query) === 0);
  }

  /* Ranks documents for a query. `prepared` comes from prepare(), `body` from postings(),
     `common` lists words too frequent to be indexed (treated as optional). */
  function rank(query, prepared, body, common) {
    var exactWords = words(query);
    if (!exactWords.length) return [];
    var foldedWords = exactWords.map(fold);
    var commonSet = {};
    (common || []).forEach(function (w) { commonSet[fold(w)] = true; });
    var bodyByFolded = {};
    Object.keys(body).forEach(function (word) {
      var key = fold(word);
      (bodyByFolded[key] = bodyByFolded[key] || []).push({ word: word, ids: body[word] });
    });
    var scores = {};
    var matchedAll = {};
    foldedWords.forEach(function (q, qi) {
      var isLast = qi === foldedWords.length - 1;
      var exactQ = exactWords[qi];
      var accented = exactQ !== q;
      var hit = {};
      prepared.forEach(function (doc, id) {
        var best = 0;
        doc.fields.forEach(function (field, fi) {
          field.folded.forEach(function (w, wi) {
            if (matchesWord(w, q, isLast)) {
              var score = FIELD_WEIGHTS[fi];
              if (accented && matchesWord(field.exact[wi], exactQ, isLast)) score += FIELD_WEIGHTS[fi] / 2;
              if (score > best) best = score;
            }
          });
        });
        if (best) { hit[id] = best; }
      });
      Object.keys(bodyByFolded).forEach(function (key) {
        if (!matchesWord(key, q, isLast)) return;
        bodyByFolded[key].forEach(function (entry) {
          var score = BODY_WEIGHT + (accented && matchesWord(entry.word, exactQ, isLast) ? 0.5 : 0);
          entry.ids.forEach(function (id) { if (!hit[id] || hit[id] < score) hit[id] = score; });
        });
      });
      var optional = commonSet[q];
      prepared.forEach(function (_, id) {
        if (hit[id]) {
          scores[id] = (scores[id] || 0) + hit[id];
          matchedAll[id] = (matchedAll[id] || 0) + 1;
        } else if (optional) {
          matchedAll[id] = (matchedAll[id] || 0) + 1;
        }
      });
    });
    var results = Object.keys(scores)
      .filter(function (id) { return matchedAll[id] === foldedWords.length; })
      .map(function (id) { return { id: +id, score: scores[id], row: prepared[id].row }; });
    results.sort(function (a, b) {
      return b.score - a.score || a.row[0].localeCompare(b.row[0], "vi") || a.id - b.id;
    });
    return results;
  }

  var api = { fold: fold, words: words, shardOf: shardOf, prepare: prepare, postings: postings, rank: rank };
  if (typeof module === "object" && module.exports) module.exports = api;
  if (typeof document === "undefined") return;

  /* The browser side: load the index with script tags (works from file://), run the query
     from ?q=, show the results. */
  var box = document.getElementById("search-results");
  if (!box) return;
  var base = box.getAttribute("data-root") || "./";
  var query = new URLSearchParams(location.search).get("q") || "";
  var input = document.getElementById("search-page-input");
  if (input) input.value = query;
  var t = {};
  try { t = JSON.parse(document.getElementById("thidua-i18n").textContent); } catch (e) { t = {}; }
  function message(key, n) { return (t[key] || "").replace("{n}", n).replace("{query}", function () { return query; }); }
  if (!query.trim()) { box.textContent = message("search_prompt"); return; }
  box.textContent = message("search_searching");

  function load(src, done) {
    var s = document.createElement("script");
    s.src = base + src;
    s.onload = done;
    s.onerror = done;
    document.head.appendChild(s);
  }
  load("search/docs.js", function () {
    var docs = root.THIDUA_SEARCH_DOCS || [];
    var available = root.THIDUA_SEARCH_SHARDS || "";
    var needed = [];
    words(query).forEach(function (w) {
      var s = shardOf(w);
      if (available.indexOf(s) >= 0 && needed.indexOf(s) < 0) needed.push(s);
    });
    var pending = needed.length;
    function finish() {
      var results = rank(query, prepare(docs), postings(root.THIDUA_SEARCH_TERMS || {}), root.THIDUA_SEARCH_COMMON);
      box.innerHTML = "";
      var summary = document.createElement("p");
      summary.textContent = results.length ? message("search_found", results.length) : message("search_none");
      box.appendChild(summary);
      var list = document.createElement("ol");
      list.className = "search-list";
      results.slice(0, 100).forEach(function (r) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = base + r.row[5];
        a.textContent = r.row[0];
        var meta = document.createElement("span");
        meta.textContent = " – " + r.row[1] + " · " + r.row[2] + " · " + r.row[3];
        li.appendChild(a);
        li.appendChild(meta);
        list.appendChild(li);
      });
      box.appendChild(list);
    }
    if (!pending) { finish(); return; }
    needed.forEach(function (s) { load("search/terms-" + s + ".js", function () { if (--pending === 0) finish(); }); });
  });
})(typeof window !== "undefined" ? window : globalThis);
