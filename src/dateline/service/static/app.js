// dateline's pages: small enhancements; every page works without this file.
"use strict";

(function () {
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // Land on the highlighted sentence of an article (…?hl=START-END#hl).
  function focusHighlight() {
    var mark = document.getElementById("hl");
    if (!mark) return;
    mark.scrollIntoView({ block: "center" });
    mark.focus({ preventScroll: true });
  }

  // "/" jumps to the search box, as on most sites.
  function shortcuts() {
    document.addEventListener("keydown", function (ev) {
      if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey) return;
      var t = ev.target;
      if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT")) return;
      var box = document.getElementById("top-q");
      if (box) { ev.preventDefault(); box.focus(); box.select(); }
    });
  }

  // Jump links in an article's side bar focus the quote they point to.
  function jumps() {
    document.querySelectorAll("a.jump").forEach(function (a) {
      a.addEventListener("click", function () {
        var target = document.getElementById(a.getAttribute("href").slice(1));
        if (target) { target.setAttribute("tabindex", "-1"); target.focus(); }
      });
    });
  }

  // An entity's timeline, loaded after the page (the page never waits on it).
  function lazyTimelines() {
    document.querySelectorAll(".lazy-timeline[data-src]").forEach(function (box) {
      var status = el("p", { "class": "loading", "role": "status" }, "Building the timeline…");
      box.appendChild(status);
      fetch(box.getAttribute("data-src"), { headers: { "Accept": "application/json" } })
        .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
        .then(function (res) {
          status.remove();
          if (!res.ok) {
            box.appendChild(el("p", { "class": "error" }, (res.body.error || {}).message || "No timeline."));
            return;
          }
          var entries = res.body.entries || [];
          if (!entries.length) { box.appendChild(el("p", {}, "No dated sentences yet.")); return; }
          var list = el("ol", { "class": "timeline compact" });
          entries.forEach(function (e) {
            var li = el("li", { "class": "entry" });
            li.appendChild(el("time", { "class": "when", "datetime": e.date }, (e.mod ? e.mod.toLowerCase() + " " : "") + e.date));
            li.appendChild(document.createTextNode(" "));
            var src = (e.sources || [])[0];
            if (src) {
              var a = el("a", { "href": "/articles/" + encodeURIComponent(src.article) + "?hl=" + src.start + "-" + src.end + "#hl" }, e.summary);
              li.appendChild(a);
            } else {
              li.appendChild(el("span", {}, e.summary));
            }
            li.appendChild(el("span", { "class": "count" }, " " + (e.sources || []).length + " sources"));
            list.appendChild(li);
          });
          box.appendChild(list);
        })
        .catch(function () { status.textContent = "The timeline could not be loaded."; });
    });
  }

  window.addEventListener("DOMContentLoaded", function () {
    focusHighlight();
    shortcuts();
    jumps();
    lazyTimelines();
  });
})();
