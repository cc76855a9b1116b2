(function () {
  "use strict";
  var popup = document.getElementById("popup");
  if (!popup) { return; }
  var pinned = null;
  var current = null;

  function ids(el, name) {
    var v = el.getAttribute(name);
    return v ? v.split(" ") : [];
  }

  function related(el) {
    var out = [];
    ids(el, "data-a").forEach(function (a) {
      var card = document.getElementById("card-" + a);
      if (card) { out.push(card); }
    });
    if (!out.length) {
      ids(el, "data-s").forEach(function (s) {
        var row = document.getElementById("source-" + s);
        if (row) { out.push(row); }
      });
    }
    return out;
  }

  function setActive(el, on) {
    ids(el, "data-a").forEach(function (a) {
      document.querySelectorAll("mark.hl[data-a]").forEach(function (m) {
        if (ids(m, "data-a").indexOf(a) >= 0) { m.classList.toggle("active", on); }
      });
    });
    ids(el, "data-s").forEach(function (s) {
      var row = document.getElementById("source-" + s);
      if (row) { row.classList.toggle("active", on); }
    });
  }

  function fill(el) {
    while (popup.firstChild) { popup.removeChild(popup.firstChild); }
    related(el).forEach(function (node) {
      var copy;
      if (node.tagName === "TR") {
        copy = document.createElement("div");
        copy.className = "card";
        copy.textContent = node.textContent.replace(/\s+/g, " ").trim();
      } else {
        copy = node.cloneNode(true);
        copy.removeAttribute("id");
      }
      popup.appendChild(copy);
    });
  }

  function show(el) {
    if (current && current !== el) { setActive(current, false); }
    current = el;
    fill(el);
    if (!popup.firstChild) { hide(); return; }
    setActive(el, true);
    popup.hidden = false;
    var r = el.getBoundingClientRect();
    var left = Math.max(8, Math.min(window.scrollX + r.left,
      window.scrollX + document.documentElement.clientWidth - popup.offsetWidth - 8));
    popup.style.left = left + "px";
    popup.style.top = (window.scrollY + r.bottom + 6) + "px";
  }

  function hide() {
    if (current) { setActive(current, false); }
    current = null;
    pinned = null;
    popup.hidden = true;
  }

  function markOf(target) {
    return target && target.closest ? target.closest("mark.hl[data-a], mark.hl[data-s]") : null;
  }

  document.addEventListener("mouseover", function (ev) {
    var m = markOf(ev.target);
    if (m && !pinned) { show(m); }
  });
  document.addEventListener("mouseout", function (ev) {
    var m = markOf(ev.target);
    if (m && !pinned && !popup.contains(ev.relatedTarget) && markOf(ev.relatedTarget) !== m) {
      hide();
    }
  });
  document.addEventListener("focusin", function (ev) {
    var m = markOf(ev.target);
    if (m) { show(m); pinned = m; }
  });
  document.addEventListener("focusout", function (ev) {
    var m = markOf(ev.target);
    if (m && pinned === m && !popup.contains(ev.relatedTarget)) { hide(); }
  });
  document.addEventListener("click", function (ev) {
    var m = markOf(ev.target);
    if (m) { show(m); pinned = m; } else if (!popup.contains(ev.target)) {
      hide();
    }
  });
  document.addEventListener("keydown", function (ev) {
    var m = markOf(ev.target);
    if (ev.key === "Escape") { hide(); }
    else if (m && (ev.key === "Enter" || ev.key === " ")) {
      ev.preventDefault();
      show(m);
      pinned = m;
    }
  });
})();
