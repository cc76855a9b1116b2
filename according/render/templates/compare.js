(function () {
  "use strict";
  var popup = document.getElementById("popup");
  if (!popup) { return; }
  var pinned = null;
  var current = null;

  function ids(el) {
    var v = el.getAttribute("data-c");
    return v ? v.split(" ") : [];
  }

  function setActive(el, on) {
    ids(el).forEach(function (c) {
      document.querySelectorAll("mark.chg[data-c]").forEach(function (m) {
        if (ids(m).indexOf(c) >= 0) { m.classList.toggle("active", on); }
      });
      var item = document.getElementById("change-" + c);
      if (item) { item.classList.toggle("active", on); }
    });
  }

  function show(el) {
    if (current && current !== el) { setActive(current, false); }
    current = el;
    while (popup.firstChild) { popup.removeChild(popup.firstChild); }
    ids(el).forEach(function (c) {
      var item = document.getElementById("change-" + c);
      if (item) {
        var copy = item.cloneNode(true);
        copy.removeAttribute("id");
        copy.classList.remove("active");
        popup.appendChild(copy);
      }
    });
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

  function markOf(t) { return t && t.closest ? t.closest("mark.chg[data-c]") : null; }

  document.addEventListener("mouseover", function (ev) {
    var m = markOf(ev.target);
    if (m && !pinned) { show(m); }
  });
  document.addEventListener("mouseout", function (ev) {
    var m = markOf(ev.target);
    if (m && !pinned && markOf(ev.relatedTarget) !== m) { hide(); }
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
    if (m) { show(m); pinned = m; } else if (!popup.contains(ev.target)) { hide(); }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { hide(); }
  });
})();
