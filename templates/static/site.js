/* The study listing: search, filters, sorting and pages, in the browser.

   index.html holds the filters and the first page of rows, written by the build, so studies
   show at once, and without this script (its pager then links the static pages, list/2.html
   on). listing-data.js holds every study, column by column: a plain script, since a page opened
   from disk may load one where it may not fetch a file. A change filters those columns (a
   cached mask per filter value, the search narrowed as the query grows) and renders only the
   rows of the page shown. The state lives in the URL's #hash, so a view can be shared. */
(function () {
  "use strict";

  var data = window.CATALOGUE_LISTING;
  var table = document.getElementById("studies");
  var form = document.getElementById("filters");
  if (!table || !form) return;
  if (!data || data.version !== 1) {
    form.hidden = true; // nothing to filter: the rows and the static pages still read
    return;
  }

  var columns = data.columns;
  var tables = data.tables;
  var total = columns.id.length;
  var size = data.pageSize;
  var tbody = table.tBodies[0];
  var region = table.parentNode;
  var count = document.getElementById("result-count");
  var empty = document.getElementById("no-results");
  var pager = document.getElementById("pager");
  var retractedSwitch = document.getElementById("show-retracted");
  var more = document.getElementById("more-filters");
  var toggle = document.getElementById("filters-toggle");
  var grid = document.getElementById("filter-grid");
  var TOKEN_FILTERS = ["topic", "outcome", "tier", "design", "species", "exposure", "bias", "funding", "status"];
  var FIELDS = ["q", "from", "to", "claim", "stance"].concat(TOKEN_FILTERS);
  var view = { column: -1, dir: "asc", page: 1 };

  /* Each vocabulary's key -> its index in data.tables; the columns filters read, as typed arrays. */
  var keys = {};
  Object.keys(tables).forEach(function (name) {
    keys[name] = {};
    tables[name].forEach(function (row, index) { keys[name][row[0]] = index; });
  });
  var years = Int32Array.from(columns.year);
  var retracted = new Uint8Array(total);
  var identity = new Int32Array(total);
  for (var i = 0; i < total; i++) {
    identity[i] = i;
    retracted[i] = columns.notice[i].indexOf(keys.status.retracted) === -1 ? 0 : 1;
  }

  /* The term indices a study has for each filter. */
  var VALUES = {
    topic: function (i) { return columns.topic[i]; },
    outcome: function (i) { return columns.finding[i].filter(function (_, k) { return k % 2 === 0; }); },
    tier: function (i) { return [tables.design[columns.design[i]][2]]; },
    design: function (i) { return [columns.design[i]]; },
    species: function (i) { return [columns.species[i]]; },
    exposure: function (i) { return columns.exposure[i]; },
    bias: function (i) { return columns.bias[i] < 0 ? [] : [columns.bias[i]]; },
    funding: function (i) { return columns.funding[i]; },
    status: function (i) { return columns.notice[i]; }
  };

  /* One mask (a byte per study) per filter value, made the first time it is asked for. */
  var masks = {};

  function mask(name, value) {
    var id = name + "=" + value;
    if (masks[id]) return masks[id];
    var found = new Uint8Array(total);
    var wanted = keys[name][value];
    if (wanted !== undefined) {
      for (var i = 0; i < total; i++) {
        if (VALUES[name](i).indexOf(wanted) !== -1) found[i] = 1;
      }
    }
    masks[id] = found;
    return found;
  }

  /* A claim and a stance are one filter: the study takes that stance on that claim. */
  function stanceMask(claim, stance) {
    var id = "claim=" + claim + "&stance=" + stance;
    if (masks[id]) return masks[id];
    var found = new Uint8Array(total);
    var c = claim ? keys.claim[claim] : -1;
    var s = stance ? keys.stance[stance] : -1;
    for (var i = 0; i < total; i++) {
      var pairs = columns.stance[i];
      for (var k = 0; k < pairs.length; k += 2) {
        if ((!claim || pairs[k] === c) && (!stance || pairs[k + 1] === s)) {
          found[i] = 1;
          break;
        }
      }
    }
    masks[id] = found;
    return found;
  }

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  /* Every word somewhere in the study's folded text. A query that extends the last one can only
     narrow it, so only the last query's matches are searched again. */
  var searched = { key: "", hits: null, mask: null };

  function search(query) {
    var words = fold(query).split(/\s+/).filter(Boolean);
    var key = words.join(" ");
    if (!key) return null;
    if (key === searched.key) return searched.mask;
    var candidates = searched.key && key.indexOf(searched.key) === 0 ? searched.hits : null;
    var texts = columns.text;
    var found = new Uint8Array(total);
    var hits = [];
    var n = candidates ? candidates.length : total;
    for (var j = 0; j < n; j++) {
      var i = candidates ? candidates[j] : j;
      var text = texts[i];
      var w = 0;
      while (w < words.length && text.indexOf(words[w]) !== -1) w++;
      if (w === words.length) {
        found[i] = 1;
        hits.push(i);
      }
    }
    searched = { key: key, hits: hits, mask: found };
    return found;
  }

  /* Sorting: an order of all studies per column and direction, made once; ties keep the order
     the build gave (newest first). */
  var collator = new Intl.Collator();
  var orders = {};
  var SORT_VALUES = {
    title: function () { return columns.title.map(function (t) { return t.toLowerCase(); }); },
    author: function () { return columns.first.map(function (t) { return t.toLowerCase(); }); },
    year: function () { return columns.year; },
    design: function () {
      return columns.design.map(function (d) { return tables.tier[tables.design[d][2]][2]; });
    },
    n: function () { return columns.n.map(function (n) { return n === null ? -1 : n; }); }
  };

  function order() {
    if (view.column < 0) return identity;
    var header = headers[view.column];
    var id = header.key + ":" + view.dir;
    if (orders[id]) return orders[id];
    var values = SORT_VALUES[header.key]();
    var text = header.kind === "text";
    var sign = view.dir === "asc" ? 1 : -1;
    var list = Array.from(identity);
    list.sort(function (a, b) {
      var by = text ? collator.compare(values[a], values[b]) : values[a] - values[b];
      return by * sign || a - b;
    });
    orders[id] = Int32Array.from(list);
    return orders[id];
  }

  /* Rows, with the markup the build writes (templates/macros.html, study_row). */
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function link(href, text) {
    var a = el("a", "", text);
    a.setAttribute("href", href);
    return a;
  }

  function cell(label, text) {
    var td = el("td", "", text);
    td.setAttribute("data-label", label);
    return td;
  }

  function badge(kind, term) {
    var span = el("span", kind + " " + kind + "-" + term[0], term[1]);
    span.setAttribute("title", term[2]);
    return span;
  }

  function thousands(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

  function labels(name, indices) {
    return indices.map(function (k) { return tables[name][k][1]; });
  }

  function row(i) {
    var id = columns.id[i];
    var tr = el("tr");
    tr.id = "study-" + id;
    if (retracted[i]) tr.className = "is-retracted";

    var study = cell("Study");
    study.appendChild(link("studies/" + encodeURIComponent(id) + ".html", columns.title[i]));
    if (columns.journal[i] >= 0) study.appendChild(el("span", "cell-note", data.journals[columns.journal[i]]));
    if (columns.notice[i].length) {
      var flags = el("span", "cell-flags");
      columns.notice[i].forEach(function (k) {
        flags.appendChild(el("span", "flag flag-" + tables.status[k][0], tables.status[k][1]));
        flags.appendChild(document.createTextNode(" "));
      });
      study.appendChild(flags);
    }
    tr.appendChild(study);
    tr.appendChild(cell("First author", columns.authors[i] || "\u2014"));
    tr.appendChild(cell("Year", String(columns.year[i])));
    tr.appendChild(cell("Design", tables.design[columns.design[i]][1]));
    var n = columns.n[i];
    var population = tables.species[columns.species[i]][1];
    tr.appendChild(cell("Population", n === null ? population : population + ", n\u00a0=\u00a0" + thousands(n)));
    tr.appendChild(cell("Exposure", labels("exposure", columns.exposure[i]).join(", ")));

    var topics = el("ul", "tags");
    columns.topic[i].forEach(function (k) {
      var key = tables.topic[k][0];
      topics.appendChild(el("li")).appendChild(link("topics/" + encodeURIComponent(key) + ".html", tables.topic[k][1]));
    });
    tr.appendChild(cell("Topics")).appendChild(topics);

    var findings = el("ul", "compact");
    var pairs = columns.finding[i];
    for (var k = 0; k < pairs.length; k += 2) {
      var item = findings.appendChild(el("li", "", tables.outcome[pairs[k]][1] + ": "));
      item.appendChild(badge("dir", tables.direction[pairs[k + 1]]));
    }
    tr.appendChild(cell("Findings")).appendChild(findings);

    var stances = columns.stance[i];
    var claims = tr.appendChild(cell("Claims", stances.length ? undefined : "\u2014"));
    if (stances.length) {
      var list = claims.appendChild(el("ul", "compact"));
      for (var s = 0; s < stances.length; s += 2) {
        var claim = tables.claim[stances[s]];
        var li = list.appendChild(el("li"));
        li.appendChild(link("claims/" + encodeURIComponent(claim[0]) + ".html", claim[1]));
        li.appendChild(document.createTextNode(": "));
        li.appendChild(badge("stance", tables.stance[stances[s + 1]]));
      }
    }
    return tr;
  }

  /* The ids of the rows in the table: the build's first page until the script renders. */
  var rendered = Array.prototype.map.call(tbody.rows, function (tr) { return tr.id.replace(/^study-/, ""); });

  function renderRows(indices) {
    var ids = [];
    for (var k = 0; k < indices.length; k++) ids.push(columns.id[indices[k]]);
    if (ids.length === rendered.length && ids.every(function (id, k) { return id === rendered[k]; })) return;
    var fragment = document.createDocumentFragment();
    for (var j = 0; j < indices.length; j++) fragment.appendChild(row(indices[j]));
    tbody.replaceChildren(fragment);
    rendered = ids;
  }

  /* The pager, as the build writes it (macros.html, pager), linking this view's other pages.
     Page numbers: the first, the last and two either side of this one (listing.window). */
  function pageWindow(current, pages) {
    var wanted = [1, pages];
    for (var n = Math.max(1, current - 2); n <= Math.min(pages, current + 2); n++) wanted.push(n);
    wanted = wanted.filter(function (n, k) { return wanted.indexOf(n) === k; }).sort(function (a, b) { return a - b; });
    var items = [];
    var previous = 0;
    wanted.forEach(function (n) {
      if (n - previous === 2) items.push(n - 1);
      else if (n - previous > 2) items.push(null);
      items.push(n);
      previous = n;
    });
    return items;
  }

  function renderPager(pages, state) {
    pager.hidden = pages < 2;
    var current = view.page;
    pager.querySelector(".pager-status").textContent = "Page " + current + " of " + pages;
    var list = el("ul", "pager-list");
    function item(number, text, rel) {
      var page = Object.assign({}, state);
      if (number > 1) page.page = String(number);
      else delete page.page;
      var a = link("#" + hashOf(page), text);
      a.setAttribute("data-page", String(number));
      if (rel) a.rel = rel;
      else a.setAttribute("aria-label", "Page " + number);
      if (!rel && number === current) a.setAttribute("aria-current", "page");
      list.appendChild(el("li")).appendChild(a);
    }
    if (current > 1) item(current - 1, "Previous", "prev");
    pageWindow(current, pages).forEach(function (n) {
      if (n === null) {
        var gap = list.appendChild(el("li", "pager-gap", "\u2026"));
        gap.setAttribute("aria-hidden", "true");
      } else {
        item(n, String(n));
      }
    });
    if (current < pages) item(current + 1, "Next", "next");
    pager.replaceChild(list, pager.querySelector(".pager-list"));
  }

  /* Filter, sort and show one page: a pass over typed arrays, then at most a page of rows. */
  var results = new Int32Array(total);

  function apply() {
    var state = readState();
    var tests = [];
    TOKEN_FILTERS.forEach(function (name) {
      if (state[name]) tests.push(mask(name, state[name]));
    });
    if (state.claim || state.stance) tests.push(stanceMask(state.claim || "", state.stance || ""));
    var words = state.q ? search(state.q) : null;
    if (words) tests.push(words);
    var from = state.from ? Number(state.from) : -Infinity;
    var to = state.to ? Number(state.to) : Infinity;
    var showRetracted = state.retracted === "1" || state.status === "retracted";
    var sorted = order();
    var tested = tests.length;
    var shown = 0;
    var hiddenRetracted = 0;
    studies: for (var j = 0; j < total; j++) {
      var i = sorted[j];
      for (var t = 0; t < tested; t++) {
        if (!tests[t][i]) continue studies;
      }
      if (years[i] < from || years[i] > to) continue;
      if (retracted[i] && !showRetracted) {
        hiddenRetracted += 1;
        continue;
      }
      results[shown++] = i;
    }
    var pages = Math.max(1, Math.ceil(shown / size));
    view.page = Math.min(Math.max(1, view.page), pages);
    var start = (view.page - 1) * size;
    renderRows(results.subarray(start, Math.min(shown, start + size)));
    var text = "Showing " + shown + " of " + total + " studies";
    if (hiddenRetracted) text += " (" + hiddenRetracted + " retracted hidden)";
    if (count.textContent !== text) count.textContent = text;
    empty.hidden = shown !== 0;
    delete state.page;
    renderPager(pages, state);
    if (view.page > 1) state.page = String(view.page);
    writeHash(state);
  }

  /* State: the form, the sort and the page, as the URL's #hash holds them. */
  function control(name) {
    return form.elements.namedItem(name);
  }

  function readState() {
    var state = {};
    FIELDS.forEach(function (name) {
      var value = control(name).value.trim();
      if (value) state[name] = value;
    });
    if (retractedSwitch && retractedSwitch.checked) state.retracted = "1";
    if (view.column >= 0) {
      state.sort = headers[view.column].key;
      state.dir = view.dir;
    }
    if (view.page > 1) state.page = String(view.page);
    return state;
  }

  function hashOf(state) {
    var params = new URLSearchParams();
    Object.keys(state).sort().forEach(function (key) { params.set(key, state[key]); });
    return params.toString();
  }

  function writeHash(state) {
    var hash = hashOf(state);
    if (hash === window.location.hash.replace(/^#/, "")) return;
    var url = hash ? "#" + hash : window.location.pathname + window.location.search;
    try {
      window.history.replaceState(null, "", url);
    } catch (error) {
      window.location.replace("#" + hash);
    }
  }

  function readHash() {
    var params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
    FIELDS.forEach(function (name) {
      var input = control(name);
      var value = params.get(name) || "";
      if (input.tagName === "SELECT" && value && !input.querySelector('option[value="' + CSS.escape(value) + '"]')) {
        value = "";
      }
      input.value = value;
    });
    if (retractedSwitch) retractedSwitch.checked = params.get("retracted") === "1";
    var column = headers.findIndex(function (header) { return header.key && header.key === params.get("sort"); });
    sortBy(column, params.get("dir") === "desc" ? "desc" : "asc");
    view.page = Math.max(1, parseInt(params.get("page"), 10) || 1);
  }

  /* Sorting: a button in each sortable header (site.css keeps room for its arrow, so adding it
     moves nothing). */
  var headers = Array.prototype.map.call(table.tHead.rows[0].cells, function (th, index) {
    var kind = th.getAttribute("data-sort");
    if (!kind) return { th: th };
    var button = el("button", "sort", th.textContent);
    button.type = "button";
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      sortBy(index, view.column === index && view.dir === "asc" ? "desc" : "asc");
      view.page = 1;
      apply();
    });
    return { th: th, button: button, kind: kind, key: th.getAttribute("data-key") };
  });

  function sortBy(column, dir) {
    view.column = column;
    view.dir = dir;
    headers.forEach(function (header, index) {
      if (!header.button) return;
      if (index === column) {
        header.th.setAttribute("aria-sort", dir === "asc" ? "ascending" : "descending");
      } else {
        header.th.removeAttribute("aria-sort");
      }
    });
  }

  /* The filter grid: shown on wide screens and folded on narrow ones by site.css until the
     reader opens or closes it here. */
  function syncToggle() {
    toggle.setAttribute("aria-expanded", String(window.getComputedStyle(grid).display !== "none"));
  }

  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") !== "true";
    more.classList.toggle("is-open", open);
    more.classList.toggle("is-closed", !open);
    syncToggle();
  });
  window.matchMedia("(max-width: 48rem)").addEventListener("change", syncToggle);

  /* Paging keeps the reader's place: the new rows' table takes the focus. */
  pager.addEventListener("click", function (event) {
    var a = event.target.closest("a[data-page]");
    if (!a || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    view.page = Number(a.getAttribute("data-page"));
    apply();
    region.focus({ preventScroll: true });
    region.scrollIntoView({ block: "start" });
  });

  function changed() {
    view.page = 1;
    apply();
  }

  document.documentElement.classList.add("js");
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  if (retractedSwitch) retractedSwitch.addEventListener("change", changed);
  form.addEventListener("reset", function () {
    window.setTimeout(function () {
      if (retractedSwitch) retractedSwitch.checked = false;
      changed();
    }, 0);
  });
  window.addEventListener("hashchange", function () {
    readHash();
    apply();
  });
  readHash();
  var filtered = Object.keys(readState()).some(function (key) {
    return ["q", "sort", "dir", "retracted", "page"].indexOf(key) === -1;
  });
  if (filtered) more.classList.add("is-open");
  syncToggle();
  apply();
})();
