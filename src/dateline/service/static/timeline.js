// The timeline page's zoomable axis: each entry drawn over the days it covers (a year, a
// month, "late June", a day); clicking one opens it in the list below. Built from the
// list's own data-* attributes; the list works without it.
"use strict";

(function () {
  var NS = "http://www.w3.org/2000/svg";
  var DAY = 86400000;

  function svg(tag, attrs, text) {
    var node = document.createElementNS(NS, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  function parse(iso) { return Date.parse(iso + "T00:00:00Z"); }

  function ticks(lo, hi) {
    // Year, decade or century ticks, or months when the view is short.
    var years = (hi - lo) / (365.25 * DAY);
    var out = [];
    var start = new Date(lo).getUTCFullYear();
    var end = new Date(hi).getUTCFullYear() + 1;
    if (years < 3) {
      for (var y = start; y <= end; y++) {
        for (var m = 0; m < 12; m++) {
          var t = Date.UTC(y, m, 1);
          if (t >= lo && t <= hi && (years < 1.2 || m % 3 === 0)) out.push({ t: t, label: m === 0 ? String(y) : String(y) + "-" + String(m + 1).padStart(2, "0") });
        }
      }
      return out;
    }
    var step = years > 400 ? 100 : years > 80 ? 20 : years > 30 ? 10 : years > 12 ? 5 : years > 6 ? 2 : 1;
    for (var z = Math.floor(start / step) * step; z <= end; z += step) {
      var tz = Date.UTC(z, 0, 1);
      if (tz >= lo && tz <= hi) out.push({ t: tz, label: String(z) });
    }
    return out;
  }

  function init() {
    var box = document.getElementById("tl-axis");
    var list = document.getElementById("timeline");
    if (!box || !list) return;
    var items = [];
    list.querySelectorAll("li.entry[data-lo]").forEach(function (li) {
      items.push({ li: li, lo: parse(li.getAttribute("data-lo")), hi: parse(li.getAttribute("data-hi")) + DAY, label: li.getAttribute("data-label") });
    });
    if (!items.length) return;
    box.hidden = false;
    var area = box.querySelector("svg");
    var W = 1000, H = 40 + 18 * Math.min(items.length, 12);
    area.setAttribute("viewBox", "0 0 " + W + " " + H);
    var min = Math.min.apply(null, items.map(function (i) { return i.lo; }));
    var max = Math.max.apply(null, items.map(function (i) { return i.hi; }));
    var pad = Math.max((max - min) * 0.04, 20 * DAY);
    var full = [min - pad, max + pad];
    var view = full.slice();

    function x(t) { return ((t - view[0]) / (view[1] - view[0])) * W; }

    function open(item) {
      var details = item.li.querySelector("details");
      if (details) details.open = true;
      item.li.scrollIntoView({ block: "nearest" });
      var summary = item.li.querySelector("summary");
      if (summary) summary.focus();
    }

    function draw() {
      while (area.firstChild) area.removeChild(area.firstChild);
      ticks(view[0], view[1]).forEach(function (tk) {
        var tx = x(tk.t);
        area.appendChild(svg("line", { x1: tx, x2: tx, y1: 0, y2: H - 16, "class": "tick" }));
        area.appendChild(svg("text", { x: tx + 2, y: H - 4, "class": "tick-label" }, tk.label));
      });
      items.forEach(function (item, n) {
        var x1 = x(item.lo), x2 = x(item.hi);
        if (x2 < 0 || x1 > W) return;
        var y = 8 + 18 * (n % 12);
        var g = svg("g", { "class": "tl-item", tabindex: "0", role: "button", "aria-label": item.label });
        g.appendChild(svg("title", {}, item.label));
        g.appendChild(svg("rect", { x: Math.max(x1, -5), y: y, width: Math.max(x2 - x1, 4), height: 12, rx: 2, "class": "tl-bar" }));
        var after = Math.max(x1, 0) + Math.max(x2 - x1, 4) + 4;
        var room = item.label.length * 6.5;
        var label = after + room < W
          ? svg("text", { x: after, y: y + 10, "class": "tl-label" }, item.label)
          : svg("text", { x: Math.max(x1, 0) - 4, y: y + 10, "class": "tl-label", "text-anchor": "end" }, item.label);
        g.appendChild(label);
        g.addEventListener("click", function () { open(item); });
        g.addEventListener("keydown", function (ev) { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); open(item); } });
        area.appendChild(g);
      });
    }

    function zoom(factor, at) {
      var centre = at === undefined ? (view[0] + view[1]) / 2 : at;
      var span = Math.max((view[1] - view[0]) * factor, 10 * DAY);
      span = Math.min(span, (full[1] - full[0]) * 4);
      var share = (centre - view[0]) / (view[1] - view[0]);
      view = [centre - span * share, centre + span * (1 - share)];
      draw();
    }

    box.querySelectorAll("[data-zoom]").forEach(function (b) {
      b.addEventListener("click", function () {
        var how = b.getAttribute("data-zoom");
        if (how === "in") zoom(0.5);
        else if (how === "out") zoom(2);
        else { view = full.slice(); draw(); }
      });
    });
    area.addEventListener("wheel", function (ev) {
      ev.preventDefault();
      var rect = area.getBoundingClientRect();
      var at = view[0] + ((ev.clientX - rect.left) / rect.width) * (view[1] - view[0]);
      zoom(ev.deltaY < 0 ? 0.8 : 1.25, at);
    }, { passive: false });
    var drag = null;
    area.addEventListener("pointerdown", function (ev) { drag = { x: ev.clientX, view: view.slice() }; });
    window.addEventListener("pointerup", function () { drag = null; });
    area.addEventListener("pointermove", function (ev) {
      if (!drag || Math.abs(ev.clientX - drag.x) < 4) return;
      var rect = area.getBoundingClientRect();
      var shift = ((ev.clientX - drag.x) / rect.width) * (drag.view[1] - drag.view[0]);
      view = [drag.view[0] - shift, drag.view[1] - shift];
      draw();
    });
    box.addEventListener("keydown", function (ev) {
      if (ev.key === "+" || ev.key === "=") zoom(0.5);
      else if (ev.key === "-") zoom(2);
    });
    draw();
  }

  window.addEventListener("DOMContentLoaded", init);
})();
