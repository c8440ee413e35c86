/* tvf: search in the handbook, in the browser. No libraries, nothing from elsewhere.
 *
 * The build writes the index as small scripts under sok/ (src/tverrfaglig/site/search.py),
 * each handing its data to window.TVF_SOK: sok/meta.js (every page: ID, code, title, type,
 * status, URL, and the names of the other files) is loaded the first time a search field is
 * used; sok/ord-<key>.<hash>.js (the words beginning with <key>, each with the pages whose text
 * holds it) when a query needs words beginning with <key>; sok/utdrag-<n>.<hash>.js (the
 * beginning of the text of a hundred pages) for the results shown. Scripts, not fetch(), so
 * the same code works from file://, where a browser may not fetch files, and over http(s).
 * Results are built with DOM calls and textContent only, so text from the handbook can never
 * become markup.
 *
 * Words are folded and stemmed exactly as search.py does it (fold, WORD, stem below;
 * tests/site/test_search.py runs both on the same words).
 *
 * The script holds no words of its own: the pages carry them, in the language the site was
 * built in, as data attributes of <body> (data-sok-ingen-treff, data-sok-treff …; see
 * templates/site/base.html.j2). "{n}" in a count is replaced by the number.
 */
(function () {
  "use strict";

  var root = document.body ? document.body.getAttribute("data-root") || "" : "";
  var texts = document.body ? document.body.dataset : {};
  var APPROVED = texts.sokGodkjent || "";
  var BASE = root + "sok/";
  var SHOWN = 8;
  var SHOWN_ON_PAGE = 200;
  var ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
  var BITMAP = "~";

  var FOLD = {
    "à": "a", "á": "a", "â": "a", "ã": "a", "ā": "a", "ä": "æ",
    "è": "e", "é": "e", "ê": "e", "ë": "e", "ē": "e",
    "ì": "i", "í": "i", "î": "i", "ï": "i", "ī": "i",
    "ò": "o", "ó": "o", "ô": "o", "õ": "o", "ō": "o", "ö": "ø",
    "ù": "u", "ú": "u", "û": "u", "ü": "u", "ū": "u", "ý": "y", "ÿ": "y",
    "ç": "c", "č": "c", "đ": "d", "ð": "d", "ŋ": "n", "ñ": "n", "š": "s", "ŧ": "t", "ž": "z"
  };
  var ACCENTED = new RegExp("[" + Object.keys(FOLD).join("") + "]", "g");
  var WORD = /[0-9a-zæøå]+(?:[.\/-][0-9a-zæøå]+)*/g;
  var LETTERS = /^[a-zæøå]+$/;
  var VOWELS = "aeiouyæøå";
  var S_ENDING = "bcdfghjlmnoprtvyz";
  var ENDINGS = ["hetenes", "hetene", "hetens", "heten", "endes", "ande", "ende", "edes",
    "enes", "erne", "erte", "ede", "ane", "ene", "ens", "ers", "ets", "het", "ast", "ert", "en",
    "ar", "er", "as", "es", "et", "a", "e", "s"];

  function fold(text) {
    text = String(text || "");
    if (text.normalize) text = text.normalize("NFC");
    return text.toLowerCase().replace(ACCENTED, function (c) { return FOLD[c]; });
  }

  function endsWith(word, ending) {
    return word.length >= ending.length && word.slice(word.length - ending.length) === ending;
  }

  /* Step 1 of the Snowball Norwegian stemmer («erne» added) up to twice, then step 2, as
   * search.stem. */
  function stem(word) {
    if (!LETTERS.test(word)) return word;
    var r1 = word.length;
    for (var i = 1; i < word.length; i++) {
      if (VOWELS.indexOf(word[i - 1]) !== -1 && VOWELS.indexOf(word[i]) === -1) {
        r1 = i + 1;
        break;
      }
    }
    r1 = Math.max(r1, 3);
    for (var round = 0; round < 2; round++) {  // twice: veilederen, veileder, veiled
      var before = word;
      for (var e = 0; e < ENDINGS.length; e++) {
        var ending = ENDINGS[e];
        if (endsWith(word, ending) && word.length - ending.length >= r1) {
          var base = word.slice(0, word.length - ending.length);
          if (ending === "erte" || ending === "ert") word = base + "er";
          else if (ending === "s") {
            var last = base[base.length - 1];
            if (S_ENDING.indexOf(last) !== -1 ||
                (last === "k" && base.length > 1 &&
                 VOWELS.indexOf(base[base.length - 2]) === -1)) {
              word = base;
            }
          } else word = base;
          break;
        }
      }
      if (word === before) break;
    }
    if ((endsWith(word, "dt") || endsWith(word, "vt")) && word.length - 2 >= r1) {
      word = word.slice(0, -1);
    }
    return word;
  }

  /* The stems a query word must find in a page's text: one per word in it («IV.7.1-5» is one). */
  function stems(word) {
    return (word.match(WORD) || []).map(stem);
  }

  function decode(text, marks) {
    var i, n;
    if (text.charAt(0) === BITMAP) {
      for (i = 1; i < text.length; i++) {
        var bits = ALPHABET.indexOf(text.charAt(i));
        for (var bit = 0; bit < 6; bit++) if (bits & (1 << bit)) marks[(i - 1) * 6 + bit] = 1;
      }
      return;
    }
    var previous = -1;
    var value = 0;
    for (i = 0; i < text.length; i++) {
      n = ALPHABET.indexOf(text.charAt(i));
      if (n >= 32) { value = value * 32 + n - 32; continue; }
      previous += value * 32 + n + 1;
      marks[previous] = 1;
      value = 0;
    }
  }

  /* --- Loading the index: each file is a script that calls window.TVF_SOK.<kind>(…) -------- */

  var delivered = {};
  var loads = {};
  var api = window.TVF_SOK = window.TVF_SOK || {};
  api.meta = function (data) { delivered.meta = data; };
  api.ord = function (key, terms) { delivered["ord:" + key] = terms; };
  api.utdrag = function (n, list) { delivered["utdrag:" + n] = list; };
  api.fold = fold;
  api.stem = stem;
  api.stems = stems;

  function script(name, file) {
    if (!loads[name]) {
      loads[name] = new Promise(function (resolve, reject) {
        if (name in delivered) { resolve(delivered[name]); return; }
        var element = document.createElement("script");
        element.src = BASE + file;
        element.onload = function () {
          if (name in delivered) resolve(delivered[name]);
          else { delete loads[name]; reject(new Error(texts.sokIngenIndeks || "")); }
        };
        element.onerror = function () {
          delete loads[name];
          reject(new Error(texts.sokIngenIndeks || ""));
        };
        document.head.appendChild(element);
      });
    }
    return loads[name];
  }

  var index = null;

  function load() {
    if (index) return Promise.resolve(index);
    return script("meta", "meta.js").then(function (data) {
      if (index) return index;
      var types = data.typer || [];
      var statuses = data.statuser || [];
      var docs = (data.dokumenter || []).map(function (row, n) {
        var id = row[0] || "";
        var doc = {
          n: n,
          id: id,
          kode: row[1] || "",
          tittel: row[2] || "",
          type: types[row[3] || 0] || "",
          status: statuses[row[4] || 0] || "",
          url: row[5] || "dokumenter/" + id + ".html"
        };
        doc._id = fold(doc.id);
        doc._kode = fold(doc.kode);
        doc._tittel = fold(doc.tittel);
        return doc;
      });
      index = { docs: docs, words: data.ord || {}, excerpts: data.utdrag || [],
                per: data.utdragPer || 100 };
      return index;
    });
  }

  function shard(key) {
    var file = index.words[key];
    if (!file) return Promise.resolve({});
    return script("ord:" + key, file);
  }

  /* Marks (1 at a page's number) of the pages whose text has a word beginning with ``prefix``
   * (a one-letter prefix: the word itself). */
  function pagesWith(prefix) {
    return shard(prefix.slice(0, 2)).then(function (terms) {
      var marks = new Uint8Array(index.docs.length);
      if (prefix.length < 2) {
        if (terms[prefix]) decode(terms[prefix], marks);
        return marks;
      }
      for (var term in terms) {
        if (term.lastIndexOf(prefix, 0) === 0) decode(terms[term], marks);
      }
      return marks;
    });
  }

  /* For each query word, the marks of the pages whose text has all of it. */
  function textMatches(words) {
    return Promise.all(words.map(function (word) {
      var prefixes = stems(word);
      if (!prefixes.length) return Promise.resolve(new Uint8Array(index.docs.length));
      return Promise.all(prefixes.map(pagesWith)).then(function (all) {
        var marks = all[0];
        for (var i = 1; i < all.length; i++) {
          for (var n = 0; n < marks.length; n++) marks[n] = marks[n] & all[i][n];
        }
        return marks;
      });
    }));
  }

  function excerptsFor(results) {
    var wanted = {};
    results.forEach(function (r) { wanted[Math.floor(r.doc.n / index.per)] = true; });
    return Promise.all(Object.keys(wanted).map(function (n) {
      var file = index.excerpts[n];
      if (!file) return null;
      return script("utdrag:" + n, file).then(function (list) {
        var first = Number(n) * index.per;
        list.forEach(function (text, i) { if (index.docs[first + i]) index.docs[first + i].utdrag = text; });
      }, function () { return null; });  // without its excerpt a result is still a result
    }));
  }

  /* --- Searching ---------------------------------------------------------------------------- */

  function hitCount(n) {
    var text = n === 1 ? texts.sokEttTreff : texts.sokTreff;
    return text ? text.replace("{n}", String(n)) : String(n);
  }

  function terms(query) {
    return fold(query).split(/\s+/).filter(function (t) { return t.length > 0; });
  }

  function score(doc, q, words, inText) {
    var total = 0;
    if (q && (doc._id === q || doc._kode === q)) total += 1000;
    else if (q && doc._id && doc._id.indexOf(q) === 0) total += 300;
    if (q && doc._tittel.indexOf(q) !== -1) total += 100;
    for (var i = 0; i < words.length; i++) {
      var w = words[i];
      var hit = 0;
      if (doc._id.indexOf(w) !== -1 || doc._kode === w) hit += 40;
      if (doc._tittel.indexOf(w) !== -1) hit += 20;
      if (inText[i][doc.n]) hit += 1;
      if (!hit) return 0;
      total += hit;
    }
    return total;
  }

  function search(query) {
    var words = terms(query);
    if (!words.length) return Promise.resolve([]);
    var q = fold(query).trim();
    return textMatches(words).then(function (inText) {
      var found = [];
      var docs = index.docs;
      for (var i = 0; i < docs.length; i++) {
        var s = score(docs[i], q, words, inText);
        if (s > 0) found.push({ doc: docs[i], score: s });
      }
      found.sort(function (a, b) { return b.score - a.score || a.doc.n - b.doc.n; });
      return found;
    });
  }

  /* --- Showing the results ------------------------------------------------------------------ */

  function highlighted(parent, text, marks) {
    var lower = fold(text);
    if (lower.length !== text.length) lower = text.toLowerCase();
    if (lower.length !== text.length) marks = [];
    var pos = 0;
    while (pos < text.length) {
      var next = -1;
      var len = 0;
      for (var i = 0; i < marks.length; i++) {
        if (!marks[i]) continue;
        var at = lower.indexOf(marks[i], pos);
        if (at !== -1 && (next === -1 || at < next || (at === next && marks[i].length > len))) {
          next = at;
          len = marks[i].length;
        }
      }
      if (next === -1) break;
      parent.appendChild(document.createTextNode(text.slice(pos, next)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(next, next + len);
      parent.appendChild(mark);
      pos = next + len;
    }
    parent.appendChild(document.createTextNode(text.slice(pos)));
  }

  function item(doc, words, textMarks) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = root + doc.url;
    var title = document.createElement("span");
    title.className = "treff-tittel";
    highlighted(title, doc.tittel, words);
    var meta = document.createElement("span");
    meta.className = "treff-meta";
    var parts = [doc.type];
    if (doc.id) parts.push(doc.id);
    if (doc.kode) parts.push(doc.kode);
    if (doc.status && doc.status !== APPROVED) parts.push(doc.status);
    highlighted(meta, parts.join(" · "), words);
    a.appendChild(title);
    a.appendChild(meta);
    if (doc.utdrag) {
      var text = document.createElement("span");
      text.className = "treff-utdrag";
      highlighted(text, doc.utdrag, textMarks);
      a.appendChild(text);
    }
    li.appendChild(a);
    return li;
  }

  function show(list, results, words, status) {
    var textMarks = words.slice();
    words.forEach(function (w) { textMarks = textMarks.concat(stems(w)); });
    while (list.firstChild) list.removeChild(list.firstChild);
    results.forEach(function (r) { list.appendChild(item(r.doc, words, textMarks)); });
    if (!results.length && !status) {
      var none = document.createElement("li");
      none.className = "ingen";
      none.textContent = texts.sokIngenTreff || "";
      list.appendChild(none);
    }
  }

  function links(list) {
    return Array.prototype.slice.call(list.querySelectorAll("a"));
  }

  function attach(form) {
    var input = form.querySelector(".sok-felt");
    var list = form.querySelector(".sok-treff");
    var status = form.querySelector(".sok-status");
    var onPage = list && list.classList.contains("sok-alle");
    var active = -1;
    if (!input || !list) return;

    function run() {
      var query = input.value;
      active = -1;
      if (!terms(query).length) {
        list.hidden = !onPage;
        while (list.firstChild) list.removeChild(list.firstChild);
        if (status) status.textContent = "";
        return;
      }
      var found = null;
      load().then(function () {
        return search(query);
      }).then(function (results) {
        found = results;
        var shown = results.slice(0, onPage ? SHOWN_ON_PAGE : SHOWN);
        return excerptsFor(shown).then(function () { return shown; });
      }).then(function (shown) {
        if (input.value !== query) return;
        show(list, shown, terms(query), status);
        if (status) {
          status.textContent = found.length === 0 ? texts.sokIngenTreff || ""
            : hitCount(found.length);
        }
        list.hidden = false;
      }, function (error) {
        if (status && input.value === query) status.textContent = error.message;
      });
    }

    function move(step) {
      var all = links(list);
      if (!all.length) return;
      if (active >= 0 && all[active]) all[active].classList.remove("aktiv");
      active = (active + step + all.length) % all.length;
      all[active].classList.add("aktiv");
      all[active].scrollIntoView({ block: "nearest" });
    }

    input.addEventListener("input", run);
    input.addEventListener("focus", function () { load().catch(function () {}); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { event.preventDefault(); move(1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
      else if (event.key === "Escape" && !onPage) { list.hidden = true; active = -1; }
    });
    form.addEventListener("submit", function (event) {
      var all = links(list);
      var chosen = all[active >= 0 ? active : 0];
      if (chosen && !list.hidden) {
        event.preventDefault();
        location.href = chosen.href;
      } else if (onPage) {
        event.preventDefault();
        run();
      }
    });
    if (!onPage) {
      document.addEventListener("click", function (event) {
        if (!form.contains(event.target)) list.hidden = true;
      });
    }
    if (onPage) {
      var query = new URLSearchParams(location.search).get("q");
      if (query) { input.value = query; run(); }
      input.focus();
    }
  }

  if (document.querySelectorAll) {
    Array.prototype.forEach.call(document.querySelectorAll("form.sok"), attach);
  }
})();
