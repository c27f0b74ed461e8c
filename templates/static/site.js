/* Live filtering and sorting of the study table. Without this script the full table reads;
   the filter state lives in the URL's #hash, so a filtered view can be shared. */
(function () {
  "use strict";

  var table = document.getElementById("studies");
  var form = document.getElementById("filters");
  if (!table || !form) return;

  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var count = document.getElementById("result-count");
  var empty = document.getElementById("no-results");
  var retracted = document.getElementById("show-retracted");
  var TOKEN_FILTERS = ["topic", "outcome", "tier", "design", "species", "exposure", "bias", "funding", "status"];
  var sortState = { column: -1, dir: "asc" };

  rows.forEach(function (row, index) { row.dataset.order = String(index); });

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function tokens(row, name) {
    var value = row.getAttribute("data-" + name) || "";
    return value.split(" ").filter(Boolean);
  }

  function control(name) {
    return form.elements.namedItem(name);
  }

  function readControls() {
    var state = {};
    ["q", "from", "to", "claim", "stance"].concat(TOKEN_FILTERS).forEach(function (name) {
      var value = control(name).value.trim();
      if (value) state[name] = value;
    });
    if (retracted && retracted.checked) state.retracted = "1";
    if (sortState.column >= 0) {
      state.sort = headers[sortState.column].key;
      state.dir = sortState.dir;
    }
    return state;
  }

  function matches(row, state) {
    if (state.q) {
      var text = row.getAttribute("data-text") || "";
      var words = fold(state.q).split(/\s+/).filter(Boolean);
      if (!words.every(function (word) { return text.indexOf(word) !== -1; })) return false;
    }
    for (var i = 0; i < TOKEN_FILTERS.length; i++) {
      var name = TOKEN_FILTERS[i];
      if (state[name] && tokens(row, name).indexOf(state[name]) === -1) return false;
    }
    if (state.claim || state.stance) {
      var found = tokens(row, "claim").some(function (pair) {
        var parts = pair.split(":");
        return (!state.claim || parts[0] === state.claim) && (!state.stance || parts[1] === state.stance);
      });
      if (!found) return false;
    }
    var year = Number(row.getAttribute("data-year"));
    if (state.from && year < Number(state.from)) return false;
    if (state.to && year > Number(state.to)) return false;
    var isRetracted = tokens(row, "status").indexOf("retracted") !== -1;
    if (isRetracted && !state.retracted && state.status !== "retracted") return false;
    return true;
  }

  function apply() {
    var state = readControls();
    var shown = 0;
    var hiddenRetracted = 0;
    rows.forEach(function (row) {
      var visible = matches(row, state);
      row.hidden = !visible;
      if (visible) {
        shown += 1;
      } else if (tokens(row, "status").indexOf("retracted") !== -1 && !state.retracted) {
        hiddenRetracted += matches(row, Object.assign({}, state, { retracted: "1" })) ? 1 : 0;
      }
    });
    var text = "Showing " + shown + " of " + rows.length + " studies";
    if (hiddenRetracted) text += " (" + hiddenRetracted + " retracted hidden)";
    count.textContent = text;
    empty.hidden = shown !== 0;
    writeHash(state);
  }

  function writeHash(state) {
    var params = new URLSearchParams();
    Object.keys(state).sort().forEach(function (key) { params.set(key, state[key]); });
    var hash = params.toString();
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
    ["q", "from", "to", "claim", "stance"].concat(TOKEN_FILTERS).forEach(function (name) {
      var input = control(name);
      var value = params.get(name) || "";
      if (input.tagName === "SELECT" && value && !input.querySelector('option[value="' + CSS.escape(value) + '"]')) {
        value = "";
      }
      input.value = value;
    });
    if (retracted) retracted.checked = params.get("retracted") === "1";
    var column = headers.findIndex(function (header) { return header.key && header.key === params.get("sort"); });
    sortBy(column, params.get("dir") === "desc" ? "desc" : "asc");
  }

  /* Sorting: a button in each sortable header; rows keep their original order on ties. */
  var headers = Array.prototype.map.call(table.tHead.rows[0].cells, function (th, index) {
    var kind = th.getAttribute("data-sort");
    if (!kind) return { th: th };
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      var dir = sortState.column === index && sortState.dir === "asc" ? "desc" : "asc";
      sortBy(index, dir);
      apply();
    });
    return { th: th, button: button, kind: kind, key: th.getAttribute("data-key") };
  });

  function sortValue(row, column, kind) {
    var value = row.cells[column].getAttribute("data-value") || row.cells[column].textContent;
    return kind === "number" ? Number(value) : value;
  }

  function sortBy(column, dir) {
    sortState = { column: column, dir: dir };
    headers.forEach(function (header, index) {
      if (!header.button) return;
      if (index === column) {
        header.th.setAttribute("aria-sort", dir === "asc" ? "ascending" : "descending");
      } else {
        header.th.removeAttribute("aria-sort");
      }
    });
    var ordered = rows.slice();
    if (column >= 0) {
      var kind = headers[column].kind;
      var sign = dir === "asc" ? 1 : -1;
      ordered.sort(function (a, b) {
        var x = sortValue(a, column, kind);
        var y = sortValue(b, column, kind);
        var order = kind === "number" ? x - y : String(x).localeCompare(String(y));
        return order * sign || Number(a.dataset.order) - Number(b.dataset.order);
      });
    }
    ordered.forEach(function (row) { tbody.appendChild(row); });
  }

  document.documentElement.classList.add("js");
  form.hidden = false;
  var more = document.getElementById("more-filters");
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  if (retracted) retracted.addEventListener("change", apply);
  form.addEventListener("reset", function () {
    window.setTimeout(function () {
      if (retracted) retracted.checked = false;
      apply();
    }, 0);
  });
  window.addEventListener("hashchange", function () {
    readHash();
    apply();
  });
  readHash();
  apply();
  var state = readControls();
  var filtered = Object.keys(state).some(function (key) { return ["q", "sort", "dir", "retracted"].indexOf(key) === -1; });
  more.open = filtered || window.matchMedia("(min-width: 48rem)").matches;
})();
