/* tvf: search in the handbook, in the browser. No libraries, nothing from elsewhere.
 *
 * The build writes the index twice: sok-indeks.json (fetched over http) and sok-indeks.js
 * (the same JSON assigned to window.TVF_SOKEINDEKS, loaded with a script tag, which also
 * works when the site is opened from file://). Results are built with DOM calls and
 * textContent only, so text from the handbook can never become markup.
 *
 * The script holds no words of its own: the pages carry them, in the language the site was
 * built in, as data attributes of <body> (data-sok-ingen-treff, data-sok-treff …; see
 * templates/site/base.html.j2). "{n}" in a count is replaced by the number.
 */
(function () {
  "use strict";

  var root = document.body.getAttribute("data-root") || "";
  var texts = document.body.dataset;
  var APPROVED = texts.sokGodkjent || "";
  var index = null;
  var loading = null;
  var SHOWN = 8;
  var SHOWN_ON_PAGE = 200;

  function hitCount(n) {
    var text = n === 1 ? texts.sokEttTreff : texts.sokTreff;
    return text ? text.replace("{n}", String(n)) : String(n);
  }

  function norm(text) {
    return (text || "").toLowerCase();
  }

  function prepare(data) {
    var docs = (data && data.dokumenter) || [];
    docs.forEach(function (doc) {
      doc._id = norm(doc.id);
      doc._kode = norm(doc.kode);
      doc._tittel = norm(doc.tittel);
      doc._tekst = norm(doc.tekst);
    });
    return docs;
  }

  function viaScript(resolve, reject) {
    if (window.TVF_SOKEINDEKS) {
      resolve(prepare(window.TVF_SOKEINDEKS));
      return;
    }
    var script = document.createElement("script");
    script.src = root + "sok-indeks.js";
    script.onload = function () { resolve(prepare(window.TVF_SOKEINDEKS)); };
    script.onerror = function () { reject(new Error(texts.sokIngenIndeks || "")); };
    document.head.appendChild(script);
  }

  function load() {
    if (index) return Promise.resolve(index);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        if (location.protocol === "file:" || !window.fetch) {
          viaScript(resolve, reject);
          return;
        }
        fetch(root + "sok-indeks.json")
          .then(function (response) {
            if (!response.ok) throw new Error(String(response.status));
            return response.json();
          })
          .then(function (data) { resolve(prepare(data)); },
                function () { viaScript(resolve, reject); });
      }).then(function (docs) { index = docs; return docs; });
    }
    return loading;
  }

  function terms(query) {
    return norm(query).split(/\s+/).filter(function (t) { return t.length > 0; });
  }

  function score(doc, query, words) {
    var q = norm(query).trim();
    var total = 0;
    if (q && (doc._id === q || doc._kode === q)) total += 1000;
    else if (q && doc._id && doc._id.indexOf(q) === 0) total += 300;
    if (q && doc._tittel.indexOf(q) !== -1) total += 100;
    for (var i = 0; i < words.length; i++) {
      var w = words[i];
      var hit = 0;
      if (doc._id.indexOf(w) !== -1 || doc._kode === w) hit += 40;
      if (doc._tittel.indexOf(w) !== -1) hit += 20;
      if (doc._tekst.indexOf(w) !== -1) hit += 1;
      if (!hit) return 0;
      total += hit;
    }
    return total;
  }

  function search(docs, query) {
    var words = terms(query);
    if (!words.length) return [];
    var found = [];
    for (var i = 0; i < docs.length; i++) {
      var s = score(docs[i], query, words);
      if (s > 0) found.push({ doc: docs[i], score: s, order: i });
    }
    found.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    return found;
  }

  function highlighted(parent, text, words) {
    var lower = norm(text);
    var pos = 0;
    while (pos < text.length) {
      var next = -1;
      var len = 0;
      for (var i = 0; i < words.length; i++) {
        var at = lower.indexOf(words[i], pos);
        if (at !== -1 && (next === -1 || at < next)) { next = at; len = words[i].length; }
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

  function excerpt(doc, words) {
    var text = doc.tekst || "";
    var at = -1;
    for (var i = 0; i < words.length && at === -1; i++) at = doc._tekst.indexOf(words[i]);
    if (at === -1) return text.slice(0, 140) + (text.length > 140 ? " …" : "");
    var start = Math.max(0, at - 60);
    var end = Math.min(text.length, at + 100);
    var space = text.indexOf(" ", start);
    if (start > 0 && space !== -1 && space < at) start = space + 1;  // start at a whole word
    space = text.lastIndexOf(" ", end);
    if (end < text.length && space > at) end = space;
    return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
  }

  function item(doc, words) {
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
    var text = document.createElement("span");
    text.className = "treff-utdrag";
    highlighted(text, excerpt(doc, words), words);
    a.appendChild(title);
    a.appendChild(meta);
    a.appendChild(text);
    li.appendChild(a);
    return li;
  }

  function show(list, results, words, limit, status) {
    while (list.firstChild) list.removeChild(list.firstChild);
    results.slice(0, limit).forEach(function (r) { list.appendChild(item(r.doc, words)); });
    if (!results.length && !status) {
      var none = document.createElement("li");
      none.className = "ingen";
      none.textContent = texts.sokIngenTreff || "";
      list.appendChild(none);
    }
    if (status) {
      status.textContent = results.length === 0 ? texts.sokIngenTreff || ""
        : hitCount(results.length);
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
      load().then(function (docs) {
        if (input.value !== query) return;
        show(list, search(docs, query), terms(query), onPage ? SHOWN_ON_PAGE : SHOWN, status);
        list.hidden = false;
      }, function (error) {
        if (status) status.textContent = error.message;
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

  Array.prototype.forEach.call(document.querySelectorAll("form.sok"), attach);
})();
